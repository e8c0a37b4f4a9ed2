import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BUILT_IN_PARTS } from '../harness/all-parts.ts';
import { definePart } from '../harness/define-part.ts';
import { createPartRegistry } from '../harness/part-registry.ts';
import { HOT_MUG_PLAN, runScripted, testHouse, testSpec } from '../harness/testing/harness-test-kit.ts';
import type { Trace, TraceEvent } from '../trace/trace-events.ts';
import { digestTrace, digestTraces, FAILURE_CATEGORIES, formatDigest, type FailureCategory, type FailureRecord } from './digest.ts';

/** The digest of a failed trace (fails the test when the episode succeeded). */
function digest(trace: Trace): FailureRecord {
  const record = digestTrace(trace);
  if (!record) throw new Error('expected a failed episode');
  return record;
}

const categoriesOf = (record: FailureRecord): FailureCategory[] => record.categories.map((c) => c.category);
const findingOf = (record: FailureRecord, category: FailureCategory) => record.categories.find((c) => c.category === category);
const steps = (record: FailureRecord, category: FailureCategory): number[] => findingOf(record, category)?.evidence.map((e) => e.step) ?? [];

/** A copy of `trace` with its events passed through `edit`. */
const edited = (trace: Trace, edit: (event: TraceEvent) => TraceEvent): Trace => ({ header: trace.header, events: trace.events.map((e) => edit(structuredClone(e))) });

describe('digestTrace', () => {
  it('returns null for a successful episode', async () => {
    expect(digestTrace(await runScripted(testSpec(), HOT_MUG_PLAN))).toBeNull();
  });

  it('finds a guessed action and blames the selector and the prompt builder', async () => {
    const record = digest(await runScripted(testSpec({ selector: { part: 'free-generation' } }), ['blah blah xyz']));
    expect(record.primary).toBe('invalid-action');
    expect(steps(record, 'invalid-action')).toEqual([1]);
    expect(findingOf(record, 'invalid-action')?.evidence[0]?.excerpt).toContain('from "blah blah xyz"');
    expect(record.implicatedParts.slice(0, 2)).toEqual(['free-generation', 'chat-prompt']);
  });

  it('counts a not-admissible rejection by a validator as an invalid action', async () => {
    const record = digest(await runScripted(testSpec({ validators: [{ part: 'admissible', params: { mode: 'retry' } }] }), ['blah']));
    expect(record.primary).toBe('invalid-action');
    expect(findingOf(record, 'invalid-action')?.evidence[0]).toEqual({ step: 1, excerpt: 'rejected "blah" (admissible): not admissible' });
  });

  it('counts unknown actions the world refused as invalid actions', async () => {
    const record = digest(await runScripted(testSpec(), ['dance wildly'], { scenario: testHouse(2) }));
    expect(record.primary).toBe('invalid-action');
    expect(findingOf(record, 'invalid-action')?.evidence[0]?.excerpt).toMatch(/^dance wildly → unknown-action: /);
  });

  it('counts failed preconditions by reason code and blames the validators slot', async () => {
    const record = digest(await runScripted(testSpec(), ['go to cabinet 1', 'take mug 1 from cabinet 1', 'go to fridge 1']));
    expect(record.primary).toBe('precondition');
    expect(findingOf(record, 'precondition')).toMatchObject({ count: 1, reasons: { 'container-closed': 1 } });
    expect(steps(record, 'precondition')).toEqual([2]);
    expect(record.implicatedParts[0]).toBe('slots.validators');
    expect(record).toMatchObject({ targetSeen: false, targetHeld: false });
  });

  it('names the validators of the spec when there are some, and keeps at most 3 evidence items', async () => {
    const spec = testSpec({ validators: [{ part: 'learned-preconditions' }] });
    const record = digest(await runScripted(spec, ['go to cabinet 1', 'put mug 1 in/on cabinet 1', 'put mug 1 in/on cabinet 1', 'heat mug 1 with microwave 1', 'use cabinet 1']));
    const finding = findingOf(record, 'precondition');
    expect(finding?.count).toBe(4);
    expect(finding?.reasons).toEqual({ 'not-holding': 3, 'not-toggleable': 1 });
    expect(finding?.evidence.map((e) => e.step)).toEqual([2, 3, 4]);
    expect(record.implicatedParts).toContain('learned-preconditions');
    expect(record.implicatedParts).not.toContain('slots.validators');
  });

  it('finds the same action repeated (look ×4) and blames the control slot', async () => {
    const record = digest(await runScripted(testSpec(), ['look', 'look', 'look', 'look'], { scenario: testHouse(4) }));
    expect(record.primary).toBe('loop');
    expect(findingOf(record, 'loop')?.evidence).toEqual([{ step: 1, excerpt: '"look" ×4 in a row (steps 1–4)' }]);
    expect(record.implicatedParts[0]).toBe('slots.control');
  });

  it('finds an A-B-A-B cycle and an action repeated apart from the others', async () => {
    const cycle = digest(await runScripted(testSpec(), ['go to fridge 1', 'go to drawer 1', 'go to fridge 1', 'go to drawer 1'], { scenario: testHouse(4) }));
    expect(categoriesOf(cycle)).toContain('loop');
    expect(findingOf(cycle, 'loop')?.evidence[0]?.excerpt).toBe('"go to fridge 1" ↔ "go to drawer 1" for 4 actions (steps 1–4)');
    const scattered = ['inventory', 'go to fridge 1', 'inventory', 'go to drawer 1', 'inventory', 'go to fridge 1', 'inventory'];
    const record = digest(await runScripted(testSpec(), scattered, { scenario: testHouse(7) }));
    expect(findingOf(record, 'loop')?.evidence).toEqual([{ step: 7, excerpt: '"inventory" applied 4 times' }]);
  });

  it('falls back to other when no category matches (the plan just ran out of steps)', async () => {
    const record = digest(await runScripted(testSpec(), HOT_MUG_PLAN.slice(0, 3), { scenario: testHouse(3) }));
    expect(categoriesOf(record)).toEqual(['other']);
    expect(record.categories[0]?.evidence[0]).toMatchObject({ step: 3 });
    expect(record.categories[0]?.evidence[0]?.excerpt).toMatch(/^ended by step-limit after 3 steps; last: take mug 1 from cabinet 1/);
    expect(record).toMatchObject({ targetSeen: true, targetHeld: true, termination: 'step-limit', steps: 3 });
  });

  it('finds a search that never saw the goal object before the step limit', async () => {
    const record = digest(await runScripted(testSpec(), []));
    expect(categoriesOf(record)).toEqual(['loop', 'search-inefficiency']);
    expect(findingOf(record, 'search-inefficiency')?.evidence).toEqual([{ step: 12, excerpt: 'no mug seen in 12 steps; visited: nothing' }]);
    expect(record.implicatedParts).toEqual(['slots.control', 'slots.decomposer', 'slots.memory']);
    expect(record.targetSeen).toBe(false);
  });

  it('finds a wrong object taken', async () => {
    const record = digest(await runScripted(testSpec(), ['go to cabinet 1', 'open cabinet 1', 'take plate 1 from cabinet 1']));
    expect(record.primary).toBe('wrong-object');
    expect(findingOf(record, 'wrong-object')?.evidence).toEqual([{ step: 3, excerpt: 'take plate 1 from cabinet 1 (the goal wants mug)' }]);
    expect(record.implicatedParts.slice(0, 2)).toEqual(['slots.summarizers', 'free-generation']);
    expect(record).toMatchObject({ targetSeen: true, targetHeld: false });
  });

  it('finds the goal object put back where it was taken from', async () => {
    const record = digest(await runScripted(testSpec(), ['go to cabinet 1', 'open cabinet 1', 'take mug 1 from cabinet 1', 'put mug 1 in/on cabinet 1']));
    expect(record.primary).toBe('progress-undone');
    expect(steps(record, 'progress-undone')).toEqual([4]);
    expect(record.implicatedParts[0]).toBe('slots.control');
    expect(record).toMatchObject({ targetSeen: true, targetHeld: true });
  });

  it('finds a transform done but never delivered', async () => {
    const record = digest(await runScripted(testSpec(), HOT_MUG_PLAN.slice(0, -2)));
    expect(record.primary).toBe('transform-not-delivered');
    expect(findingOf(record, 'transform-not-delivered')?.evidence[0]).toEqual({ step: 5, excerpt: 'heat mug 1 with microwave 1 → You heat the mug 1 using the microwave 1. It is hot now.' });
    expect(record.implicatedParts.slice(0, 2)).toEqual(['slots.decomposer', 'slots.control']);
  });

  it('finds a model error, also when only the termination says so', async () => {
    const record = digest(await runScripted(testSpec(), [{ error: 'timeout' }]));
    expect(record).toMatchObject({ primary: 'model-error', termination: 'model-error', implicatedParts: ['free-generation'] });
    expect(findingOf(record, 'model-error')?.evidence).toEqual([{ step: 1, excerpt: 'model call (free-generation): timeout: scripted timeout' }]);
    const cancelled = edited(await runScripted(testSpec(), ['look'], { scenario: testHouse(1) }), (e) => (e.type === 'episode-end' ? { ...e, termination: 'cancelled' } : e));
    expect(digest(cancelled).primary).toBe('model-error');
    expect(findingOf(digest(cancelled), 'model-error')?.evidence).toEqual([{ step: 1, excerpt: 'episode ended: cancelled' }]);
  });

  it('finds a closed door in the way', async () => {
    const record = digest(await runScripted(testSpec(), ['close door 1', 'go to sofa 1']));
    expect(record.primary).toBe('blockage');
    expect(findingOf(record, 'blockage')?.evidence[0]?.excerpt).toMatch(/^go to sofa 1 → door-closed: /);
    expect(record.implicatedParts.slice(0, 2)).toEqual(['slots.validators', 'slots.control']);
  });

  it('finds a path blocked (hand-edited feedback of a real trace)', async () => {
    const trace = edited(await runScripted(testSpec(), ['go to sofa 1'], { scenario: testHouse(2) }), (e) =>
      e.type === 'action-apply' && e.step === 1 ? { ...e, success: false, reason: 'path-blocked', feedback: 'chair 1 blocks the way.' } : e,
    );
    expect(steps(digest(trace), 'blockage')).toEqual([1]);
  });

  it('blames the part that threw', async () => {
    const broken = definePart({ kind: 'memory', name: 'broken', description: 'throws', params: z.object({}), mayChange: {}, create: () => ({ hooks: { 'after-action': () => { throw new Error('disk full'); } } }) });
    const trace = await runScripted(testSpec({ memory: [{ part: 'broken' }] }), [], { registry: createPartRegistry([...BUILT_IN_PARTS, broken]) });
    const record = digest(trace);
    expect(record).toMatchObject({ primary: 'part-error', termination: 'part-error', implicatedParts: ['broken'] });
    expect(findingOf(record, 'part-error')?.evidence).toEqual([{ step: 1, excerpt: 'broken at after-action: disk full' }]);
  });

  it('uses a goal naming one instance, and survives a broken goal tree', async () => {
    const trace = await runScripted(testSpec(), ['go to cabinet 1', 'open cabinet 1', 'take mug 1 from cabinet 1'], { scenario: testHouse(3) });
    const byId = edited(trace, (e) => (e.type === 'episode-start' ? { ...e, goalTree: { type: 'in', object: { id: 'mug 2' }, receptacle: { type: 'countertop' } } } : e));
    expect(findingOf(digest(byId), 'wrong-object')?.evidence[0]?.excerpt).toBe('take mug 1 from cabinet 1 (the goal wants mug 2)');
    const broken = edited(trace, (e) => (e.type === 'episode-start' ? { ...e, goalTree: { type: 'all-of', goals: 7 } } : e));
    expect(digest(broken)).toMatchObject({ primary: 'other', targetSeen: false, targetHeld: false });
  });

  it('is plain JSON with short excerpts', async () => {
    const record = digest(await runScripted(testSpec(), ['close door 1', 'go to sofa 1', 'take mug 1 from cabinet 1']));
    expect(JSON.parse(JSON.stringify(record))).toEqual(record);
    expect(record.formatVersion).toBe(1);
    for (const finding of record.categories) for (const { excerpt } of finding.evidence) expect(excerpt.length).toBeLessThanOrEqual(160);
  });
});

describe('digestTraces and formatDigest', () => {
  it('counts categories and primaries over failed traces and prints a line per record', async () => {
    const traces = [await runScripted(testSpec(), HOT_MUG_PLAN), await runScripted(testSpec(), []), await runScripted(testSpec(), HOT_MUG_PLAN.slice(0, -2))];
    const result = digestTraces(traces);
    expect(result).toMatchObject({ formatVersion: 1, episodes: 3, failures: 2 });
    expect(Object.keys(result.byCategory).sort()).toEqual([...FAILURE_CATEGORIES].sort());
    expect(result.byCategory).toMatchObject({ loop: 2, 'search-inefficiency': 1, 'transform-not-delivered': 1, other: 0 });
    expect(result.byPrimary).toMatchObject({ loop: 1, 'transform-not-delivered': 1, 'search-inefficiency': 0 });
    const text = formatDigest(result);
    expect(text).toContain('2 of 3 episodes failed');
    expect(text).toMatch(/^loop +2 +1$/m);
    expect(text).toContain('test/two-room-house 3: loop (search-inefficiency) — "look" ×12 in a row (steps 1–12)');
    expect(text).toContain('test/two-room-house 3: transform-not-delivered (loop) — heat mug 1 with microwave 1 →');
  });
});
