/**
 * Runs one episode: the harness's parts around the model, the simulator underneath, every step
 * written to a trace. Failures inside the episode (model errors, a part throwing) become events and
 * a failed episode; only programming errors (a broken part contract, a bad spec) throw.
 */
import { createEnvWithPhysics, type PhysicsMode, type WorldSpec } from '../../sim/index.ts';
import type { ModelBackend } from '../models/model-backend.ts';
import { ModelError } from '../models/model-error.ts';
import { TRACE_FORMAT_VERSION, traceEventSchema, type Trace, type TraceEvent } from '../trace/trace-events.ts';
import type { BuiltHarness, LivePart } from './build-harness.ts';
import type { HookContext, SelectContext } from './define-part.ts';
import type { HarnessView } from './harness-view.ts';
import { emptyTurn, type HookName, type TurnState } from './hooks.ts';
import { callChecked } from './contract.ts';
import { HarnessError } from './harness-error.ts';

/** The three views as plain data (the Env computes them lazily). */
function plain(observation: { text: string; json: HarnessView['observation']['json']; ascii: string }): HarnessView['observation'] {
  return { text: observation.text, json: observation.json, ascii: observation.ascii };
}

export interface RunEpisodeOptions {
  scenario: WorldSpec;
  seed: number;
  model: ModelBackend;
  harness: BuiltHarness;
  physics?: PhysicsMode;
  /** Each event as it happens (live display). */
  onEvent?: (event: TraceEvent) => void;
  /** Selector retries when a validator sends the action back (default 2). */
  maxRetries?: number;
  /** Per model call (default 60 s). */
  modelTimeoutMs?: number;
}

class EpisodeStop extends Error {
  constructor(readonly termination: 'model-error' | 'part-error', message: string) {
    super(message);
  }
}

export async function runEpisode(options: RunEpisodeOptions): Promise<Trace> {
  const { scenario, seed, model, harness } = options;
  const physics = options.physics ?? 'kinematic';
  const taskType = scenario.tags?.find((tag) => tag.startsWith('task:'))?.slice(5) ?? null;
  const events: TraceEvent[] = [];
  const emit = (event: TraceEvent): void => {
    const parsed = traceEventSchema.parse(event);
    events.push(parsed);
    options.onEvent?.(parsed);
  };
  const header = { type: 'header' as const, formatVersion: TRACE_FORMAT_VERSION, harnessId: harness.id, harness: harness.spec, model: model.info, scenario: { id: scenario.id, seed, taskType }, physics };
  const env = createEnvWithPhysics(physics);
  const reset = env.reset({ scenario, seed });
  const stepLimit = reset.info.stepLimit;
  const view: HarnessView = { goal: reset.goal, observation: plain(reset.observation), validActions: env.validActions(), last: null, step: 0, stepLimit, history: [], taskType };
  const stores = new Map<LivePart, Record<string, unknown>>();
  const storeOf = (part: LivePart): Record<string, unknown> => stores.get(part) ?? (stores.set(part, {}), stores.get(part)!);
  let modelCalls = 0;
  let tokens = 0;
  await model.resetCache();
  emit({ type: 'episode-start', goal: reset.goal.text, stepLimit, observation: view.observation.text });

  const runHook = async (hook: HookName, turn: TurnState): Promise<void> => {
    for (const part of harness.parts) {
      const context: HookContext = { view, turn, store: storeOf(part), texts: harness.spec.texts, emit };
      try {
        await callChecked(part, hook, context);
      } catch (error) {
        if (error instanceof HarnessError || error instanceof EpisodeStop) throw error;
        emit({ type: 'part-error', step: view.step, part: part.name, hook, message: (error as Error).message });
        throw new EpisodeStop('part-error', (error as Error).message);
      }
    }
  };
  const recordModel = <T extends { usage: { promptTokens: number; completionTokens: number }; timings: object }>(part: string, kind: 'generate' | 'score', input: unknown) =>
    async (call: () => Promise<T>, output: (result: T) => unknown): Promise<T> => {
      modelCalls += 1;
      try {
        const result = await call();
        tokens += result.usage.promptTokens + result.usage.completionTokens;
        emit({ type: 'model-call', step: view.step, part, kind, input, output: output(result), usage: result.usage as never, timings: result.timings as never });
        return result;
      } catch (error) {
        if (!(error instanceof ModelError)) throw error;
        emit({ type: 'model-call', step: view.step, part, kind, input, output: null, error: { reason: error.reason, message: error.message } });
        throw new EpisodeStop('model-error', error.message);
      }
    };

  let termination: 'success' | 'step-limit' | 'model-error' | 'harness-stop' | 'part-error' = 'step-limit';
  let success = false;
  let reward = 0;
  try {
    while (view.step < stepLimit) {
      emit({ type: 'step-start', step: view.step + 1 });
      const turn = emptyTurn();
      await runHook('step-start', turn);
      if (turn.control.stop) { termination = 'harness-stop'; break; }
      const selector = turn.control.selector ? harness.selectorNamed(turn.control.selector) : harness.selector;
      for (let attempt = 0; attempt <= (options.maxRetries ?? 2); attempt += 1) {
        await runHook('before-model', turn);
        const messages = harness.promptBuilder.instance.build!(turn, view);
        const timeoutMs = options.modelTimeoutMs ?? 60_000;
        const selectContext: SelectContext = {
          view, turn, store: storeOf(selector), texts: harness.spec.texts, emit, messages, modelInfo: model.info,
          generate: (request) => recordModel<Awaited<ReturnType<ModelBackend['generate']>>>(selector.name, 'generate', request)(() => model.generate({ timeoutMs, ...request }), (r) => r.text),
          scoreChoices: (request) => recordModel<Awaited<ReturnType<ModelBackend['scoreChoices']>>>(selector.name, 'score', request)(() => model.scoreChoices({ timeoutMs, ...request }), (r) => r.scores),
        };
        const choice = await selectWithGuard(selector, selectContext, view.step + 1);
        turn.action = choice.action;
        turn.thought = choice.thought ?? null;
        emit({ type: 'action-select', step: view.step + 1, part: selector.name, action: choice.action, thought: turn.thought, guessed: choice.guessed ?? false });
        await runHook('after-model', turn);
        turn.retry = null;
        await runHook('before-action', turn);
        if (!turn.retry) break;
      }
      const action = turn.action ?? 'look';
      const result = env.step(action);
      view.step = result.info.step;
      view.history.push({ action, feedback: result.feedback, success: result.info.success });
      view.last = { action, feedback: result.feedback, reason: result.info.reason, success: result.info.success };
      view.observation = plain(result.observation);
      view.validActions = env.validActions();
      emit({ type: 'action-apply', step: view.step, action, feedback: result.feedback, reason: result.info.reason, success: result.info.success });
      await runHook('after-action', turn);
      await runHook('step-end', turn);
      if (result.terminated) { termination = 'success'; success = true; reward = result.reward; break; }
      if (result.truncated) break;
    }
  } catch (error) {
    if (!(error instanceof EpisodeStop)) throw error;
    termination = error.termination;
  }
  await runHookSafely(harness, 'episode-end', view, storeOf, emit);
  emit({ type: 'episode-end', success, steps: view.step, termination, reward, modelCalls, tokens });
  return { header, events };
}

async function selectWithGuard(selector: LivePart, context: SelectContext, step: number) {
  try {
    return await selector.instance.select!(context);
  } catch (error) {
    if (error instanceof EpisodeStop) throw error;
    context.emit({ type: 'part-error', step, part: selector.name, hook: 'select', message: (error as Error).message });
    throw new EpisodeStop('part-error', (error as Error).message);
  }
}

async function runHookSafely(harness: BuiltHarness, hook: HookName, view: HarnessView, storeOf: (part: LivePart) => Record<string, unknown>, emit: (event: TraceEvent) => void): Promise<void> {
  for (const part of harness.parts) {
    try {
      await callChecked(part, hook, { view, turn: emptyTurn(), store: storeOf(part), texts: harness.spec.texts, emit });
    } catch (error) {
      emit({ type: 'part-error', step: view.step, part: part.name, hook, message: (error as Error).message });
    }
  }
}
