import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { typeOfId } from '../../../sim/index.ts';
import { ensureModel } from '../../models/catalog/fetch-model.ts';
import { DEFAULT_MODEL_ID } from '../../models/catalog/model-catalog.ts';
import type { ModelBackend } from '../../models/model-backend.ts';
import { openModel } from '../../models/open-model.ts';
import { builtInParts } from '../all-parts.ts';
import { buildHarness } from '../build-harness.ts';
import { runEpisode } from '../run-episode.ts';
import { applied, eventsOf, testHouse } from '../testing/harness-test-kit.ts';
import { SPOKEN } from './search-order.ts';

// With the real default model: the part asks SmolLM2 where a mug is kept (one scoring call, in
// words) and the first trip goes to the type the model scores highest — whatever that is.
describe('search-order with the real default model (SmolLM2-135M)', () => {
  let model: ModelBackend;
  beforeAll(async () => {
    await ensureModel(DEFAULT_MODEL_ID);
    model = await openModel(DEFAULT_MODEL_ID, { threads: 1 });
  }, 600_000);
  afterAll(async () => {
    await model?.close();
  });

  it("goes first where the model's own scores say", async () => {
    const spec = { formatVersion: 1, name: 'order', slots: { promptBuilder: { part: 'chat-transcript', params: { listActions: false } }, selector: { part: 'numbered-menu' }, control: [{ part: 'subgoal-shortlist' }, { part: 'search-order' }] } };
    const trace = await runEpisode({ scenario: testHouse(3), seed: 3, model, harness: buildHarness(spec, builtInParts) });
    const call = eventsOf(trace, 'model-call').find((event) => event.part === 'search-order');
    expect(call).toBeDefined();
    const asked = (call!.input as { prompt: string; candidates: string[] });
    expect(asked.prompt).toBe('In a house, a mug is usually found in or on the');
    // Score the same continuations again, directly: the part must have followed them.
    const { scores } = await model.scoreChoices({ prompt: asked.prompt, candidates: asked.candidates });
    const best = scores.reduce((a, b) => (b.meanLogProb > a.meanLogProb ? b : a)).candidate.trim();
    const first = applied(trace)[0]!;
    expect(first.startsWith('go to ')).toBe(true);
    const type = typeOfId(first.slice('go to '.length));
    expect(SPOKEN[type] ?? type).toBe(best);
  }, 120_000);
});
