/**
 * Replays given replies in order (and given scores) — for testing harness logic only. Claims about
 * model behaviour always use a real model.
 */
import type { GenerateRequest, GenerateResult, ModelBackend, ScoreRequest, ScoreResult } from './model-backend.ts';
import { ModelError } from './model-error.ts';

export interface ScriptedOptions {
  /** Replies to `generate`, in order; an entry `{error: reason}` makes that call fail. */
  replies: (string | { error: 'timeout' | 'malformed-response' })[];
  /** Per `scoreChoices` call, a score per candidate (missing → 0). */
  scores?: Record<string, number>[];
  /** What to answer when the replies run out (default: fail with `invalid-request`). */
  fallback?: string;
}

export function createScriptedBackend(options: ScriptedOptions): ModelBackend {
  let next = 0;
  let nextScore = 0;
  const usage = { promptTokens: 0, cachedPromptTokens: 0, completionTokens: 0 };
  const timings = { promptMs: 0, generateMs: 0, totalMs: 0 };
  return {
    info: { id: 'scripted', backend: 'scripted', source: 'scripted', contextSize: 1_000_000, settings: {} },
    async generate(request: GenerateRequest): Promise<GenerateResult> {
      const reply = options.replies[next++] ?? options.fallback;
      if (reply === undefined) throw new ModelError('invalid-request', `the scripted model has no reply left (call ${next})`, { modelId: 'scripted' });
      if (typeof reply !== 'string') throw new ModelError(reply.error, `scripted ${reply.error}`, { modelId: 'scripted' });
      const text = request.choices && !request.choices.includes(reply) ? request.choices[0]! : reply;
      return { text, finishReason: request.choices ? 'choice' : 'stop', usage: { ...usage, completionTokens: text.length }, timings };
    },
    async scoreChoices(request: ScoreRequest): Promise<ScoreResult> {
      const table = options.scores?.[nextScore++] ?? {};
      return { scores: request.candidates.map((candidate) => ({ candidate, logProb: table[candidate] ?? 0, meanLogProb: table[candidate] ?? 0, tokens: 1 })), usage, timings };
    },
    async resetCache() {},
    async close() {},
  };
}
