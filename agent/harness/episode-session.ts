/**
 * The bookkeeping of one episode: the current view, the events, each part's store, the model
 * wrapped so every call is traced, hook calls with contract checks, and mid-episode rewrites
 * (`episode-rewrite.ts`). Failures inside the episode become events plus an `EpisodeStop`; only
 * programming errors propagate.
 */
import type { ModelBackend, Timings, Usage } from '../models/model-backend.ts';
import { ModelError } from '../models/model-error.ts';
import { traceEventSchema, type Termination, type TraceEvent, type TraceEventInput } from '../trace/trace-events.ts';
import type { BuiltHarness, EpisodeParts, LivePart } from './build-harness.ts';
import type { HookContext, PartInstance, RecordedModel } from './define-part.ts';
import { createEpisodeRewriter } from './episode-rewrite.ts';
import type { HarnessView } from './harness-view.ts';
import type { HookName, TurnState } from './hooks.ts';
import { callChecked } from './contract.ts';
import { HarnessError } from './harness-error.ts';

/** Ends an episode early with a failed outcome (not an exception that leaves `runEpisode`). */
export class EpisodeStop extends Error {
  override readonly name = 'EpisodeStop';
  constructor(readonly termination: Exclude<Termination, 'success' | 'step-limit'>, message: string) {
    super(message);
  }
}

/** One episode's state, shared by the runner's functions. */
export interface EpisodeSession {
  view: HarnessView;
  /** The step being decided (1-based); 0 at episode start. */
  step: number;
  /** The live parts; replaced (unchanged ones carried over) when a part rewrote the harness. */
  parts: EpisodeParts;
  readonly events: TraceEvent[];
  /** `tokens`: prompt + completion tokens of every call; `computedTokens`: the same less the prompt tokens served from the KV cache (what the model really computed). */
  readonly counters: { modelCalls: number; tokens: number; computedTokens: number };
  /** The null chooser's pick (see `ModelBackend.pick`), or null when a real model chooses. */
  readonly pick: ((options: readonly string[], key: string) => number) | null;
  /** Names this episode in the null chooser's keys: `scenario#seed`. */
  readonly episodeKey: string;
  emit(event: TraceEventInput): void;
  /** The context `part` gets at a hook (or when selecting). */
  contextFor(part: LivePart, turn: TurnState): HookContext;
  /** Calls `hook` on every hooked part (or on `parts`) in order; a part that throws stops the episode. */
  runHook(hook: HookName, turn: TurnState, parts?: readonly LivePart[]): Promise<void>;
  /** Between turns: applies a rewrite a part asked for, returning the parts that are new (null when none was asked for). */
  takeRewrite(): LivePart[] | null;
}

export interface SessionOptions {
  view: HarnessView;
  harness: BuiltHarness;
  model: ModelBackend;
  modelTimeoutMs: number;
  episodeKey: string;
  onEvent?: (event: TraceEvent) => void;
}

/** Runs a model call, records it as a `model-call` event, and turns a ModelError into an EpisodeStop. */
async function recordCall<T extends { usage: Usage; timings: Timings }>(
  session: EpisodeSession,
  call: { part: string; kind: 'generate' | 'score'; input: unknown },
  run: () => Promise<T>,
  output: (result: T) => unknown,
): Promise<T> {
  session.counters.modelCalls += 1;
  try {
    const result = await run();
    session.counters.tokens += result.usage.promptTokens + result.usage.completionTokens;
    session.counters.computedTokens += result.usage.promptTokens - result.usage.cachedPromptTokens + result.usage.completionTokens;
    session.emit({ type: 'model-call', ...call, output: output(result), usage: result.usage, timings: result.timings });
    return result;
  } catch (error) {
    if (!(error instanceof ModelError)) throw error;
    session.emit({ type: 'model-call', ...call, output: null, error: { reason: error.reason, message: error.message } });
    throw new EpisodeStop(error.reason === 'cancelled' ? 'cancelled' : 'model-error', `${call.part}: ${error.message}`);
  }
}

function recordedModel(session: EpisodeSession, model: ModelBackend, part: string, timeoutMs: number): RecordedModel {
  return {
    info: model.info,
    generate: (request) => recordCall(session, { part, kind: 'generate', input: request }, () => model.generate({ timeoutMs, ...request }), (result) => result.text),
    scoreChoices: (request) => recordCall(session, { part, kind: 'score', input: request }, () => model.scoreChoices({ timeoutMs, ...request }), (result) => result.scores),
  };
}

/** Starts the bookkeeping for one episode. */
export function createEpisodeSession(options: SessionOptions): EpisodeSession {
  // Keyed by instance: a part carried over by a rewrite keeps its store.
  const stores = new Map<PartInstance, Record<string, unknown>>();
  const models = new Map<string, RecordedModel>();
  const rewriter = createEpisodeRewriter(options.harness);
  const session: EpisodeSession = {
    view: options.view,
    step: 0,
    parts: options.harness.instantiate(),
    events: [],
    counters: { modelCalls: 0, tokens: 0, computedTokens: 0 },
    pick: options.model.pick ? options.model.pick.bind(options.model) : null,
    episodeKey: options.episodeKey,
    emit(input) {
      const event = traceEventSchema.parse({ ...input, step: session.step });
      session.events.push(event);
      options.onEvent?.(event);
    },
    contextFor(part, turn) {
      if (!stores.has(part.instance)) stores.set(part.instance, {});
      if (!models.has(part.name)) models.set(part.name, recordedModel(session, options.model, part.name, options.modelTimeoutMs));
      const texts = rewriter.current.spec.texts;
      return { view: session.view, turn, store: stores.get(part.instance)!, texts, emit: session.emit, model: models.get(part.name)!, rewrite: rewriter.request };
    },
    async runHook(hook, turn, parts = session.parts.hooked) {
      for (const part of parts) await callPart(session, part, hook, turn);
    },
    takeRewrite() {
      const taken = rewriter.take(session.parts);
      if (!taken) return null;
      session.parts = taken.parts;
      return taken.fresh;
    },
  };
  return session;
}

/** One part at one hook: contract violations propagate, other throws become a part-error stop. */
async function callPart(session: EpisodeSession, part: LivePart, hook: HookName, turn: TurnState): Promise<void> {
  try {
    await callChecked(part, hook, session.contextFor(part, turn));
  } catch (error) {
    if (error instanceof HarnessError || error instanceof EpisodeStop) throw error;
    const message = error instanceof Error ? error.message : String(error);
    session.emit({ type: 'part-error', part: part.name, hook, message });
    throw new EpisodeStop('part-error', `${part.name} at ${hook}: ${message}`);
  }
}
