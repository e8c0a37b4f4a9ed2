import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ModelBackend } from '../model-backend.ts';
import { ModelError } from '../model-error.ts';
import { createOnnxBackend } from './onnx-backend.ts';
import { isOnnxModelDir, onnxModelDir, openOnnxModel } from './onnx-node.ts';

const dir = onnxModelDir();
const present = isOnnxModelDir(dir);
const required = Boolean(process.env['HEARTH_REQUIRE_ONNX']);
if (!present && !required) {
  console.warn(`ONNX model tests skipped: no exported model at ${dir} (run \`hearth models fetch smollm2-135m-onnx\`)`);
}

const FRANCE = 'The capital of France is';
const CHAT = [{ role: 'user' as const, content: 'What is the capital of France?' }];

/** Rejection reason of a promise that must fail with a ModelError. */
async function reasonOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ModelError);
  return (error as ModelError).reason;
}

describe('ONNX backend without a model', () => {
  it('refuses a hub id by default without touching the network', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    try {
      const error = await createOnnxBackend({ modelDir: 'HuggingFaceTB/SmolLM2-135M-Instruct' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ModelError);
      expect((error as ModelError).reason).toBe('load-failed');
      expect((error as ModelError).message).toMatch(/remote loading is disabled/);
      expect(fetchSpy).not.toHaveBeenCalled();
    } finally {
      fetchSpy.mockRestore();
    }
  });

  it('names the missing folder and the fetch command', async () => {
    const error = await openOnnxModel('/nonexistent/hearth-model').catch((e: unknown) => e);
    expect((error as ModelError).reason).toBe('load-failed');
    expect((error as ModelError).message).toMatch(/\/nonexistent\/hearth-model.*hearth models fetch smollm2-135m-onnx/s);
  });
});

describe('the exported model is present when required', () => {
  it.runIf(required)(`finds ${dir} (HEARTH_REQUIRE_ONNX is set)`, () => {
    expect(isOnnxModelDir(dir)).toBe(true);
  });
});

describe.runIf(present)('ONNX backend on SmolLM2-135M-Instruct', () => {
  let model: ModelBackend;
  let uncached: ModelBackend;

  beforeAll(async () => {
    model = await openOnnxModel(dir, { threads: 2 });
    uncached = await openOnnxModel(dir, { threads: 2, prefixCache: false });
  }, 180_000);
  afterAll(async () => {
    await model?.close();
    await uncached?.close();
  });

  it('loads with the config context size', () => {
    expect(model.info).toMatchObject({ backend: 'onnx', id: 'onnx:smollm2-135m-onnx', contextSize: 8192 });
  });

  it('ranks " Paris" over " banana" after "The capital of France is"', async () => {
    const { scores } = await model.scoreChoices({ prompt: FRANCE, candidates: [' banana', ' Paris'] });
    expect(scores.map((s) => s.candidate)).toEqual([' banana', ' Paris']);
    expect(scores[1]!.logProb).toBeGreaterThan(scores[0]!.logProb + 5);
    expect(scores[1]!.logProb).toBeLessThan(0);
  });

  it('reports per-token means and token counts', async () => {
    const { scores, usage } = await model.scoreChoices({ prompt: FRANCE, candidates: [' Paris', ' the city of Paris'] });
    expect(scores[1]!.tokens).toBeGreaterThan(1);
    expect(scores[1]!.meanLogProb).toBeCloseTo(scores[1]!.logProb / scores[1]!.tokens, 10);
    expect(usage.promptTokens).toBe(5 + scores[0]!.tokens + scores[1]!.tokens);
  });

  it('scores the same with and without the prefix cache (to 1e-3)', async () => {
    const base = 'In the kitchen there is a fridge, a table and a sink. The robot is holding a cup.';
    const candidates = [' It puts the cup in the sink.', ' It opens the fridge.', ' banana banana'];
    // A prompt that diverges near the end: the cache is cut back to the shared prefix, then extended.
    await model.scoreChoices({ prompt: `${base} Then it waits.`, candidates });
    const warm = await model.scoreChoices({ prompt: `${base} Next,`, candidates });
    const cold = await uncached.scoreChoices({ prompt: `${base} Next,`, candidates });
    expect(warm.usage.cachedPromptTokens).toBeGreaterThan(10);
    expect(cold.usage.cachedPromptTokens).toBe(0);
    warm.scores.forEach((score, i) => expect(Math.abs(score.logProb - cold.scores[i]!.logProb)).toBeLessThan(1e-3));
  });

  it('generates greedily and deterministically, with and without the cache', async () => {
    const first = await model.generate({ messages: CHAT, maxTokens: 24 });
    const second = await model.generate({ messages: CHAT, maxTokens: 24 });
    const cold = await uncached.generate({ messages: CHAT, maxTokens: 24 });
    expect(first.text.length).toBeGreaterThan(0);
    expect(second.text).toBe(first.text);
    expect(cold.text).toBe(first.text);
    expect(second.usage.cachedPromptTokens).toBeGreaterThan(0);
    expect(first.text).toMatch(/Paris/);
  });

  it('stops at a stop string and cuts it off', async () => {
    const result = await model.generate({ prompt: 'Count: one, two, three, four,', maxTokens: 20, stop: [','] });
    expect(result.finishReason).toBe('stop');
    expect(result.text).not.toContain(',');
  });

  it('stops at maxTokens with finishReason length', async () => {
    const result = await model.generate({ prompt: 'Once upon a time', maxTokens: 3 });
    expect(result).toMatchObject({ finishReason: 'length', usage: { completionTokens: 3 } });
  });

  it('answers `choices` with the best-scoring choice', async () => {
    const choices = [' banana', ' Paris', ' a'];
    const result = await model.generate({ prompt: FRANCE, choices });
    const { scores } = await model.scoreChoices({ prompt: FRANCE, candidates: choices });
    const best = scores.reduce((a, b) => (b.logProb > a.logProb ? b : a));
    expect(result).toMatchObject({ text: best.candidate, finishReason: 'choice' });
  });

  it('samples reproducibly for a given seed', async () => {
    const request = { prompt: 'My favourite food is', maxTokens: 8, temperature: 1, seed: 7 };
    const a = await model.generate(request);
    const b = await model.generate(request);
    expect(b.text).toBe(a.text);
  });

  it.each([
    ['a grammar', { prompt: FRANCE, grammar: 'root ::= "x"' }, 'unsupported'],
    ['an aborted signal', { prompt: FRANCE, signal: AbortSignal.abort() }, 'cancelled'],
    ['a 1 ms timeout on a long generation', { prompt: FRANCE, maxTokens: 200, timeoutMs: 1 }, 'timeout'],
    ['maxTokens beyond the context', { prompt: FRANCE, maxTokens: 10_000 }, 'context-overflow'],
    ['an empty prompt', { prompt: '' }, 'invalid-request'],
  ])('rejects %s with a typed error', async (_name, request, reason) => {
    expect(await reasonOf(model.generate(request))).toBe(reason);
  });

  it('still answers after a cancelled call', async () => {
    const controller = new AbortController();
    const pending = model.generate({ prompt: 'Once upon a time', maxTokens: 100, signal: controller.signal });
    controller.abort();
    expect(await reasonOf(pending)).toBe('cancelled');
    const { scores } = await model.scoreChoices({ prompt: FRANCE, candidates: [' Paris', ' banana'] });
    expect(scores[0]!.logProb).toBeGreaterThan(scores[1]!.logProb);
  });
});
