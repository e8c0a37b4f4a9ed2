/**
 * Runs one episode: the harness's parts around the model, an environment underneath (Hearth's
 * simulator or a peer benchmark, through the protocol in `envs/protocol.ts`), every step written
 * to a trace. Failures inside the episode (model errors, a part throwing, the environment failing)
 * become events and a failed episode; only programming errors (a broken part contract, a bad spec,
 * a spec that needs what the environment lacks) throw.
 */
import { hashJson, type PhysicsMode, type WorldSpec } from '../../sim/index.ts';
import { HEARTH_VERSION } from '../../sim/version.ts';
import { EnvError, type EnvTask, type Environment, type StepAnswer } from '../../envs/protocol.ts';
import { createHearthEnvironment, type HearthViewMode } from '../../envs/hearth/hearth-env.ts';
import type { ModelBackend } from '../models/model-backend.ts';
import { TRACE_FORMAT_VERSION, type Termination, type Trace, type TraceEvent, type TraceHeader } from '../trace/trace-events.ts';
import type { BuiltHarness } from './build-harness.ts';
import { assertHarnessFits } from './capabilities.ts';
import { createEpisodeSession, EpisodeStop, type EpisodeSession } from './episode-session.ts';
import { initialView, nextView } from './harness-view.ts';
import { emptyTurn } from './hooks.ts';
import { chooseAction } from './choose-action.ts';

interface EpisodeCommon {
  seed: number;
  model: ModelBackend;
  harness: BuiltHarness;
  /** Each event as it happens (live display). */
  onEvent?: (event: TraceEvent) => void;
  /** Hard cap on selector retries per step when validators keep sending the action back (default 4). */
  maxRetries?: number;
  /** Per model call (default 60 s). */
  modelTimeoutMs?: number;
}

/** Everything one episode needs: a Hearth scenario (the runner makes its environment), or any environment and one of its tasks (the caller owns the environment). */
export type RunEpisodeOptions = EpisodeCommon &
  ({ scenario: WorldSpec; physics?: PhysicsMode; view?: HearthViewMode } | { env: Environment; task: EnvTask });

interface Outcome {
  termination: Termination;
  success: boolean;
  reward: number;
}

/** The runner options that change outcomes, when a caller does not set them (traces record them). */
export const RUNNER_DEFAULTS = { maxRetries: 4, modelTimeoutMs: 60_000 } as const;

/** Plays one episode and returns its complete trace. */
export async function runEpisode(options: RunEpisodeOptions): Promise<Trace> {
  if ('env' in options) return playOn(options.env, options.task, options);
  const env = createHearthEnvironment({ physics: options.physics ?? 'kinematic', view: options.view ?? 'full' });
  return playOn(env, { id: options.scenario.id, data: options.scenario }, options);
}

async function playOn(env: Environment, task: EnvTask, options: EpisodeCommon): Promise<Trace> {
  const { seed, model, harness } = options;
  assertHarnessFits(harness, env.description);
  const maxRetries = options.maxRetries ?? RUNNER_DEFAULTS.maxRetries;
  const modelTimeoutMs = options.modelTimeoutMs ?? RUNNER_DEFAULTS.modelTimeoutMs;
  const { description } = env;
  const physics = description.id === 'hearth' ? (description.params.physics as PhysicsMode) : undefined;
  const header = (taskType: string | null): TraceHeader => ({
    type: 'header', formatVersion: TRACE_FORMAT_VERSION, harnessId: harness.id, harness: harness.spec, model: model.info,
    scenario: { id: task.id, seed, taskType, ...(task.data !== undefined ? { sha256: hashJson(task.data) } : {}) },
    ...(physics ? { physics } : {}),
    env: { id: description.id, version: description.version, params: description.params, capabilities: [...description.capabilities] },
    runner: { maxRetries, modelTimeoutMs, chooser: model.pick ? 'null' : 'model' }, hearthVersion: HEARTH_VERSION,
  });
  const events: TraceEvent[] = [];
  let reset;
  try {
    reset = await env.reset({ task, seed });
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    // The episode never started: a trace with the error and a failed end, so a run records it and goes on.
    events.push({ type: 'env-error', step: 0, kind: error.kind, message: error.message });
    events.push({ type: 'episode-end', step: 0, success: false, steps: 0, termination: 'env-error', reward: 0, score: 0, modelCalls: 0, tokens: 0, computedTokens: 0 });
    return { header: header(null), events };
  }
  const session = createEpisodeSession({
    view: initialView(reset, description.capabilities),
    harness,
    model,
    modelTimeoutMs,
    episodeKey: `${task.id}#${seed}`,
    onEvent: options.onEvent,
  });
  await model.resetCache();
  session.emit({ type: 'episode-start', goal: reset.goal, ...(reset.structure ? { goalTree: reset.structure.goalTree } : {}), stepLimit: session.view.stepLimit, observation: session.view.observation.text });
  const outcome = await playEpisode(session, env, maxRetries);
  await endHooks(session);
  const { modelCalls, tokens, computedTokens } = session.counters;
  const stateHash = await env.stateHash().catch(() => null);
  session.emit({ type: 'episode-end', success: outcome.success, steps: session.view.step, termination: outcome.termination, reward: outcome.reward, score: session.view.score, modelCalls, tokens, computedTokens, ...(stateHash ? { stateHash } : {}) });
  return { header: header(reset.info.taskType), events: session.events };
}

async function playEpisode(session: EpisodeSession, env: Environment, maxRetries: number): Promise<Outcome> {
  try {
    await session.runHook('episode-start', emptyTurn());
    while (session.view.step < session.view.stepLimit) {
      const result = await playStep(session, env, maxRetries);
      if (result === 'stopped') return { termination: 'harness-stop', success: false, reward: 0 };
      if (result.won) return { termination: 'success', success: true, reward: result.reward };
      if (result.done && !result.truncated) return { termination: 'lost', success: false, reward: result.reward };
      if (result.done) break;
      await applyRewrite(session);
    }
    return { termination: 'step-limit', success: false, reward: 0 };
  } catch (error) {
    if (!(error instanceof EpisodeStop)) throw error;
    return { termination: error.termination, success: false, reward: 0 };
  }
}

/** One step: hooks, choice (with retries), the world's answer, hooks. */
async function playStep(session: EpisodeSession, env: Environment, maxRetries: number): Promise<StepAnswer | 'stopped'> {
  session.step = session.view.step + 1;
  session.emit({ type: 'step-start' });
  const turn = emptyTurn();
  await session.runHook('step-start', turn);
  if (turn.control.stop) return stopped(session, turn.control.stop);
  await chooseAction(session, turn, maxRetries);
  if (turn.control.stop) return stopped(session, turn.control.stop);
  // A selector always answers; `look` only guards against a part that cleared the action.
  const action = turn.action ?? 'look';
  const result = await stepEnv(session, env, action);
  session.view = nextView(session.view, action, result);
  session.emit({ type: 'action-apply', action, feedback: result.feedback, reason: result.info.reason, success: result.info.success !== false });
  await session.runHook('after-action', turn);
  await session.runHook('step-end', turn);
  return result;
}

/** The environment's answer; its failure is an `env-error` event and ends the episode. */
async function stepEnv(session: EpisodeSession, env: Environment, action: string): Promise<StepAnswer> {
  try {
    return await env.step(action);
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    session.emit({ type: 'env-error', kind: error.kind, message: error.message });
    throw new EpisodeStop('env-error', error.message);
  }
}

/** Between turns: a rewrite a part asked for takes effect; its new parts start as at episode start. */
async function applyRewrite(session: EpisodeSession): Promise<void> {
  const fresh = session.takeRewrite();
  if (fresh?.length) await session.runHook('episode-start', emptyTurn(), fresh);
}

function stopped(session: EpisodeSession, why: string): 'stopped' {
  session.emit({ type: 'control', part: 'runner', signal: 'stop', detail: why });
  return 'stopped';
}

/** `episode-end` runs even after a failure; a part failing there is recorded, not fatal. */
async function endHooks(session: EpisodeSession): Promise<void> {
  try {
    await session.runHook('episode-end', emptyTurn());
  } catch (error) {
    if (!(error instanceof EpisodeStop)) throw error;
  }
}
