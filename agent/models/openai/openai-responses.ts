/**
 * The parts of OpenAI-compatible answers the backend reads, validated with zod so a server that
 * answers something else fails with `malformed-response` saying what was missing, not with a
 * TypeError deep inside. Unknown fields are allowed: servers add their own.
 */
import { z } from 'zod';
import { MODEL_FORMAT_VERSION, type Timings, type Usage } from '../model-backend.ts';
import { ModelError } from '../model-error.ts';

const usageSchema = z.looseObject({
  prompt_tokens: z.number().optional(),
  completion_tokens: z.number().optional(),
  prompt_tokens_details: z.looseObject({ cached_tokens: z.number().optional() }).nullish(),
});

/** llama.cpp's (and Hearth's) per-answer timings. */
const timingsSchema = z.looseObject({
  prompt_ms: z.number().optional(),
  predicted_ms: z.number().optional(),
  cache_n: z.number().optional(),
});

/** Non-streamed chat answer. */
export const chatResponseSchema = z.looseObject({
  choices: z.array(z.looseObject({ message: z.looseObject({ content: z.string().nullish() }), finish_reason: z.string().nullish() })).min(1),
  usage: usageSchema.nullish(),
  timings: timingsSchema.nullish(),
});

/** Legacy completions logprobs (also what `echo` fills for the prompt). */
export const completionLogprobsSchema = z.looseObject({
  tokens: z.array(z.string()),
  token_logprobs: z.array(z.number().nullable()),
  text_offset: z.array(z.number()).optional(),
});

/** Non-streamed completions answer. */
export const completionResponseSchema = z.looseObject({
  choices: z.array(z.looseObject({ text: z.string(), index: z.number().optional(), finish_reason: z.string().nullish(), logprobs: completionLogprobsSchema.nullish() })).min(1),
  usage: usageSchema.nullish(),
  timings: timingsSchema.nullish(),
});

/** One streamed chunk of either endpoint. */
export const streamChunkSchema = z.looseObject({
  choices: z.array(z.looseObject({ delta: z.looseObject({ content: z.string().nullish() }).optional(), text: z.string().optional(), finish_reason: z.string().nullish() })).default([]),
  usage: usageSchema.nullish(),
  timings: timingsSchema.nullish(),
});

/** Hearth's `POST /hearth/score` answer (its `formatVersion` is MODEL_FORMAT_VERSION, as server-routes.ts writes it). */
export const hearthScoreSchema = z.looseObject({
  formatVersion: z.literal(MODEL_FORMAT_VERSION, {
    error: (issue) => `expected Hearth score format ${MODEL_FORMAT_VERSION}, got ${JSON.stringify(issue.input)}: the server runs another Hearth version; serve the model with this one (hearth serve-model)`,
  }),
  scores: z.array(z.object({ candidate: z.string(), logProb: z.number(), meanLogProb: z.number(), tokens: z.number() })),
  usage: z.object({ promptTokens: z.number(), cachedPromptTokens: z.number(), completionTokens: z.number() }),
  timings: z.object({ promptMs: z.number(), generateMs: z.number(), totalMs: z.number() }),
});

/** Validates a server answer or throws `malformed-response` naming the bad field. */
export function parseAnswer<T>(schema: z.ZodType<T>, value: unknown, what: string, modelId: string): T {
  if (typeof value === 'string') {
    throw new ModelError('malformed-response', `${what} (${modelId}) answered non-JSON text starting ${JSON.stringify(value.slice(0, 80))}; is the base URL an OpenAI-compatible /v1 endpoint?`, { modelId });
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new ModelError('malformed-response', `${what} (${modelId}) answered JSON without the expected shape: at ${issue.path.join('.') || '(root)'}: ${issue.message}`, { modelId, cause: parsed.error });
}

type UsageLike = z.infer<typeof usageSchema> | null | undefined;
type TimingsLike = z.infer<typeof timingsSchema> | null | undefined;

/** Usage from the server's counts (cached tokens from OpenAI's field or llama.cpp's `cache_n`). */
export function usageFrom(usage: UsageLike, timings: TimingsLike): Usage {
  return {
    promptTokens: usage?.prompt_tokens ?? 0,
    cachedPromptTokens: usage?.prompt_tokens_details?.cached_tokens ?? timings?.cache_n ?? 0,
    completionTokens: usage?.completion_tokens ?? 0,
  };
}

/**
 * Timings: the server's own split when it reports one, else time-to-first-byte as prompt time
 * (`firstByteMs`, streaming only), else the whole wall time counted as prompt time.
 */
export function timingsFrom(startedAt: number, timings: TimingsLike, firstByteAt?: number): Timings {
  const totalMs = performance.now() - startedAt;
  if (timings?.prompt_ms !== undefined && timings.predicted_ms !== undefined) {
    return { promptMs: timings.prompt_ms, generateMs: timings.predicted_ms, totalMs };
  }
  const promptMs = firstByteAt !== undefined ? firstByteAt - startedAt : totalMs;
  return { promptMs, generateMs: totalMs - promptMs, totalMs };
}
