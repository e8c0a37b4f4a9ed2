import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { twoRoomHouse, type WorldSpec } from '../../sim/index.ts';
import { createScriptedBackend } from '../models/scripted-backend.ts';
import { parseTraceJsonl, traceFingerprint, traceToJsonl } from '../trace/trace-io.ts';
import { BUILT_IN_PARTS, builtInParts } from './all-parts.ts';
import { buildHarness } from './build-harness.ts';
import { definePart } from './define-part.ts';
import { createPartRegistry } from './part-registry.ts';
import { HarnessError } from './harness-error.ts';
import { harnessId, type HarnessSpec } from './harness-spec.ts';
import { loadHarness, presetNames } from './presets/load-harness.ts';
import { runEpisode } from './run-episode.ts';

const spec = (slots: Partial<HarnessSpec['slots']>, texts: Record<string, string> = {}): unknown => ({
  formatVersion: 1,
  name: 'test',
  slots: { promptBuilder: { part: 'chat-prompt' }, selector: { part: 'free-generation', params: { parse: 'raw' } }, ...slots },
  texts,
});
/** Goal: put a hot mug on a countertop; the mug is in the closed cabinet 1. */
const house = (): WorldSpec => twoRoomHouse({ stepLimit: 12 });
const HOT_MUG_PLAN = ['go to cabinet 1', 'open cabinet 1', 'take mug 1 from cabinet 1', 'go to microwave 1', 'heat mug 1 with microwave 1', 'go to countertop 1', 'put mug 1 in/on countertop 1'];

async function run(harnessSpec: unknown, replies: string[], scenario = house()) {
  const model = createScriptedBackend({ replies, fallback: 'look' });
  return runEpisode({ scenario, seed: 3, model, harness: buildHarness(harnessSpec, builtInParts) });
}
const applied = (trace: Awaited<ReturnType<typeof run>>) => trace.events.flatMap((e) => (e.type === 'action-apply' ? [e.action] : []));
const end = (trace: Awaited<ReturnType<typeof run>>) => trace.events.at(-1) as Extract<Awaited<ReturnType<typeof run>>['events'][number], { type: 'episode-end' }>;

describe('the episode runner with a scripted model', () => {
  it('succeeds when the model follows the plan, and traces every step', async () => {
    const trace = await run(spec({}), HOT_MUG_PLAN);
    expect(applied(trace)).toEqual(HOT_MUG_PLAN);
    expect(end(trace)).toMatchObject({ success: true, steps: 7, termination: 'success', reward: 1 });
    expect(trace.events.filter((e) => e.type === 'model-call')).toHaveLength(7);
  });

  it('ends at the step limit with a failed episode', async () => {
    const trace = await run(spec({}), []);
    expect(end(trace)).toMatchObject({ success: false, steps: 12, termination: 'step-limit' });
  });

  it('turns a model error into a failed episode, not a crash', async () => {
    const model = createScriptedBackend({ replies: ['go to cabinet 1', { error: 'timeout' }] });
    const trace = await runEpisode({ scenario: house(), seed: 1, model, harness: buildHarness(spec({}), builtInParts) });
    expect(end(trace)).toMatchObject({ success: false, termination: 'model-error', steps: 1 });
    expect(trace.events.some((e) => e.type === 'model-call' && e.error?.reason === 'timeout')).toBe(true);
  });

  it('gives the same trace fingerprint for the same inputs', async () => {
    const first = await run(spec({ summarizers: [{ part: 'history-window', params: {} }, { part: 'observation-text', params: {} }] }), HOT_MUG_PLAN.slice(0, 4));
    const second = await run(spec({ summarizers: [{ part: 'history-window', params: {} }, { part: 'observation-text', params: {} }] }), HOT_MUG_PLAN.slice(0, 4));
    expect(traceFingerprint(first)).toBe(traceFingerprint(second));
    const different = await run(spec({}), HOT_MUG_PLAN.slice(0, 3));
    expect(traceFingerprint(different)).not.toBe(traceFingerprint(first));
  });

  it('round-trips a trace through JSONL and rejects bad lines with their line number', async () => {
    const trace = await run(spec({}), HOT_MUG_PLAN);
    expect(parseTraceJsonl(traceToJsonl(trace))).toEqual(JSON.parse(JSON.stringify(trace)));
    const lines = traceToJsonl(trace).split('\n');
    lines[3] = '{"type":"action-apply","step":"two"}';
    expect(() => parseTraceJsonl(lines.join('\n'))).toThrow(/line 4/);
  });

  it('never shows the model what is inside unopened receptacles', async () => {
    const trace = await run(spec({ summarizers: ['observation-text', 'observation-json', 'ascii-map', 'visible-here', 'goal-relevant'].map((part) => ({ part, params: {} })), memory: [{ part: 'episodic-notes', params: {} }] }), ['go to countertop 1', 'look', 'inventory']);
    const prompts = trace.events.filter((e) => e.type === 'model-call').map((e) => JSON.stringify(e.input));
    expect(prompts.length).toBeGreaterThan(2);
    for (const prompt of prompts) {
      expect(prompt).not.toContain('mug 1'); // in the closed cabinet 1
      expect(prompt).not.toContain('apple 2'); // in the closed fridge 1
    }
  });
});

describe('parts', () => {
  it('admissible repairs an invalid action to the closest valid one', async () => {
    const trace = await run(spec({ validators: [{ part: 'admissible', params: { mode: 'repair' } }] }), ['go to cabinet one']);
    expect(applied(trace)[0]).toBe('go to cabinet 1');
    expect(trace.events.some((e) => e.type === 'action-repair' && e.to === 'go to cabinet 1')).toBe(true);
  });

  it('admissible in retry mode sends the selector back with feedback', async () => {
    const trace = await run(spec({ validators: [{ part: 'admissible', params: { mode: 'retry' } }] }), ['fly to the moon', 'go to cabinet 1']);
    expect(applied(trace)[0]).toBe('go to cabinet 1');
    const retryPrompt = trace.events.filter((e) => e.type === 'model-call')[1]!;
    expect(JSON.stringify(retryPrompt.input)).toContain('is not a valid action now');
  });

  it('learned-preconditions learns "open before take" from container-closed and inserts the open', async () => {
    const trace = await run(spec({ validators: [{ part: 'learned-preconditions', params: {} }] }), ['go to cabinet 1', 'take mug 1 from cabinet 1', 'go to fridge 1', 'take apple 2 from fridge 1']);
    const actions = applied(trace);
    expect(actions.slice(0, 2)).toEqual(['go to cabinet 1', 'take mug 1 from cabinet 1']); // fails: not learned yet
    expect(actions[3]).toBe('open fridge 1'); // learned: repaired
    expect(trace.events.some((e) => e.type === 'action-repair' && e.why === 'learned from container-closed')).toBe(true);
  });

  it('loop-detection replaces an action repeated too often', async () => {
    const trace = await run(spec({ control: [{ part: 'loop-detection', params: { maxRepeats: 2 } }] }), ['look', 'look', 'look', 'look']);
    expect(applied(trace).slice(0, 3)).toEqual(['look', 'look', 'go to cabinet 1']);
  });

  it('search-once blocks going back to a searched receptacle with empty hands', async () => {
    const trace = await run(spec({ control: [{ part: 'search-once', params: {} }] }), ['go to fridge 1', 'go to cabinet 1', 'go to fridge 1']);
    expect(applied(trace)[2]).not.toBe('go to fridge 1');
  });

  it('goal-tree tracks subgoals from observations', async () => {
    const trace = await run(spec({ decomposer: { part: 'goal-tree', params: {} } }), HOT_MUG_PLAN);
    const started = trace.events.flatMap((e) => (e.type === 'subgoal-start' ? [e.subgoal] : []));
    expect(started[0]).toMatch(/^find a mug/);
    expect(started).toContainEqual(expect.stringMatching(/^take a mug/));
    expect(started).toContainEqual(expect.stringMatching(/^heat it/));
    expect(started.at(-1)).toMatch(/^go to a countertop/);
  });

  it('episodic-notes remembers what was seen where', async () => {
    const trace = await run(spec({ memory: [{ part: 'episodic-notes', params: {} }] }), ['go to countertop 1', 'look']);
    const second = trace.events.filter((e) => e.type === 'model-call')[1]!;
    expect(JSON.stringify(second.input)).toContain('apple 1 (countertop 1)');
  });

  it('lessons and step-budget add rules to the instructions', async () => {
    const trace = await run(spec({ memory: [{ part: 'lessons', params: {} }], control: [{ part: 'step-budget', params: { warnAt: 20 } }] }, { lessons: 'Open closed receptacles before taking from them.' }), ['look']);
    const prompt = JSON.stringify(trace.events.find((e) => e.type === 'model-call')!.input);
    expect(prompt).toContain('Open closed receptacles before taking from them.');
    expect(prompt).toContain('steps are left');
  });

  it('switch-selector moves to choice scoring after repeated failures', async () => {
    const model = createScriptedBackend({ replies: ['take mug 9 from cabinet 1', 'take mug 9 from cabinet 1'], scores: Array.from({ length: 12 }, () => ({ 'go to cabinet 1': 5 })), fallback: 'look' });
    const harness = buildHarness(spec({ control: [{ part: 'switch-selector', params: { after: 2, to: 'choice-scoring' } }] }), builtInParts);
    const trace = await runEpisode({ scenario: house(), seed: 1, model, harness });
    expect(applied(trace)[2]).toBe('go to cabinet 1');
    expect(trace.events.some((e) => e.type === 'model-call' && e.kind === 'score')).toBe(true);
  });

  it.each(['numbered-menu', 'choice-scoring', 'grammar'])('the %s selector always yields a valid action', async (selector) => {
    const trace = await run(spec({ selector: { part: selector, params: {} } }), ['3', '1', '2']);
    const valid = trace.events.filter((e) => e.type === 'action-apply').every((e) => e.success);
    expect(valid).toBe(true);
  });
});

describe('specs and the registry', () => {
  it.each(BUILT_IN_PARTS.map((part) => [part.name, part] as const))('part %s builds with default params', (_name, part) => {
    const instance = part.create(part.params.parse({}));
    expect(instance.hooks).toBeDefined();
  });

  it('rejects an unknown part with the closest name and the list', () => {
    expect(() => buildHarness(spec({ selector: { part: 'free-generaton', params: {} } }), builtInParts)).toThrow(/did you mean 'free-generation'/);
  });

  it('rejects a part in the wrong slot and bad params with the slot path', () => {
    expect(() => buildHarness(spec({ selector: { part: 'admissible', params: {} } }), builtInParts)).toThrow(/slots.selector: part 'admissible' is a validator/);
    expect(() => buildHarness(spec({ summarizers: [{ part: 'history-window', params: { size: 0 } }] }), builtInParts)).toThrow(/slots.summarizers\[0\].params/);
  });

  it('refuses duplicate part names', () => {
    expect(() => createPartRegistry([BUILT_IN_PARTS[0]!, BUILT_IN_PARTS[0]!])).toThrow(/two parts are named/);
  });

  it('gives equal specs equal ids and different specs different ids', () => {
    const a = loadHarness('react-basic');
    const b = loadHarness('react-basic');
    expect(a.id).toBe(b.id);
    expect(harnessId({ ...a.spec, name: 'other' })).not.toBe(a.id);
    expect(presetNames()).toEqual(expect.arrayContaining(['minimal', 'react-basic']));
  });

  it('stops with a HarnessError naming the part when a part breaks its contract', async () => {
    const rogue = definePart({
      kind: 'summarizer', name: 'rogue', description: 'changes the action at step start', params: z.object({}), mayChange: { 'step-start': ['sections'] },
      create: () => ({ hooks: { 'step-start': ({ turn }) => void (turn.action = 'look') } }),
    });
    const registry = createPartRegistry([...BUILT_IN_PARTS, rogue]);
    const harness = buildHarness(spec({ summarizers: [{ part: 'rogue', params: {} }] }), registry);
    const error = await runEpisode({ scenario: house(), seed: 1, model: createScriptedBackend({ replies: [], fallback: 'look' }), harness }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HarnessError);
    expect((error as HarnessError).message).toMatch(/part 'rogue'.*changed 'action' at hook 'step-start'/);
  });

  it('turns a part that throws into a part-error event and a failed episode', async () => {
    const broken = definePart({
      kind: 'memory', name: 'broken', description: 'throws', params: z.object({}), mayChange: {},
      create: () => ({ hooks: { 'after-action': () => { throw new Error('disk full'); } } }),
    });
    const harness = buildHarness(spec({ memory: [{ part: 'broken', params: {} }] }), createPartRegistry([...BUILT_IN_PARTS, broken]));
    const trace = await runEpisode({ scenario: house(), seed: 1, model: createScriptedBackend({ replies: [], fallback: 'look' }), harness });
    expect(trace.events.some((e) => e.type === 'part-error' && e.message === 'disk full')).toBe(true);
    expect(end(trace as never)).toMatchObject({ success: false, termination: 'part-error' });
  });
});
