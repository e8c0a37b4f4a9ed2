import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { blockedDoorHouse } from '../../../sim/index.ts';
import { createNullChooser } from '../../models/null-chooser.ts';
import type { Trace } from '../../trace/trace-events.ts';
import { BUILT_IN_PARTS, builtInParts } from '../all-parts.ts';
import { buildHarness } from '../build-harness.ts';
import { definePart } from '../define-part.ts';
import { offeredActions } from '../hooks.ts';
import { createPartRegistry } from '../part-registry.ts';
import { runEpisode } from '../run-episode.ts';
import { applied, endOf, eventsOf, runScripted, testHouse, testSpec } from '../testing/harness-test-kit.ts';

/**
 * A probe for tests: at `before-model` (after the parts before it in the control slot) it records
 * what the selector is offered, as a control event. It changes nothing in the turn.
 */
const offerProbe = definePart({
  kind: 'control', name: 'offer-probe', description: 'records the offered actions (tests only)',
  params: z.object({}).strict(), mayChange: {},
  create: () => ({ hooks: { 'before-model': ({ turn, view, emit }) => {
    emit({ type: 'control', part: 'offer-probe', signal: 'offered', detail: JSON.stringify({ shaped: turn.candidates !== null, offered: offeredActions(turn, view) }) });
  } } }),
});
const registry = createPartRegistry([...BUILT_IN_PARTS, offerProbe]);
const PROBE = { part: 'offer-probe' };

/** The actions offered at `step` (the last probe of that step, i.e. the final attempt). */
function offeredAt(trace: Trace, step: number): { shaped: boolean; offered: string[] } {
  const probe = eventsOf(trace, 'control').filter((event) => event.part === 'offer-probe' && event.step === step).at(-1);
  if (!probe) throw new Error(`no probe at step ${step}`);
  return JSON.parse(probe.detail) as { shaped: boolean; offered: string[] };
}

/** The valid-action list of the prompt the model saw at `step` (its first model call there). */
function listedAt(trace: Trace, step: number): string[] {
  const call = eventsOf(trace, 'model-call').find((event) => event.step === step);
  if (!call) throw new Error(`no model call at step ${step}`);
  const content = (call.input as { messages: { content: string }[] }).messages.at(-1)!.content;
  const list = /\nValid actions:\n([\s\S]*?)\n(?:Your last choice|Your next action)/.exec(content);
  if (!list) throw new Error(`no action list in the prompt at step ${step}`);
  return list[1]!.split('\n');
}

const selectsAt = (trace: Trace, step: number) => eventsOf(trace, 'action-select').filter((event) => event.step === step);
const controlSignals = (trace: Trace, part: string) => eventsOf(trace, 'control').filter((event) => event.part === part);

const shortlist = (params: object = {}, extra: object[] = []) => testSpec({ control: [{ part: 'subgoal-shortlist', params }, ...extra, PROBE] });

describe('subgoal-shortlist', () => {
  it('at the first step lists only going to receptacles that can hold things (no look, inventory or lamp)', async () => {
    const trace = await runScripted(shortlist(), ['look'], { registry, scenario: testHouse(1) });
    const listed = listedAt(trace, 1);
    expect(listed.length).toBeGreaterThan(5);
    expect(listed.every((action) => action.startsWith('go to '))).toBe(true);
    expect(listed).toContain('go to cabinet 1');
    expect(listed).not.toContain('look');
    expect(listed).not.toContain('inventory');
    expect(listed).not.toContain('go to desklamp 1');
    expect(controlSignals(trace, 'subgoal-shortlist')[0]).toMatchObject({ signal: 'shortlist', step: 1 });
  });

  it('offers opening the closed cabinet 1 once the agent stands at it, among other searches', async () => {
    const trace = await runScripted(shortlist(), ['go to cabinet 1', 'look'], { registry, scenario: testHouse(2) });
    const listed = listedAt(trace, 2);
    expect(listed).toContain('open cabinet 1');
    expect(listed).not.toContain('go to cabinet 1');
    expect(listed.length).toBeGreaterThan(1);
  });

  it("with openHere 'only', opening the cabinet is the single candidate and is applied without a model call", async () => {
    const trace = await runScripted(shortlist({ openHere: 'only' }), ['go to cabinet 1'], { registry, scenario: testHouse(2) });
    expect(applied(trace)).toEqual(['go to cabinet 1', 'open cabinet 1']);
    expect(selectsAt(trace, 2)).toEqual([expect.objectContaining({ part: 'single-candidate', action: 'open cabinet 1' })]);
    expect(eventsOf(trace, 'model-call').filter((event) => event.step === 2)).toHaveLength(0);
    expect(offeredAt(trace, 2)).toEqual({ shaped: true, offered: ['open cabinet 1'] });
  });

  it("after a blocked move offers what clears the way among other moves, and with clearWay 'first' only that", async () => {
    const scenario = { ...blockedDoorHouse(), stepLimit: 2 };
    const offers = offeredAt(await runScripted(shortlist(), ['go to desk 1', 'look'], { registry, scenario }), 2).offered;
    expect(offers).toContain('push chair 1');
    expect(offers.length).toBeGreaterThan(1);
    const trace = await runScripted(shortlist({ clearWay: 'first' }), ['go to desk 1', 'look'], { registry, scenario });
    expect(eventsOf(trace, 'action-apply')[0]).toMatchObject({ action: 'go to desk 1', success: false, reason: 'path-blocked' });
    expect(offeredAt(trace, 2)).toEqual({ shaped: true, offered: ['push chair 1'] });
    expect(applied(trace)).toEqual(['go to desk 1', 'push chair 1']);
    expect(eventsOf(trace, 'control').find((event) => event.signal === 'clear-way')).toMatchObject({ step: 2, part: 'subgoal-shortlist' });
  });

  it('with a goal object in sight and free hands, offers only taking it', async () => {
    const trace = await runScripted(shortlist(), ['go to cabinet 1', 'open cabinet 1'], { registry, scenario: testHouse(3) });
    const { offered } = offeredAt(trace, 3);
    expect(offered.length).toBeGreaterThan(0);
    expect(offered.every((action) => action.startsWith('take '))).toBe(true);
    expect(offered).toEqual(['take mug 1 from cabinet 1']); // not the plate beside it
    expect(applied(trace)[2]).toBe('take mug 1 from cabinet 1');
  });

  it('walks the heat-then-place task: heating devices, heating, then the countertop and putting it there', async () => {
    const trace = await runScripted(shortlist(), ['go to cabinet 1', 'open cabinet 1', 'go to microwave 1'], { registry });
    // Step 4: holding the mug, not hot yet → only the heating devices.
    expect(listedAt(trace, 4).sort()).toEqual(['go to microwave 1', 'go to stoveburner 1']);
    // Step 5: at the microwave → heat it there (the only candidate).
    expect(offeredAt(trace, 5).offered).toEqual(['heat mug 1 with microwave 1']);
    // Step 6: hot → going to a countertop; step 7: there → putting it down.
    const deliver = offeredAt(trace, 6).offered;
    expect(deliver.length).toBeGreaterThan(0);
    expect(deliver.every((action) => /^go to countertop \d+$/.test(action))).toBe(true);
    expect(offeredAt(trace, 7).offered).toEqual(['put mug 1 in/on countertop 1']);
    expect(applied(trace)).toEqual(['go to cabinet 1', 'open cabinet 1', 'take mug 1 from cabinet 1', 'go to microwave 1', 'heat mug 1 with microwave 1', 'go to countertop 1', 'put mug 1 in/on countertop 1']);
    expect(endOf(trace)).toMatchObject({ success: true, modelCalls: 3 });
  });

  it('stops offering a receptacle once it was searched, but keeps a closed one only looked at', async () => {
    const trace = await runScripted(shortlist(), ['go to sofa 1', 'go to fridge 1', 'go to desk 1', 'look'], { registry, scenario: testHouse(4) });
    expect(listedAt(trace, 2)).not.toContain('go to sofa 1'); // (also: the agent is there)
    const step4 = listedAt(trace, 4);
    expect(step4).not.toContain('go to sofa 1');
    expect(step4).not.toContain('go to desk 1');
    expect(step4).toContain('go to fridge 1'); // seen closed, not searched
    expect(step4).toContain('go to shelf 1');
    expect(listedAt(trace, 1)).toContain('go to sofa 1');
  });

  it('falls back to every action for one step when progress stalls for stallSteps', async () => {
    const trace = await runScripted(shortlist({ stallSteps: 2 }), ['look', 'look', 'look'], { registry, scenario: testHouse(3) });
    const signals = controlSignals(trace, 'subgoal-shortlist').map((event) => [event.step, event.signal]);
    expect(signals).toEqual([[1, 'shortlist'], [2, 'shortlist'], [3, 'shortlist-fallback']]);
    expect(listedAt(trace, 2)).not.toContain('look');
    const all = listedAt(trace, 3);
    expect(all).toEqual(expect.arrayContaining(['look', 'inventory', 'go to desklamp 1', 'go to cabinet 1']));
    expect(all.length).toBeGreaterThan(listedAt(trace, 2).length);
    expect(offeredAt(trace, 3).shaped).toBe(false);
  });
});

describe('progress-guard', () => {
  const guard = (params: object = {}) => testSpec({ control: [{ part: 'progress-guard', params }] });
  const toHold = ['go to cabinet 1', 'open cabinet 1', 'take mug 1 from cabinet 1'];

  it('sends back putting the held mug back where it was taken from, then replaces it with a serving action', async () => {
    const trace = await runScripted(guard(), [...toHold, 'put mug 1 in/on cabinet 1', 'put mug 1 in/on cabinet 1'], { scenario: testHouse(4) });
    const [reject] = eventsOf(trace, 'action-reject');
    expect(reject).toMatchObject({ step: 4, part: 'progress-guard', action: 'put mug 1 in/on cabinet 1', reason: 'progress-undone' });
    expect(reject!.feedback).toContain('back where it was taken from');
    const [repair] = eventsOf(trace, 'action-repair');
    expect(repair).toMatchObject({ step: 4, part: 'progress-guard', from: 'put mug 1 in/on cabinet 1' });
    expect(['go to microwave 1', 'go to stoveburner 1']).toContain(repair!.to);
    expect(applied(trace)[3]).toBe(repair!.to);
    expect(selectsAt(trace, 4)).toHaveLength(2); // asked once more before replacing
  });

  it('takes a goal object as soon as it is seen with free hands (take-on-sight)', async () => {
    const trace = await runScripted(guard(), ['go to cabinet 1', 'open cabinet 1', 'go to sofa 1'], { scenario: testHouse(3) });
    expect(applied(trace)[2]).toBe('take mug 1 from cabinet 1');
    expect(controlSignals(trace, 'progress-guard')).toEqual([expect.objectContaining({ step: 3, signal: 'take-on-sight', detail: 'go to sofa 1 → take mug 1 from cabinet 1' })]);
  });

  it('with takeOnSight false, lets the agent walk away from the goal object', async () => {
    const trace = await runScripted(guard({ takeOnSight: false }), ['go to cabinet 1', 'open cabinet 1', 'go to sofa 1'], { scenario: testHouse(3) });
    expect(applied(trace)[2]).toBe('go to sofa 1');
    expect(controlSignals(trace, 'progress-guard')).toHaveLength(0);
  });
});

describe('thought-action', () => {
  const spec = (control: object[]) => testSpec({ selector: { part: 'free-generation', params: { thought: true } }, control });

  it("applies the offered action named in the model's thought over a different final answer", async () => {
    const reply = 'Thought: I should go to cabinet 1\nAction: look';
    const trace = await runScripted(spec([{ part: 'thought-action' }]), [reply], { scenario: testHouse(1) });
    expect(selectsAt(trace, 1)[0]).toMatchObject({ action: 'look', thought: 'I should go to cabinet 1' });
    expect(applied(trace)).toEqual(['go to cabinet 1']);
    expect(controlSignals(trace, 'thought-action')).toEqual([expect.objectContaining({ step: 1, signal: 'thought-action', detail: 'look → go to cabinet 1' })]);
    const without = await runScripted(spec([]), [reply], { scenario: testHouse(1) });
    expect(applied(without)).toEqual(['look']);
  });

  it('changes nothing when the thought names no valid action', async () => {
    const trace = await runScripted(spec([{ part: 'thought-action' }]), ['Thought: hmm, where could it be\nAction: look'], { scenario: testHouse(1) });
    expect(applied(trace)).toEqual(['look']);
    expect(controlSignals(trace, 'thought-action')).toHaveLength(0);
  });
});

describe('budget-triage', () => {
  const EXPLORING = /^(look|inventory|examine |close )/;

  it('offers no exploring actions once the steps left barely cover what remains, and not before', async () => {
    // testHouse(12): searching still needs about 7 steps (+1 margin) → from step 5 on (8 left).
    const trace = await runScripted(testSpec({ control: [{ part: 'budget-triage' }, PROBE] }), [], { registry });
    const triage = controlSignals(trace, 'budget-triage');
    expect(triage.length).toBeGreaterThan(0);
    expect(triage.every((event) => event.signal === 'triage')).toBe(true);
    expect(triage[0]!.step).toBe(5);
    for (const step of [1, 2, 3, 4]) {
      expect(listedAt(trace, step).some((action) => EXPLORING.test(action))).toBe(true);
      expect(offeredAt(trace, step).shaped).toBe(false);
    }
    for (const step of [5, 8, 12]) {
      const listed = listedAt(trace, step);
      expect(listed.filter((action) => EXPLORING.test(action))).toEqual([]);
      expect(listed).toContain('go to cabinet 1');
    }
  });

  it('triages from the first step when the step limit is tight', async () => {
    const trace = await runScripted(testSpec({ control: [{ part: 'budget-triage' }] }), [], { scenario: testHouse(6) });
    expect(controlSignals(trace, 'budget-triage')[0]).toMatchObject({ step: 1, signal: 'triage' });
    expect(listedAt(trace, 1)).not.toContain('look');
  });
});

describe('the null chooser', () => {
  const nullRun = (spec: unknown, chooserSeed: number, seed = 3, stepLimit = 12) =>
    runEpisode({ scenario: testHouse(stepLimit), seed, model: createNullChooser(chooserSeed), harness: buildHarness(spec, registry) });

  it('picks only among what is offered, never calling the model', async () => {
    const trace = await nullRun(shortlist(), 0);
    let offered: string[] = [];
    let checked = 0;
    for (const event of trace.events) {
      if (event.type === 'control' && event.part === 'offer-probe') offered = (JSON.parse(event.detail) as { offered: string[] }).offered;
      if (event.type === 'action-select') {
        expect(offered).toContain(event.action);
        expect(['null-chooser', 'single-candidate']).toContain(event.part);
        checked += 1;
      }
    }
    expect(checked).toBe(applied(trace).length);
    expect(eventsOf(trace, 'model-call')).toHaveLength(0);
    expect(eventsOf(trace, 'action-select').some((event) => event.part === 'null-chooser')).toBe(true);
    expect(trace.header.runner?.chooser).toBe('null');
  });

  it('selects by null-chooser at every step of an unshaped harness', async () => {
    const trace = await runEpisode({ scenario: testHouse(), seed: 3, model: createNullChooser(0), harness: buildHarness(testSpec(), builtInParts) });
    const selects = eventsOf(trace, 'action-select');
    expect(selects).toHaveLength(12);
    expect(selects.every((event) => event.part === 'null-chooser')).toBe(true);
    expect(eventsOf(trace, 'action-apply').every((event) => event.reason !== 'unknown-action')).toBe(true);
  });

  it('repeats exactly with the same seed and differs with another chooser seed', async () => {
    const seeds = [1, 2, 3, 4];
    const runs = async (chooserSeed: number) => Promise.all(seeds.map(async (seed) => applied(await nullRun(testSpec(), chooserSeed, seed))));
    const first = await runs(0);
    expect(await runs(0)).toEqual(first);
    expect(await runs(7)).not.toEqual(first);
    expect(new Set(first.map((actions) => JSON.stringify(actions))).size).toBeGreaterThan(1); // the episode seed matters too
  });
});

describe('enforcement parts together', () => {
  const ALL = testSpec({
    selector: { part: 'numbered-menu', params: { thought: true } },
    control: [{ part: 'subgoal-shortlist', params: { stallSteps: 2 } }, { part: 'progress-guard' }, { part: 'thought-action' }, { part: 'budget-triage' }],
  });

  it('run a scripted episode with numbered-menu to success within their contracts', async () => {
    // Thought, then a number (often the wrong one: the thought wins where it names an offered action).
    const replies = ['I should go to cabinet 1', '3', 'open cabinet 1 now', '2', 'heat it: go to microwave 1', '2'];
    const trace = await runScripted(ALL, replies);
    expect(eventsOf(trace, 'part-error')).toEqual([]);
    expect(endOf(trace)).toMatchObject({ success: true, termination: 'success' });
    expect(applied(trace).slice(0, 2)).toEqual(['go to cabinet 1', 'open cabinet 1']);
    expect(controlSignals(trace, 'thought-action').length).toBeGreaterThan(0);
    expect(controlSignals(trace, 'subgoal-shortlist').length).toBeGreaterThan(0);
  });

  it('run null-chooser episodes on tight budgets without a contract violation', async () => {
    const parts = new Set<string>();
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const trace = await runEpisode({ scenario: testHouse(9), seed, model: createNullChooser(seed), harness: buildHarness(ALL, builtInParts) });
      expect(eventsOf(trace, 'part-error')).toEqual([]);
      expect(['success', 'step-limit']).toContain(endOf(trace).termination);
      for (const event of eventsOf(trace, 'control')) parts.add(`${event.part}:${event.signal}`);
    }
    expect(parts).toContain('subgoal-shortlist:shortlist');
    expect(parts).toContain('subgoal-shortlist:shortlist-fallback');
  });
});
