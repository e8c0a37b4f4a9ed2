import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorldOrThrow } from '../../scenarios/format/load-scenario.ts';
import { openDefaultModel } from '../../test-support/real-model.ts';
import type { ModelBackend } from '../models/model-backend.ts';
import { parseTraceJsonl, traceFingerprint, traceToJsonl } from '../trace/trace-io.ts';
import { loadHarness } from './presets/load-harness.ts';
import { runEpisode } from './run-episode.ts';

const SHORT = ['scenarios/library/pick-apple-countertop.json', 'scenarios/library/cool-apple-fridge.json'];

describe('react-basic with the real default model (SmolLM2-135M)', () => {
  let model: ModelBackend;
  beforeAll(async () => {
    model = await openDefaultModel();
  });
  afterAll(async () => {
    await model?.close();
  });

  it.each(SHORT)('runs %s to the end with a complete, valid trace', async (file) => {
    const scenario = { ...loadWorldOrThrow(file), stepLimit: 8 };
    const trace = await runEpisode({ scenario, seed: 0, model, harness: loadHarness('react-basic') });
    const roundTrip = parseTraceJsonl(traceToJsonl(trace));
    const end = roundTrip.events.at(-1)!;
    expect(end.type).toBe('episode-end');
    const applied = roundTrip.events.filter((e) => e.type === 'action-apply');
    const calls = roundTrip.events.filter((e) => e.type === 'model-call');
    expect(applied.length).toBe(end.type === 'episode-end' ? end.steps : -1);
    expect(calls.length).toBeGreaterThanOrEqual(applied.length);
    for (const call of calls) expect(call.usage?.promptTokens).toBeGreaterThan(100);
    expect(roundTrip.header.model.id).toBe('llama:smollm2-135m');
  });

  it('is deterministic with greedy decoding: same inputs, same trace', async () => {
    const scenario = { ...loadWorldOrThrow(SHORT[0]!), stepLimit: 4 };
    const first = await runEpisode({ scenario, seed: 0, model, harness: loadHarness('react-basic') });
    const second = await runEpisode({ scenario, seed: 0, model, harness: loadHarness('react-basic') });
    expect(traceFingerprint(second)).toBe(traceFingerprint(first));
  });
});
