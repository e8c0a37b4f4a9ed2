import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createNullChooser } from '../../models/null-chooser.ts';
import type { Trace } from '../../trace/trace-events.ts';
import { BUILT_IN_PARTS } from '../all-parts.ts';
import { buildHarness } from '../build-harness.ts';
import { definePart } from '../define-part.ts';
import { offeredActions } from '../hooks.ts';
import { createPartRegistry } from '../part-registry.ts';
import { runEpisode } from '../run-episode.ts';
import { applied, endOf, eventsOf, runScripted, testHouse, testSpec } from '../testing/harness-test-kit.ts';

/** Records what the selector is offered at `before-model` (after the parts before it). */
const offerProbe = definePart({
  kind: 'control', name: 'offer-probe', description: 'records the offered actions (tests only)',
  params: z.object({}).strict(), mayChange: {},
  create: () => ({ hooks: { 'before-model': ({ turn, view, emit }) => {
    emit({ type: 'control', part: 'offer-probe', signal: 'offered', detail: JSON.stringify(offeredActions(turn, view)) });
  } } }),
});
const registry = createPartRegistry([...BUILT_IN_PARTS, offerProbe]);

const spec = (params: object = {}) => testSpec({ control: [{ part: 'subgoal-shortlist' }, { part: 'search-order', params }, { part: 'offer-probe' }] });
const offeredAt = (trace: Trace, step: number): string[] =>
  JSON.parse(eventsOf(trace, 'control').filter((e) => e.part === 'offer-probe' && e.step === step).at(-1)!.detail) as string[];
const scoreCalls = (trace: Trace) => eventsOf(trace, 'model-call').filter((event) => event.part === 'search-order' && event.kind === 'score');
const candidatesOf = (call: ReturnType<typeof scoreCalls>[number]): string[] => (call.input as { candidates: string[] }).candidates;

describe('search-order', () => {
  it('offers only the receptacles of the type the model scores likeliest, and goes there without a menu when one is left', async () => {
    // The goal is a hot mug; the model says a mug is kept in a cabinet (the test house has one).
    const trace = await runScripted(spec(), { replies: ['open cabinet 1'], fallback: 'look', scores: [{ ' cabinet': 1 }] }, { registry });
    expect(offeredAt(trace, 1)).toEqual(['go to cabinet 1']);
    expect(eventsOf(trace, 'action-select')[0]).toMatchObject({ part: 'single-candidate', action: 'go to cabinet 1' });
    expect(applied(trace).slice(0, 3)).toEqual(['go to cabinet 1', 'open cabinet 1', 'take mug 1 from cabinet 1']);
    const signal = eventsOf(trace, 'control').find((event) => event.part === 'search-order');
    expect(signal).toMatchObject({ step: 1, signal: 'search-order' });
    expect(signal!.detail).toMatch(/^mug: cabinet first/);
  });

  it('follows the scores: another favourite, another first trip', async () => {
    const trace = await runScripted(spec(), { replies: [], fallback: 'look', scores: [{ ' fridge': 2, ' cabinet': 1 }] }, { registry });
    expect(offeredAt(trace, 1)).toEqual(['go to fridge 1']);
  });

  it('asks in words, once per type and episode, and says the object', async () => {
    const trace = await runScripted(spec(), { replies: [], fallback: 'look', scores: [{ ' sink': 1 }] }, { registry, scenario: testHouse(8) });
    const calls = scoreCalls(trace);
    expect(calls.length).toBeGreaterThanOrEqual(1);
    expect((calls[0]!.input as { prompt: string }).prompt).toBe('In a house, a mug is usually found in or on the');
    const asked = calls.flatMap(candidatesOf);
    expect(asked).toContain(' counter top');
    expect(asked).toContain(' sink');
    expect(asked).not.toContain(' sinkbasin');
    expect(new Set(asked).size).toBe(asked.length);
    expect(offeredAt(trace, 1)).toEqual(['go to sinkbasin 1']);
  });

  it('keeps `keep` types, and the catalogue spelling when asked', async () => {
    const trace = await runScripted(spec({ keep: 2, spelling: 'as-named' }), { replies: [], fallback: 'look', scores: [{ ' sinkbasin': 2, ' drawer': 1 }] }, { registry });
    expect(offeredAt(trace, 1).sort()).toEqual(['go to drawer 1', 'go to sinkbasin 1']);
    expect(candidatesOf(scoreCalls(trace)[0]!)).toContain(' sinkbasin');
  });

  it('keeps what else was offered (opening here) and leaves other stages alone', async () => {
    const replies = ['go to cabinet 1', 'open cabinet 1', 'take mug 1 from cabinet 1', 'go to microwave 1'];
    const trace = await runScripted(spec(), { replies, fallback: 'look', scores: [{ ' fridge': 2 }] }, { registry });
    // Step 1 goes to the fridge (single candidate); at the closed fridge, opening it stays offered.
    expect(applied(trace)[0]).toBe('go to fridge 1');
    expect(offeredAt(trace, 2)).toContain('open fridge 1');
    const orderSteps = new Set(eventsOf(trace, 'control').filter((event) => event.part === 'search-order').map((event) => event.step));
    const takeStep = eventsOf(trace, 'action-apply').find((event) => event.action.startsWith('take mug'))?.step;
    if (takeStep !== undefined) expect([...orderSteps].every((step) => step <= takeStep)).toBe(true);
  });

  it('with the null chooser ranks at random: repeatable per seed, different across seeds', async () => {
    const firstTrip = async (chooserSeed: number) => {
      const trace = await runEpisode({ scenario: testHouse(4), seed: 3, model: createNullChooser(chooserSeed), harness: buildHarness(spec(), registry) });
      expect(eventsOf(trace, 'part-error')).toEqual([]);
      expect(scoreCalls(trace).length).toBeGreaterThan(0);
      return applied(trace)[0];
    };
    const trips = await Promise.all([0, 1, 2, 3, 4, 5, 6, 7].map(firstTrip));
    expect(await firstTrip(0)).toBe(trips[0]);
    expect(new Set(trips).size).toBeGreaterThan(2);
  });

  it('solves the test house with a scripted model when the scores are right', async () => {
    const replies = ['open cabinet 1', 'take mug 1 from cabinet 1', 'go to microwave 1', 'heat mug 1 with microwave 1', 'go to countertop 1', 'put mug 1 in/on countertop 1'];
    const trace = await runScripted(spec(), { replies, fallback: 'look', scores: [{ ' cabinet': 1 }] }, { registry });
    expect(endOf(trace)).toMatchObject({ success: true });
    expect(eventsOf(trace, 'part-error')).toEqual([]);
  });
});
