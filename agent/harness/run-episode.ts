/**
 * Runs one episode: the harness's parts around the model, the simulator underneath, every step
 * written to a trace. Failures inside the episode (model errors, a part throwing) become events and
 * a failed episode; only programming errors (a broken part contract, a bad spec) throw.
 */
import { createEnvWithPhysics, taskTypeOf, type HearthEnv, type PhysicsMode, type StepResult, type WorldSpec } from '../../sim/index.ts';
import type { ModelBackend } from '../models/model-backend.ts';
import { TRACE_FORMAT_VERSION, type Termination, type Trace, type TraceEvent, type TraceHeader } from '../trace/trace-events.ts';
import type { BuiltHarness } from './build-harness.ts';
import { createEpisodeSession, EpisodeStop, type EpisodeSession } from './episode-session.ts';
import { initialView, nextView } from './harness-view.ts';
import { emptyTurn } from './hooks.ts';
import { chooseAction } from './choose-action.ts';
import { hashJson } from '../../sim/index.ts';
import { HEARTH_VERSION } from '../version.ts';

/** Everything one episode needs. */
export interface RunEpisodeOptions {
  scenario: WorldSpec;
  seed: number;
  model: ModelBackend;
  harness: BuiltHarness;
  physics?: PhysicsMode;
  /** Each event as it happens (live display). */
  onEvent?: (event: TraceEvent) => void;
  /** Hard cap on selector retries per step when validators keep sending the action back (default 4). */
  maxRetries?: number;
  /** Per model call (default 60 s). */
  modelTimeoutMs?: number;
}

interface Outcome {
  termination: Termination;
  success: boolean;
  reward: number;
}

/** The runner options that change outcomes, when a caller does not set them (traces record them). */
export const RUNNER_DEFAULTS = { maxRetries: 4, modelTimeoutMs: 60_000 } as const;

/** Plays one episode and returns its complete trace. */
export async function runEpisode(options: RunEpisodeOptions): Promise<Trace> {
  const { scenario, seed, model, harness } = options;
  const physics = options.physics ?? 'kinematic';
  const taskType = taskTypeOf(scenario);
  const maxRetries = options.maxRetries ?? RUNNER_DEFAULTS.maxRetries;
  const modelTimeoutMs = options.modelTimeoutMs ?? RUNNER_DEFAULTS.modelTimeoutMs;
  const header: TraceHeader = {
    type: 'header', formatVersion: TRACE_FORMAT_VERSION, harnessId: harness.id, harness: harness.spec, model: model.info,
    scenario: { id: scenario.id, seed, taskType, sha256: hashJson(scenario) }, physics,
    runner: { maxRetries, modelTimeoutMs, chooser: model.pick ? 'null' : 'model' }, hearthVersion: HEARTH_VERSION,
  };
  const env = createEnvWithPhysics(physics);
  const reset = env.reset({ scenario, seed });
  const session = createEpisodeSession({
    view: initialView(reset, env.validActions(), taskType),
    harness,
    model,
    modelTimeoutMs,
    episodeKey: `${scenario.id}#${seed}`,
    onEvent: options.onEvent,
  });
  await model.resetCache();
  session.emit({ type: 'episode-start', goal: reset.goal.text, goalTree: reset.goal.tree, stepLimit: session.view.stepLimit, observation: session.view.observation.text });
  const outcome = await playEpisode(session, env, maxRetries);
  await endHooks(session);
  const { modelCalls, tokens, computedTokens } = session.counters;
  session.emit({ type: 'episode-end', success: outcome.success, steps: session.view.step, termination: outcome.termination, reward: outcome.reward, modelCalls, tokens, computedTokens, stateHash: env.stateHash() });
  return { header, events: session.events };
}

async function playEpisode(session: EpisodeSession, env: HearthEnv, maxRetries: number): Promise<Outcome> {
  try {
    await session.runHook('episode-start', emptyTurn());
    while (session.view.step < session.view.stepLimit) {
      const result = await playStep(session, env, maxRetries);
      if (result === 'stopped') return { termination: 'harness-stop', success: false, reward: 0 };
      if (result.terminated) return { termination: 'success', success: true, reward: result.reward };
      if (result.truncated) break;
      await applyRewrite(session);
    }
    return { termination: 'step-limit', success: false, reward: 0 };
  } catch (error) {
    if (!(error instanceof EpisodeStop)) throw error;
    return { termination: error.termination, success: false, reward: 0 };
  }
}

/** One step: hooks, choice (with retries), the world's answer, hooks. */
async function playStep(session: EpisodeSession, env: HearthEnv, maxRetries: number): Promise<StepResult | 'stopped'> {
  session.step = session.view.step + 1;
  session.emit({ type: 'step-start' });
  const turn = emptyTurn();
  await session.runHook('step-start', turn);
  if (turn.control.stop) return stopped(session, turn.control.stop);
  await chooseAction(session, turn, maxRetries);
  if (turn.control.stop) return stopped(session, turn.control.stop);
  // A selector always answers; `look` only guards against a part that cleared the action.
  const action = turn.action ?? 'look';
  const result = env.step(action);
  session.view = nextView(session.view, action, result, env.validActions());
  session.emit({ type: 'action-apply', action, feedback: result.feedback, reason: result.info.reason, success: result.info.success });
  await session.runHook('after-action', turn);
  await session.runHook('step-end', turn);
  return result;
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
