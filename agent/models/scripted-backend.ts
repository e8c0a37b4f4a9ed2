/**
 * Replays given replies in order (and given scores) — for testing harness logic only. Claims about
 * model behaviour always use a real model. Also opened by `openModel('scripted:FILE.json')`.
 */
import { z } from 'zod';
import type { GenerateRequest, GenerateResult, ModelBackend, ScoreRequest, ScoreResult } from './model-backend.ts';
import { ModelError } from './model-error.ts';
import { tokenLogprobsRefusal } from './refuse-token-logprobs.ts';

const scriptedOptionsSchema = z
  .object({
    /** Replies to `generate`, in order; an entry `{error: reason}` makes that call fail. */
    replies: z.array(z.union([z.string(), z.object({ error: z.enum(['timeout', 'malformed-response', 'cancelled']) }).strict()])),
    /** Per `scoreChoices` call, a score per candidate (missing → 0): a log-probability over one token, or `{logProb, tokens}` (mean = logProb / tokens). */
    scores: z.array(z.record(z.string(), z.union([z.number(), z.object({ logProb: z.number(), tokens: z.number().int().min(1) }).strict()]))).optional(),
    /** What to answer when the replies run out (default: fail with `invalid-request`). */
    fallback: z.string().optional(),
  })
  .strict();

/** What the scripted model replays. */
export type ScriptedOptions = z.infer<typeof scriptedOptionsSchema>;

const NO_TIME = { promptMs: 0, generateMs: 0, totalMs: 0 };

/** A model that answers from a script. With `choices`, a reply outside them becomes the first choice (as a constrained model would). */
export function createScriptedBackend(input: ScriptedOptions): ModelBackend {
  const parsed = scriptedOptionsSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(script)'}: ${issue.message}`).join('; ');
    throw new ModelError('invalid-request', `invalid scripted model: ${issues}. Expected {"replies": ["…", {"error": "timeout"}], "scores"?: [{"action": -1.2}], "fallback"?: "look"}`, { modelId: 'scripted' });
  }
  const options = parsed.data;
  let next = 0;
  let nextScore = 0;
  return {
    info: { id: 'scripted', backend: 'scripted', source: 'scripted', contextSize: 1_000_000, settings: {} },
    async generate(request: GenerateRequest): Promise<GenerateResult> {
      const refusal = tokenLogprobsRefusal(request, { id: 'scripted', backend: 'scripted' });
      if (refusal) throw refusal;
      const reply = options.replies[next++] ?? options.fallback;
      if (reply === undefined) throw new ModelError('invalid-request', `the scripted model has no reply left (call ${next}); add replies or a fallback`, { modelId: 'scripted' });
      if (typeof reply !== 'string') throw new ModelError(reply.error, `scripted ${reply.error}`, { modelId: 'scripted' });
      const text = request.choices && !request.choices.includes(reply) ? request.choices[0]! : reply;
      const usage = { promptTokens: 0, cachedPromptTokens: 0, completionTokens: text.length };
      return { text, finishReason: request.choices ? 'choice' : 'stop', usage, timings: NO_TIME };
    },
    async scoreChoices(request: ScoreRequest): Promise<ScoreResult> {
      const table = options.scores?.[nextScore++] ?? {};
      const scores = request.candidates.map((candidate) => {
        const entry = table[candidate] ?? 0;
        const { logProb, tokens } = typeof entry === 'number' ? { logProb: entry, tokens: 1 } : entry;
        return { candidate, logProb, meanLogProb: logProb / tokens, tokens };
      });
      return { scores, usage: { promptTokens: 0, cachedPromptTokens: 0, completionTokens: 0 }, timings: NO_TIME };
    },
    async resetCache() {},
    async close() {},
  };
}
