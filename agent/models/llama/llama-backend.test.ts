import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessage, ModelBackend } from '../model-backend.ts';
import { ModelError } from '../model-error.ts';
import { defaultModelPath, openDefaultModel } from '../../../test-support/real-model.ts';
import { createLlamaBackend } from './llama-backend.ts';
import { choicesGrammar } from '../choices-grammar.ts';

const ACTIONS = ['go to fridge 1', 'take apple 1 from countertop 1', 'open cabinet 1', 'heat mug 1 with microwave 1', 'look'];
const messages: ChatMessage[] = [
  { role: 'system', content: 'You are a household robot. Answer with exactly one action from the list.' },
  { role: 'user', content: `Goal: put a cold apple in the fridge.\nValid actions:\n${ACTIONS.join('\n')}\nAction:` },
];

describe('llama.cpp backend on the real default model (SmolLM2-135M-Instruct Q4_1)', () => {
  let model: ModelBackend;
  beforeAll(async () => {
    model = await openDefaultModel();
  });
  afterAll(async () => {
    await model?.close();
  });

  it('loads and reports its info', () => {
    expect(model.info.backend).toBe('llama');
    expect(model.info.contextSize).toBeGreaterThan(0);
  });

  it('generates the same text twice with greedy decoding', async () => {
    const first = await model.generate({ messages, maxTokens: 16 });
    await model.resetCache();
    const second = await model.generate({ messages, maxTokens: 16 });
    expect(first.text.length).toBeGreaterThan(0);
    expect(second.text).toBe(first.text);
    expect(first.usage.completionTokens).toBeGreaterThan(0);
  });

  it('ranks an obvious continuation first', async () => {
    const result = await model.scoreChoices({ prompt: 'The capital of France is', candidates: [' Paris', ' banana'] });
    const [paris, banana] = result.scores;
    expect(paris!.logProb).toBeGreaterThan(banana!.logProb + 5);
    expect(paris!.meanLogProb).toBeCloseTo(paris!.logProb / paris!.tokens, 10);
  });

  it('scores the same with and without the prefix cache (within 1e-3)', async () => {
    const request = { messages, candidates: ACTIONS };
    await model.resetCache();
    const cold = await model.scoreChoices(request);
    const warm = await model.scoreChoices(request);
    expect(cold.usage.cachedPromptTokens).toBe(0);
    expect(warm.usage.cachedPromptTokens).toBeGreaterThan(cold.usage.promptTokens - 2);
    for (const [index, score] of warm.scores.entries()) {
      expect(Math.abs(score.logProb - cold.scores[index]!.logProb)).toBeLessThan(1e-3);
    }
  });

  it('reuses the shared prefix of consecutive prompts', async () => {
    await model.generate({ messages, maxTokens: 4 });
    const next = await model.generate({ messages: [...messages, { role: 'assistant', content: 'look' }, { role: 'user', content: 'Nothing new. Action:' }], maxTokens: 4 });
    expect(next.usage.cachedPromptTokens).toBeGreaterThan(next.usage.promptTokens / 2);
  });

  it('with choices, always answers one of them', async () => {
    for (const choices of [ACTIONS, ['1', '2', '3', '4', '5']]) {
      const result = await model.generate({ messages, choices, maxTokens: 24 });
      expect(choices).toContain(result.text);
      expect(result.finishReason).toBe('choice');
    }
  });

  it('with a grammar, answers inside it', async () => {
    const result = await model.generate({ messages, grammar: choicesGrammar(['yes', 'no']), maxTokens: 4 });
    expect(['yes', 'no']).toContain(result.text);
  });

  it('rejects a bad grammar with invalid-request', async () => {
    await expect(model.generate({ messages, grammar: 'root ::= (', maxTokens: 4 })).rejects.toMatchObject({ reason: 'invalid-request' });
  });

  it('times out quickly with reason timeout', async () => {
    const started = Date.now();
    await expect(model.generate({ messages, maxTokens: 400, timeoutMs: 1 })).rejects.toMatchObject({ reason: 'timeout' });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('is cancelled by an AbortSignal with reason cancelled', async () => {
    const controller = new AbortController();
    const pending = model.generate({ messages, maxTokens: 400, signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ reason: 'cancelled' });
  });

  it('reports a prompt larger than the context as context-overflow', async () => {
    const huge = 'go to fridge 1. '.repeat(1500);
    await expect(model.generate({ prompt: huge, maxTokens: 8 })).rejects.toMatchObject({ reason: 'context-overflow' });
  });
});

describe('llama.cpp backend load errors', () => {
  it('names the fix when the model file is missing', async () => {
    const error = await createLlamaBackend({ modelPath: '/nonexistent/model.gguf' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ModelError);
    expect((error as ModelError).reason).toBe('load-failed');
    expect((error as ModelError).message).toContain('hearth models fetch smollm2-135m');
  });
});

describe('llama.cpp backend with several sequences in one context', () => {
  const prompts = ['Goal: heat a mug.', 'Goal: put a cold apple in the fridge.', 'Goal: find the keys.'].map((goal): ChatMessage[] => [
    messages[0]!, { role: 'user', content: `${goal}\nValid actions:\n${ACTIONS.join('\n')}\nAction:` },
  ]);

  it('runs calls at once on separate sequences with the answers a single sequence gives, and reuses each one\'s prefix', async () => {
    const path = await defaultModelPath();
    const single = await createLlamaBackend({ modelPath: path, threads: 1 });
    const expected: string[] = [];
    for (const prompt of prompts) {
      await single.resetCache();
      expected.push((await single.generate({ messages: prompt, maxTokens: 12 })).text);
    }
    await single.close();
    const shared = await createLlamaBackend({ modelPath: path, threads: 1, sequences: 2 });
    try {
      // Three calls on two sequences: the first two are decoded together, in one batch, and agree
      // with a fresh single sequence; the third waits for a free one and reuses the shared system
      // prefix it holds (a reused prefix is not bit-identical to a fresh one, so its text may differ
      // in a near-tie — which is why runs record their concurrency).
      const together = await Promise.all(prompts.map((prompt) => shared.generate({ messages: prompt, maxTokens: 12 })));
      expect(together.slice(0, 2).map((result) => result.text)).toEqual(expected.slice(0, 2));
      expect(together[2]!.usage.cachedPromptTokens).toBeGreaterThan(10);
      expect(together[2]!.text.length).toBeGreaterThan(0);
      // The same prompt again lands on the sequence that holds it: (nearly) all of it is cached.
      const again = await shared.generate({ messages: prompts[2]!, maxTokens: 12 });
      expect(again.usage.cachedPromptTokens).toBe(again.usage.promptTokens - 1);
      const scores = await Promise.all(prompts.map((prompt) => shared.scoreChoices({ messages: prompt, candidates: [' look', ' open cabinet 1'] })));
      expect(scores.every((score) => score.scores.length === 2 && score.scores.every((s) => Number.isFinite(s.logProb)))).toBe(true);
    } finally {
      await shared.close();
    }
  });

  it('refuses a sequence count it cannot have', async () => {
    await expect(createLlamaBackend({ modelPath: await defaultModelPath(), sequences: 0 })).rejects.toMatchObject({ reason: 'invalid-request' });
  });
});
