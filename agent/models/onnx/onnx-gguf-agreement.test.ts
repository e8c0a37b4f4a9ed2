/**
 * The ONNX export and the GGUF it came from must rank continuations alike. The ONNX weights are the
 * GGUF's dequantised weights, but llama.cpp also quantises activations, so log-probs differ a little
 * (≈0.2 nats seen): the checks are on rankings and on a loose bound, not on equality.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cachedModelPath } from '../catalog/fetch-model.ts';
import { createLlamaBackend } from '../llama/llama-backend.ts';
import type { ChatMessage, ModelBackend, ModelInput, ScoreResult } from '../model-backend.ts';
import { isOnnxModelDir, onnxModelDir, openOnnxModel } from './onnx-node.ts';

const onnxDir = onnxModelDir();
const ggufPath = cachedModelPath('smollm2-135m');
const ready = isOnnxModelDir(onnxDir) && ggufPath !== undefined;
const required = Boolean(process.env['HEARTH_REQUIRE_ONNX']);
if (!ready && !required) {
  console.warn(`ONNX/GGUF agreement skipped: needs ${onnxDir} and the smollm2-135m GGUF (\`hearth models fetch\`)`);
}

const SYSTEM: ChatMessage = { role: 'system', content: 'You are a household robot. Answer with one action.' };
const CASES: [string, ModelInput, string[]][] = [
  ['a fact', { prompt: 'The capital of France is' }, [' Paris', ' banana', ' London']],
  [
    'a kitchen action (raw prompt)',
    { prompt: 'You are a household robot in the kitchen. Goal: put the milk in the fridge. You hold the milk. The fridge is closed. Next action:' },
    [' open fridge', ' put milk in fridge', ' go to bedroom', ' drop milk', ' wait'],
  ],
  [
    'a bedroom action (chat)',
    { messages: [SYSTEM, { role: 'user', content: 'Goal: make the bed. You are in the bedroom next to the bed. The pillow is on the floor. Valid actions: pick up pillow, open fridge, go to kitchen.' }] },
    ['pick up pillow', 'open fridge', 'go to kitchen'],
  ],
];

/** Largest gap (nats) between candidates within which the two backends may order them differently. */
const TIE_NATS = 0.5;

describe('both models are present when required', () => {
  it.runIf(required)('finds the ONNX folder and the GGUF (HEARTH_REQUIRE_ONNX is set)', () => {
    expect({ onnx: isOnnxModelDir(onnxDir), gguf: ggufPath !== undefined }).toEqual({ onnx: true, gguf: true });
  });
});

describe.runIf(ready)('ONNX export agrees with the GGUF backend', () => {
  let onnx: ModelBackend;
  let gguf: ModelBackend;

  beforeAll(async () => {
    gguf = await createLlamaBackend({ modelPath: ggufPath!, threads: 2 });
    onnx = await openOnnxModel(onnxDir, { threads: 2 });
  }, 180_000);
  afterAll(async () => {
    await onnx?.close();
    await gguf?.close();
  });

  it.each(CASES)('ranks the candidates of %s alike', async (_name, input, candidates) => {
    const a = await onnx.scoreChoices({ ...input, candidates });
    const b = await gguf.scoreChoices({ ...input, candidates });
    expect(best(a)).toBe(best(b));
    for (let i = 0; i < candidates.length; i++) {
      expect(Math.abs(a.scores[i]!.logProb - b.scores[i]!.logProb)).toBeLessThan(TIE_NATS);
      expect(a.scores[i]!.tokens).toBe(b.scores[i]!.tokens);
      for (let j = 0; j < candidates.length; j++) {
        const gap = a.scores[i]!.logProb - a.scores[j]!.logProb;
        if (gap > TIE_NATS) expect(b.scores[i]!.logProb).toBeGreaterThan(b.scores[j]!.logProb);
      }
    }
  });
});

function best(result: ScoreResult): string {
  return result.scores.reduce((x, y) => (y.logProb > x.logProb ? y : x)).candidate;
}
