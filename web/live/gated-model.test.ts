/**
 * gatedModel: a stop sent while the backend only ever settles through microtasks (as
 * transformers.js does when it computes in the worker's own thread) still ends the episode at the
 * next call, because each call yields to the event loop before asking the gate.
 */
import { describe, expect, it } from 'vitest';
import type { GenerateResult, ModelBackend } from '../../agent/models/model-backend.ts';
import { ModelError } from '../../agent/models/model-error.ts';
import { gatedModel } from './gated-model.ts';
import { StepGate } from './step-gate.ts';

/** A backend whose calls resolve at once: no timer, no I/O, only microtasks. */
const microtaskModel: ModelBackend = {
  info: { id: 'scripted:instant', backend: 'scripted', source: 'test', contextSize: 2048, settings: {} },
  generate: async (): Promise<GenerateResult> => ({ text: 'look', finishReason: 'stop', usage: { promptTokens: 1, cachedPromptTokens: 0, completionTokens: 1 }, timings: { promptMs: 0, generateMs: 0, totalMs: 0 } }),
  scoreChoices: async () => ({ scores: [], usage: { promptTokens: 0, cachedPromptTokens: 0, completionTokens: 0 }, timings: { promptMs: 0, generateMs: 0, totalMs: 0 } }),
  resetCache: async () => undefined,
  close: async () => undefined,
};

describe('gatedModel', () => {
  it('notices a stop queued as a macrotask (like a worker message) even when every call settles in microtasks', async () => {
    const gate = new StepGate({ paused: false, delayMs: 0 });
    let step = 0;
    const model = gatedModel(microtaskModel, gate, () => step);
    setTimeout(() => gate.stop(), 0);
    let cancelled: unknown;
    for (step = 1; step <= 200; step++) {
      try {
        await model.generate({ prompt: 'go' });
      } catch (error) {
        cancelled = error;
        break;
      }
    }
    expect(cancelled).toBeInstanceOf(ModelError);
    expect((cancelled as ModelError).reason).toBe('cancelled');
    expect(step).toBeLessThan(10);
  });
});
