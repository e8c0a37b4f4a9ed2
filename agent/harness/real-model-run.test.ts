import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorldOrThrow } from '../../scenarios/format/load-scenario.ts';
import { ensureModel } from '../models/catalog/fetch-model.ts';
import { DEFAULT_MODEL_ID } from '../models/catalog/model-catalog.ts';
import type { ModelBackend } from '../models/model-backend.ts';
import { openModel } from '../models/open-model.ts';
import { parseTraceJsonl, traceFingerprint, traceToJsonl } from '../trace/trace-io.ts';
import { loadHarness } from './presets/load-harness.ts';
import { runEpisode } from './run-episode.ts';
import { endOf, eventsOf } from './testing/harness-test-kit.ts';

const SHORT = ['scenarios/library/pick-apple-countertop.json', 'scenarios/library/cool-apple-fridge.json'];

// Claims about the real model: the trace is complete and valid — not that the 135M model succeeds.
describe('react-basic with the real default model (SmolLM2-135M)', () => {
  let model: ModelBackend;
  beforeAll(async () => {
    await ensureModel(DEFAULT_MODEL_ID);
    model = await openModel(DEFAULT_MODEL_ID);
  }, 600_000);
  afterAll(async () => {
    await model?.close();
  });

  it.each(SHORT)('runs %s to the end with a complete, valid trace', async (file) => {
    const scenario = { ...loadWorldOrThrow(file), stepLimit: 6 };
    const trace = parseTraceJsonl(traceToJsonl(await runEpisode({ scenario, seed: 0, model, harness: loadHarness('react-basic') })));
    const end = endOf(trace);
    const applied = eventsOf(trace, 'action-apply');
    expect(applied).toHaveLength(end.steps);
    expect(end.success || end.steps === 6).toBe(true);
    expect(eventsOf(trace, 'action-select')).toHaveLength(end.steps); // react-basic repairs, never retries
    for (const event of applied) expect(event.action).toMatch(/^(go to|take|put|open|close|use|heat|cool|clean|slice|examine|push|look|inventory)\b/);
    for (const call of eventsOf(trace, 'model-call')) {
      expect(call.usage!.promptTokens).toBeGreaterThan(100);
      expect(call.usage!.completionTokens).toBeGreaterThan(0);
      expect(typeof call.output).toBe('string');
    }
    expect(trace.header.model.id).toBe(`llama:${DEFAULT_MODEL_ID}`);
    expect(end.modelCalls).toBe(eventsOf(trace, 'model-call').length);
  });

  it('is deterministic with greedy decoding: same inputs, same trace', async () => {
    const scenario = { ...loadWorldOrThrow(SHORT[0]!), stepLimit: 3 };
    const first = await runEpisode({ scenario, seed: 0, model, harness: loadHarness('react-basic') });
    const second = await runEpisode({ scenario, seed: 0, model, harness: loadHarness('react-basic') });
    expect(traceFingerprint(second)).toBe(traceFingerprint(first));
  });
});
