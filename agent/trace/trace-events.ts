/**
 * Traces are JSONL: a header line, then typed events. Everything a run did, so a run can be
 * rebuilt from its log and evolution can read failures. Timings live only in `timings` fields
 * so that `traceFingerprint` can drop them: same inputs + greedy decoding → same fingerprint.
 */
import { z } from 'zod';

export const TRACE_FORMAT_VERSION = 1 as const;

const timings = z.object({ promptMs: z.number(), generateMs: z.number(), totalMs: z.number() });
const usage = z.object({ promptTokens: z.number(), cachedPromptTokens: z.number(), completionTokens: z.number() });

export const traceHeaderSchema = z.object({
  type: z.literal('header'),
  formatVersion: z.literal(TRACE_FORMAT_VERSION),
  harnessId: z.string(),
  harness: z.unknown(),
  model: z.object({ id: z.string(), backend: z.string(), source: z.string(), contextSize: z.number(), settings: z.record(z.string(), z.unknown()) }),
  scenario: z.object({ id: z.string(), seed: z.number(), taskType: z.string().nullable() }),
  physics: z.enum(['kinematic', 'matter']),
});

export const traceEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('episode-start'), goal: z.string(), stepLimit: z.number(), observation: z.string() }),
  z.object({ type: z.literal('step-start'), step: z.number() }),
  z.object({
    type: z.literal('model-call'),
    step: z.number(),
    part: z.string(),
    kind: z.enum(['generate', 'score']),
    input: z.unknown(),
    output: z.unknown(),
    usage: usage.optional(),
    timings: timings.optional(),
    error: z.object({ reason: z.string(), message: z.string() }).optional(),
  }),
  z.object({ type: z.literal('action-select'), step: z.number(), part: z.string(), action: z.string(), thought: z.string().nullable(), guessed: z.boolean() }),
  z.object({ type: z.literal('action-reject'), step: z.number(), part: z.string(), action: z.string(), reason: z.string(), feedback: z.string() }),
  z.object({ type: z.literal('action-repair'), step: z.number(), part: z.string(), from: z.string(), to: z.string(), why: z.string() }),
  z.object({ type: z.literal('action-apply'), step: z.number(), action: z.string(), feedback: z.string(), reason: z.string(), success: z.boolean() }),
  z.object({ type: z.literal('subgoal-start'), step: z.number(), subgoal: z.string() }),
  z.object({ type: z.literal('subgoal-end'), step: z.number(), subgoal: z.string(), outcome: z.enum(['done', 'abandoned']) }),
  z.object({ type: z.literal('control'), step: z.number(), part: z.string(), signal: z.string(), detail: z.string() }),
  z.object({ type: z.literal('part-error'), step: z.number(), part: z.string(), hook: z.string(), message: z.string() }),
  z.object({
    type: z.literal('episode-end'),
    success: z.boolean(),
    steps: z.number(),
    termination: z.enum(['success', 'step-limit', 'model-error', 'harness-stop', 'part-error', 'cancelled']),
    reward: z.number(),
    modelCalls: z.number(),
    tokens: z.number(),
  }),
]);

export type TraceHeader = z.infer<typeof traceHeaderSchema>;
export type TraceEvent = z.infer<typeof traceEventSchema>;
/** What parts emit (the runner validates it). */
export type TraceEventInput = TraceEvent;

export interface Trace {
  header: TraceHeader;
  events: TraceEvent[];
}
