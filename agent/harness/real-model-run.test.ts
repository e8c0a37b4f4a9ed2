import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorldOrThrow } from '../../scenarios/format/load-scenario.ts';
import { ensureModel } from '../models/catalog/fetch-model.ts';
import { DEFAULT_MODEL_ID } from '../models/catalog/model-catalog.ts';
import type { ModelBackend } from '../models/model-backend.ts';
import { openModel } from '../models/open-model.ts';
import type { Trace } from '../trace/trace-events.ts';
import { parseTraceJsonl, traceFingerprint, traceToJsonl } from '../trace/trace-io.ts';
import { loadHarness } from './presets/load-harness.ts';
import { runEpisode } from './run-episode.ts';
import { endOf, eventsOf } from './testing/harness-test-kit.ts';

const SHORT = ['scenarios/library/pick-apple-countertop.json', 'scenarios/library/cool-apple-fridge.json'];

/** Per step: the model's raw answer, the action selected from it, and whether the parser had to guess. */
function modelDecisions(trace: Trace): { output: string; action: string; guessed: boolean }[] {
  const outputs = new Map(eventsOf(trace, 'model-call').map((call) => [call.step, String(call.output)]));
  return eventsOf(trace, 'action-select').map((select) => ({ output: outputs.get(select.step) ?? '', action: select.action, guessed: select.guessed }));
}
const decided: ReturnType<typeof modelDecisions> = [];

// Claims about the real model: the trace is complete and valid, and some actions are the model's own
// (read from its text, not guessed) — not that the 135M model succeeds.
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
    decided.push(...modelDecisions(trace));
  });

  // The repair step makes every action valid whatever the model writes, so validity proves nothing
  // about the model; what it decided does: actions read from its own text, not guessed by the parser.
  it('acts at least once on an action the model wrote itself, and its answers differ between steps', () => {
    expect(decided.length, 'needs the episodes of the tests above (run the whole file)').toBeGreaterThan(0);
    const own = decided.filter((step) => !step.guessed && step.output.toLowerCase().includes(step.action));
    expect(own.length, JSON.stringify(decided, null, 1)).toBeGreaterThan(0);
    expect(new Set(decided.map((step) => step.output)).size).toBeGreaterThan(1);
  });

  it('is deterministic with greedy decoding: same inputs, same trace', async () => {
    const scenario = { ...loadWorldOrThrow(SHORT[0]!), stepLimit: 3 };
    const first = await runEpisode({ scenario, seed: 0, model, harness: loadHarness('react-basic') });
    const second = await runEpisode({ scenario, seed: 0, model, harness: loadHarness('react-basic') });
    expect(traceFingerprint(second)).toBe(traceFingerprint(first));
  });
});
