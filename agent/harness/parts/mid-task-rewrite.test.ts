import { describe, expect, it } from 'vitest';
import { solveScenario } from '../../../scenarios/oracle/solve.ts';
import { createScriptedBackend } from '../../models/scripted-backend.ts';
import type { Trace } from '../../trace/trace-events.ts';
import { builtInParts } from '../all-parts.ts';
import { buildHarness } from '../build-harness.ts';
import { HarnessError } from '../harness-error.ts';
import { runEpisode } from '../run-episode.ts';
import { applied, endOf, eventsOf, runScripted, testHouse, testSpec } from '../testing/harness-test-kit.ts';

const LOOP_REMEDY = { category: 'loop', lever: 'loop-detection', edits: [{ op: 'insert', slot: 'control', part: 'loop-detection', params: {} }] };
const PRECONDITION_REMEDY = { category: 'precondition', lever: 'preconditions', edits: [{ op: 'insert', slot: 'validators', part: 'learned-preconditions', params: { preload: true } }] };
const withRewrite = (params: object) => testSpec({ control: [{ part: 'mid-task-rewrite', params }] });
const STALLING = withRewrite({ remedies: [LOOP_REMEDY, PRECONDITION_REMEDY] });
/** The oracle's plan for the test house, replayed as the model's replies. */
const ORACLE_PLAN = solveScenario(testHouse()).plan;

const rewrites = (trace: Trace) => eventsOf(trace, 'harness-rewrite');
const controls = (trace: Trace, part: string) => eventsOf(trace, 'control').filter((event) => event.part === part);
const run = (spec: unknown, replies: string[], harness = buildHarness(spec, builtInParts)) =>
  runEpisode({ scenario: testHouse(), seed: 3, model: createScriptedBackend({ replies, fallback: 'look' }), harness });

describe('mid-task-rewrite', () => {
  it('fires on an episode that repeats one useless action: a loop, remedied by inserting loop-detection', async () => {
    const trace = await runScripted(STALLING, []); // the model says `look` every step
    expect(rewrites(trace)).toEqual([expect.objectContaining({ step: 3, part: 'mid-task-rewrite', trigger: 'loop', category: 'loop', lever: 'loop-detection', edits: LOOP_REMEDY.edits })]);
    expect(rewrites(trace)[0]!.harnessId).not.toBe(trace.header.harnessId);
    // The remedy's part is really active from the next step on, and never before.
    const replaced = controls(trace, 'loop-detection');
    expect(replaced.length).toBeGreaterThan(0);
    expect(replaced.every((event) => event.step > 3 && event.signal === 'replace')).toBe(true);
    expect(applied(trace).slice(0, 4)).toEqual(['look', 'look', 'look', expect.stringMatching(/^go to /)]);
  });

  it('does not fire on an episode that follows the oracle plan', async () => {
    expect(ORACLE_PLAN.length).toBeGreaterThan(3);
    const trace = await runScripted(STALLING, ORACLE_PLAN);
    expect(endOf(trace).success).toBe(true);
    expect(rewrites(trace)).toEqual([]);
    expect(controls(trace, 'mid-task-rewrite')).toEqual([]);
  });

  it('classifies by the failure shown, not by the trigger: failed actions in a row → precondition → learned-preconditions repairs', async () => {
    const trace = await runScripted(STALLING, ['open fridge 1', 'take mug 1 from cabinet 1', 'open cabinet 1', 'take apple 2 from fridge 1']);
    expect(rewrites(trace)).toEqual([expect.objectContaining({ step: 3, trigger: 'failed-actions', category: 'precondition', lever: 'preconditions' })]);
    expect(eventsOf(trace, 'action-repair')[0]).toMatchObject({ step: 4, part: 'learned-preconditions', to: 'go to fridge 1' });
  });

  it('fires on no progress for K steps when the other triggers are off', async () => {
    const trace = await runScripted(withRewrite({ remedies: [LOOP_REMEDY], triggers: { loop: null, failedActions: null, noProgress: 4 } }), []);
    expect(rewrites(trace)[0]).toMatchObject({ step: 5, trigger: 'no-progress', detail: 'no progress for 4 steps', category: 'loop' });
  });

  it('keeps its own store across its rewrite: no second attempt past maxRewrites', async () => {
    const trace = await runScripted(withRewrite({ remedies: [LOOP_REMEDY], maxRewrites: 1, triggers: { noProgress: 2 } }), []);
    expect(rewrites(trace)).toHaveLength(1);
    // A fresh store would count from zero again and try the (now refused) remedy once the stall trigger fires.
    expect(controls(trace, 'mid-task-rewrite')).toEqual([]);
  });

  it('says so when the remedy does not fit the harness, and rewrites nothing', async () => {
    const spec = testSpec({ control: [{ part: 'loop-detection', params: { maxRepeats: 5 } }, { part: 'mid-task-rewrite', params: { remedies: [LOOP_REMEDY] } }] });
    const trace = await runScripted(spec, []);
    expect(rewrites(trace)).toEqual([]);
    expect(controls(trace, 'mid-task-rewrite')[0]).toMatchObject({ step: 3, signal: 'rewrite-refused', detail: expect.stringContaining('already in that slot') });
  });

  it('falls back to the remedy for other when none answers the category shown', async () => {
    const other = { ...LOOP_REMEDY, category: 'other', lever: 'catch-all' };
    const trace = await runScripted(withRewrite({ remedies: [PRECONDITION_REMEDY, other] }), []);
    expect(rewrites(trace)).toEqual([expect.objectContaining({ step: 3, trigger: 'loop', category: 'loop', lever: 'catch-all' })]);
  });

  it('traces a stall with no matching remedy as no-remedy', async () => {
    const trace = await runScripted(withRewrite({ remedies: [PRECONDITION_REMEDY] }), []);
    expect(rewrites(trace)).toEqual([]);
    expect(controls(trace, 'mid-task-rewrite')[0]).toMatchObject({ step: 3, signal: 'no-remedy', detail: expect.stringContaining('shows loop') });
  });

  it('never leaks into the next episode, and the same inputs give the same trace', async () => {
    const harness = buildHarness(STALLING, builtInParts);
    const specBefore = JSON.stringify(harness.spec);
    const first = await run(STALLING, [], harness);
    const progressing = await run(STALLING, ORACLE_PLAN, harness);
    const again = await run(STALLING, [], harness);
    expect(JSON.stringify(harness.spec)).toBe(specBefore);
    expect(progressing.header.harness).toEqual(first.header.harness);
    expect(controls(progressing, 'loop-detection')).toEqual([]);
    expect(again).toEqual(first); // the second stalling episode rewrote again from the same start
    expect(await run(STALLING, [])).toEqual(first); // and a freshly built harness gives the same trace
  });

  it('rejects remedies for unknown categories, naming the known ones', () => {
    const bad = withRewrite({ remedies: [{ ...LOOP_REMEDY, category: 'loops' }] });
    expect(() => buildHarness(bad, builtInParts)).toThrow(HarnessError);
    expect(() => buildHarness(bad, builtInParts)).toThrow(/remedies\.0\.category.*"loop"/);
    expect(() => buildHarness(withRewrite({ remedies: [{ ...LOOP_REMEDY, edits: [] }] }), builtInParts)).toThrow(/remedies\.0\.edits/);
  });
});
