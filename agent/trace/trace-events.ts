/**
 * Traces are JSONL: a header line, then typed events. Everything a run did, so a run can be
 * rebuilt from its log and evolution can read failures. Timings live only in `timings` fields
 * so that `traceFingerprint` can drop them: same inputs + greedy decoding → same fingerprint.
 */
import { z } from 'zod';
import { harnessSpecSchema } from '../harness/harness-spec.ts';
import { harnessEditSchema } from '../harness/harness-edits.ts';
import { CAPABILITIES } from '../../envs/protocol.ts';

export const TRACE_FORMAT_VERSION = 1 as const;

const timings = z.object({ promptMs: z.number(), generateMs: z.number(), totalMs: z.number() });
const usage = z.object({ promptTokens: z.number(), cachedPromptTokens: z.number(), completionTokens: z.number() });

/** Why an episode ended. */
export const TERMINATIONS = ['success', 'step-limit', 'model-error', 'harness-stop', 'part-error', 'cancelled', 'env-error', 'lost'] as const;
export type Termination = (typeof TERMINATIONS)[number];

/** What stopped a sandboxed part's call (agent/harness/sandbox/); the episode then ends as `part-error`. */
export const SANDBOX_FAULTS = ['build', 'timeout', 'memory', 'contract', 'output', 'threw'] as const;
export type SandboxFaultKind = (typeof SANDBOX_FAULTS)[number];

export const traceHeaderSchema = z.object({
  type: z.literal('header'),
  formatVersion: z.literal(TRACE_FORMAT_VERSION),
  harnessId: z.string(),
  harness: harnessSpecSchema,
  model: z.object({ id: z.string(), backend: z.string(), source: z.string(), contextSize: z.number(), settings: z.record(z.string(), z.unknown()) }),
  /** `sha256`: hash of the scenario's JSON, so a replay can check it has the same world. */
  scenario: z.object({ id: z.string(), seed: z.number(), taskType: z.string().nullable(), sha256: z.string().optional() }),
  /** Hearth's simulator only (absent for peer environments). */
  physics: z.enum(['kinematic', 'matter']).optional(),
  /**
   * The environment (envs/protocol.ts): registry id, package and version, the parameters it was made
   * with, its capabilities. Absent in traces written before environments: Hearth's own, full view.
   */
  env: z.object({ id: z.string(), version: z.string(), params: z.record(z.string(), z.unknown()), capabilities: z.array(z.enum(CAPABILITIES)) }).optional(),
  /** The runner options that change outcomes (with physics and seed: what rebuilds the run). */
  runner: z.object({ maxRetries: z.number(), modelTimeoutMs: z.number(), chooser: z.enum(['model', 'null']) }).optional(),
  hearthVersion: z.string().optional(),
});

/** `step` is the step being decided (1-based); 0 before the first step. */
const step = z.number().int().min(0);

export const traceEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('episode-start'), step, goal: z.string(), goalTree: z.unknown().optional(), stepLimit: z.number(), observation: z.string() }),
  z.object({ type: z.literal('step-start'), step }),
  z.object({
    type: z.literal('model-call'),
    step,
    part: z.string(),
    kind: z.enum(['generate', 'score']),
    input: z.unknown(),
    output: z.unknown(),
    usage: usage.optional(),
    timings: timings.optional(),
    error: z.object({ reason: z.string(), message: z.string() }).optional(),
  }),
  z.object({ type: z.literal('action-select'), step, part: z.string(), action: z.string(), thought: z.string().nullable(), guessed: z.boolean() }),
  z.object({ type: z.literal('action-reject'), step, part: z.string(), action: z.string(), reason: z.string(), feedback: z.string() }),
  z.object({ type: z.literal('action-repair'), step, part: z.string(), from: z.string(), to: z.string(), why: z.string() }),
  z.object({ type: z.literal('action-apply'), step, action: z.string(), feedback: z.string(), reason: z.string(), success: z.boolean() }),
  z.object({ type: z.literal('subgoal-start'), step, part: z.string(), subgoal: z.string() }),
  z.object({ type: z.literal('subgoal-end'), step, part: z.string(), subgoal: z.string(), outcome: z.enum(['done', 'abandoned']) }),
  z.object({ type: z.literal('control'), step, part: z.string(), signal: z.string(), detail: z.string() }),
  z.object({ type: z.literal('part-error'), step, part: z.string(), hook: z.string(), message: z.string() }),
  /** The environment failed (a bridge crashed, hung, answered garbage; a task could not load): the episode ends as `env-error`. */
  z.object({ type: z.literal('env-error'), step, kind: z.string(), message: z.string() }),
  z.object({ type: z.literal('sandbox-fault'), step, part: z.string(), hook: z.string(), fault: z.enum(SANDBOX_FAULTS), message: z.string() }),
  /**
   * A part rewrote the harness for the rest of the episode (mid-task rewriting): what fired, the
   * failure category it read from the steps so far, the lever its remedy came from, the edits, and
   * the id of the harness played from the next step on.
   */
  z.object({ type: z.literal('harness-rewrite'), step, part: z.string(), trigger: z.string(), detail: z.string(), category: z.string(), lever: z.string().nullable(), edits: z.array(harnessEditSchema), harnessId: z.string() }),
  z.object({
    type: z.literal('episode-end'),
    step,
    success: z.boolean(),
    steps: z.number(),
    termination: z.enum(TERMINATIONS),
    reward: z.number(),
    /** Score at the end, 0–1 of the task's maximum (absent in traces written before environments). */
    score: z.number().optional(),
    modelCalls: z.number(),
    tokens: z.number(),
    /** `tokens` less the prompt tokens served from the KV cache: what the model computed (absent in traces written before it). */
    computedTokens: z.number().optional(),
    /** The world's state hash at the end (a replay of the applied actions must reach it). */
    stateHash: z.string().optional(),
  }),
]);

export type TraceHeader = z.infer<typeof traceHeaderSchema>;
export type TraceEvent = z.infer<typeof traceEventSchema>;
export type TraceEventType = TraceEvent['type'];
/** One event type, by name: `EventOf<'action-apply'>`. */
export type EventOf<T extends TraceEventType> = Extract<TraceEvent, { type: T }>;

type WithoutStep<T> = T extends unknown ? Omit<T, 'step'> : never;
/** What parts emit: the runner stamps the current step (so parts cannot get it wrong). */
export type TraceEventInput = WithoutStep<TraceEvent>;

/** A whole trace in memory: the header and the events in order. */
export interface Trace {
  header: TraceHeader;
  events: TraceEvent[];
}
