/**
 * Per-token log-probabilities of the llama.cpp backend (`generate` with `logprobs`) on the real
 * default model (SmolLM2-135M-Instruct Q4_1, one thread).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessage, ModelBackend } from '../model-backend.ts';
import { openDefaultModel } from '../../../test-support/real-model.ts';

const messages: ChatMessage[] = [{ role: 'user', content: 'Say hello in French.' }];
const BOUND = 60_000;

describe('llama.cpp per-token logprobs (real default model)', () => {
  let model: ModelBackend;
  beforeAll(async () => {
    model = await openDefaultModel();
  }, 120_000);
  afterAll(async () => {
    await model?.close();
  });

  it('declares them and gives one entry per generated token, the same text as without them', { timeout: BOUND }, async () => {
    expect(model.tokenLogprobs).toBe(true);
    const plain = await model.generate({ messages, maxTokens: 8 });
    const result = await model.generate({ messages, maxTokens: 8, logprobs: { top: 4 } });
    expect(plain.logprobs).toBeUndefined();
    expect(result.text).toBe(plain.text);
    const entries = result.logprobs!;
    expect(entries).toHaveLength(result.usage.completionTokens);
    expect(entries.map((entry) => entry.token).join('')).toBe(result.text);
    for (const entry of entries) {
      expect(entry.logprob).toBeLessThanOrEqual(0);
      expect(entry.top).toHaveLength(4);
      expect(entry.top.map((item) => item.logprob)).toEqual(entry.top.map((item) => item.logprob).sort((a, b) => b - a));
      expect(entry.top[0]!.token).toBe(entry.token); // greedy: the chosen token is the most likely
      // Probabilities of distinct tokens at one position sum to at most 1.
      expect(entry.top.reduce((sum, item) => sum + Math.exp(item.logprob), 0)).toBeLessThanOrEqual(1 + 1e-6);
    }
    const { scores } = await model.scoreChoices({ messages, candidates: [result.text] });
    expect(Math.abs(entries.reduce((sum, entry) => sum + entry.logprob, 0) - scores[0]!.logProb)).toBeLessThan(1e-2);
  });

  it('leaves the prefix cache as a plain generation does', { timeout: BOUND }, async () => {
    await model.resetCache();
    await model.generate({ messages, maxTokens: 6, logprobs: { top: 1 } });
    const after = await model.generate({ messages, maxTokens: 6 });
    expect(after.usage.cachedPromptTokens).toBe(after.usage.promptTokens - 1);
  });

  it('covers only the text kept before a stop string', { timeout: BOUND }, async () => {
    const full = await model.generate({ prompt: 'The capital of France is', maxTokens: 12 });
    const cut = full.text.indexOf(' ', 2);
    expect(cut).toBeGreaterThan(0);
    const stop = full.text.slice(cut, cut + 2);
    const result = await model.generate({ prompt: 'The capital of France is', maxTokens: 12, stop: [stop], logprobs: { top: 0 } });
    expect(result.text).toBe(full.text.slice(0, full.text.indexOf(stop)));
    expect(result.logprobs!.map((entry) => entry.token).join('')).toBe(result.text);
    expect(result.logprobs!.every((entry) => entry.top.length === 0)).toBe(true);
  });

  it('rejects a top count outside 0–20 as invalid-request', { timeout: BOUND }, async () => {
    await expect(model.generate({ messages, maxTokens: 2, logprobs: { top: 21 } })).rejects.toMatchObject({ reason: 'invalid-request', message: expect.stringContaining('0 to 20') });
  });
});
