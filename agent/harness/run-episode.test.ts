import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createScriptedBackend } from '../models/scripted-backend.ts';
import { traceFingerprint } from '../trace/trace-io.ts';
import { BUILT_IN_PARTS, builtInParts } from './all-parts.ts';
import { buildHarness } from './build-harness.ts';
import { definePart } from './define-part.ts';
import { createPartRegistry } from './part-registry.ts';
import { HarnessError } from './harness-error.ts';
import { HOOKS } from './hooks.ts';
import { runEpisode } from './run-episode.ts';
import { HOT_MUG_PLAN, applied, endOf, eventsOf, prompts, runScripted, testHouse, testSpec } from './testing/harness-test-kit.ts';

const EVERY_VIEWING_PART = ['observation-text', 'observation-json', 'ascii-map', 'visible-here', 'goal-relevant', 'changes', 'history-window'].map((part) => ({ part }));

/** A part that records, at every hook, what it was shown. */
function spyPart(seen: { hook: string; view: string }[]) {
  const hooks = Object.fromEntries(HOOKS.map((hook) => [hook, ({ view }: { view: unknown }) => void seen.push({ hook, view: JSON.stringify(view) })]));
  return definePart({ kind: 'memory', name: 'spy', description: 'records its views', params: z.object({}), mayChange: {}, create: () => ({ hooks }) });
}

describe('runEpisode with a scripted model', () => {
  it('succeeds when the model follows the plan, and traces every step', async () => {
    const trace = await runScripted(testSpec(), HOT_MUG_PLAN);
    expect(applied(trace)).toEqual(HOT_MUG_PLAN);
    expect(endOf(trace)).toMatchObject({ success: true, steps: 7, termination: 'success', reward: 1, modelCalls: 7 });
    expect(eventsOf(trace, 'step-start').map((event) => event.step)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(eventsOf(trace, 'model-call').map((event) => event.step)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('plays the same episode under matter-js physics, recording the physics in the header', async () => {
    const trace = await runEpisode({ scenario: testHouse(), seed: 3, physics: 'matter', model: createScriptedBackend({ replies: HOT_MUG_PLAN }), harness: buildHarness(testSpec(), builtInParts) });
    expect(trace.header.physics).toBe('matter');
    expect(endOf(trace)).toMatchObject({ success: true, steps: 7 });
  });

  it('writes a header with the harness spec and id, the model, the scenario and seed, and the physics', async () => {
    const trace = await runScripted(testSpec(), ['look']);
    expect(trace.header).toMatchObject({ formatVersion: 1, harness: { name: 'test' }, model: { id: 'scripted' }, scenario: { id: testHouse().id, seed: 3 }, physics: 'kinematic' });
    expect(trace.header.harnessId).toMatch(/^h-[0-9a-f]{12}$/);
  });

  it('ends at the step limit with a failed episode', async () => {
    expect(endOf(await runScripted(testSpec(), []))).toMatchObject({ success: false, steps: 12, termination: 'step-limit' });
  });

  it('turns a model timeout into a model-error event and a failed episode, not a crash', async () => {
    const trace = await runScripted(testSpec(), { replies: ['go to cabinet 1', { error: 'timeout' }] });
    expect(endOf(trace)).toMatchObject({ success: false, termination: 'model-error', steps: 1 });
    expect(eventsOf(trace, 'model-call').at(-1)?.error?.reason).toBe('timeout');
  });

  it('turns a part that throws into a part-error event and a failed episode', async () => {
    const broken = definePart({ kind: 'memory', name: 'broken', description: 'throws', params: z.object({}), mayChange: {}, create: () => ({ hooks: { 'after-action': () => { throw new Error('disk full'); } } }) });
    const trace = await runScripted(testSpec({ memory: [{ part: 'broken' }] }), [], { registry: createPartRegistry([...BUILT_IN_PARTS, broken]) });
    expect(eventsOf(trace, 'part-error')[0]).toMatchObject({ part: 'broken', hook: 'after-action', message: 'disk full', step: 1 });
    expect(endOf(trace)).toMatchObject({ success: false, termination: 'part-error' });
  });

  it('stops with a HarnessError naming the part, hook and field when a part breaks its contract', async () => {
    const rogue = definePart({ kind: 'summarizer', name: 'rogue', description: 'sets the action at step start', params: z.object({}), mayChange: { 'step-start': ['sections'] }, create: () => ({ hooks: { 'step-start': ({ turn }) => void (turn.action = 'look') } }) });
    const error = await runScripted(testSpec({ summarizers: [{ part: 'rogue' }] }), [], { registry: createPartRegistry([...BUILT_IN_PARTS, rogue]) }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HarnessError);
    expect((error as HarnessError).details).toEqual({ part: 'rogue', hook: 'step-start', field: 'action' });
    expect((error as HarnessError).message).toMatch(/part 'rogue' \(slots.summarizers\[0\]\) changed 'action' at hook 'step-start'/);
  });

  it('calls every hook, episode-start and episode-end once, the others every step', async () => {
    const seen: { hook: string; view: string }[] = [];
    await runScripted(testSpec({ memory: [{ part: 'spy' }] }), HOT_MUG_PLAN.slice(0, 2), { registry: createPartRegistry([...BUILT_IN_PARTS, spyPart(seen)]), scenario: testHouse(2) });
    const count = (hook: string) => seen.filter((entry) => entry.hook === hook).length;
    expect(HOOKS.map(count)).toEqual([1, 2, 2, 2, 2, 2, 2, 1]);
  });

  it('gives the same fingerprint for the same inputs and a different one for different inputs', async () => {
    const spec = testSpec({ summarizers: [{ part: 'history-window' }, { part: 'observation-text' }] });
    const first = await runScripted(spec, HOT_MUG_PLAN.slice(0, 4));
    const second = await runScripted(spec, HOT_MUG_PLAN.slice(0, 4));
    expect(traceFingerprint(second)).toBe(traceFingerprint(first));
    expect(traceFingerprint(await runScripted(spec, HOT_MUG_PLAN.slice(0, 3)))).not.toBe(traceFingerprint(first));
  });

  it('reuses one built harness across episodes without carrying part state over', async () => {
    const harness = buildHarness(testSpec({ memory: [{ part: 'episodic-notes' }] }), builtInParts);
    const play = () => runEpisode({ scenario: testHouse(3), seed: 0, model: createScriptedBackend({ replies: ['go to countertop 1', 'look', 'look'] }), harness });
    const first = await play();
    expect(traceFingerprint(await play())).toBe(traceFingerprint(first));
  });
});

describe('what parts can see', () => {
  it('never shows a part or the model what is inside unopened receptacles', async () => {
    const seen: { hook: string; view: string }[] = [];
    const registry = createPartRegistry([...BUILT_IN_PARTS, spyPart(seen)]);
    const spec = testSpec({ summarizers: EVERY_VIEWING_PART, memory: [{ part: 'episodic-notes' }, { part: 'spy' }], decomposer: { part: 'goal-tree' } });
    const trace = await runScripted(spec, ['go to cabinet 1', 'go to fridge 1', 'look', 'inventory'], { registry });
    expect(seen.length).toBeGreaterThan(20);
    for (const text of [...seen.map((entry) => entry.view), ...prompts(trace)]) {
      expect(text).not.toContain('mug 1'); // in the closed cabinet 1
      expect(text).not.toContain('apple 2'); // in the closed fridge 1
    }
  });

  it('shows the contents once the agent opens the receptacle', async () => {
    const trace = await runScripted(testSpec({ summarizers: EVERY_VIEWING_PART }), ['go to cabinet 1', 'open cabinet 1', 'look']);
    expect(prompts(trace)[2]).toContain('mug 1');
  });

  it('gives parts a frozen view: a part that writes to it fails as a part error', async () => {
    const vandal = definePart({ kind: 'memory', name: 'vandal', description: 'edits the view', params: z.object({}), mayChange: {}, create: () => ({ hooks: { 'step-start': ({ view }) => void (view.validActions as string[]).push('win') } }) });
    const trace = await runScripted(testSpec({ memory: [{ part: 'vandal' }] }), [], { registry: createPartRegistry([...BUILT_IN_PARTS, vandal]) });
    expect(eventsOf(trace, 'part-error')[0]?.part).toBe('vandal');
    expect(endOf(trace).termination).toBe('part-error');
  });
});
