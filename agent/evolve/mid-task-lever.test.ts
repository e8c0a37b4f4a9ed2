import { describe, expect, it } from 'vitest';
import { builtInParts } from '../harness/all-parts.ts';
import { buildHarness } from '../harness/build-harness.ts';
import type { HarnessSpec } from '../harness/harness-spec.ts';
import { loadHarness } from '../harness/presets/load-harness.ts';
import { eventsOf, runScripted, testSpec } from '../harness/testing/harness-test-kit.ts';
import { showsSignature } from './attribution-signature.ts';
import { candidateManifestSchema } from './candidate-manifest.ts';
import type { FailureCategory, FailureRecord } from './digest.ts';
import { leverById } from './lever-catalog.ts';
import { proposeRules, type LeverHistory, type ProposeInput } from './propose-rules.ts';

function failure(seed: number, categories: FailureCategory[]): FailureRecord {
  return {
    formatVersion: 1, scenarioId: 's', seed, harnessId: 'h-parent', taskType: 'heat-then-place', termination: 'step-limit', steps: 30, primary: categories[0]!,
    categories: categories.map((category) => ({ category, count: 2, evidence: [{ step: 3, excerpt: `${category} at step 3` }] })),
    implicatedParts: [], targetSeen: false, targetHeld: false,
  };
}
const react = (): HarnessSpec => loadHarness('react-basic').spec;
/** Loops and failed preconditions, and one search failure. */
const FAILURES = [failure(0, ['loop']), failure(1, ['precondition', 'loop']), failure(2, ['search-inefficiency'])];
const input = (overrides: Partial<ProposeInput> = {}): ProposeInput => ({ spec: react(), failures: FAILURES, solved: ['s#9'], history: [], count: 20, ...overrides });
const midTask = (proposals: ReturnType<typeof proposeRules>) => proposals.find((proposal) => proposal.manifest.levers.join() === 'mid-task-rewrite');
const remediesOf = (proposal: NonNullable<ReturnType<typeof midTask>>) => {
  const edit = proposal.manifest.edits[0]!;
  if (edit.op !== 'insert') throw new Error(`expected an insert, got ${edit.op}`);
  return edit.params.remedies as { category: string; lever: string; edits: unknown[] }[];
};

describe('the mid-task-rewrite lever', () => {
  it('is proposed by the rule proposer for loops and failed preconditions, with a manifest that validates and a spec that builds', () => {
    const proposal = midTask(proposeRules(input()));
    expect(proposal).toBeDefined();
    expect(candidateManifestSchema.safeParse(proposal!.manifest).success).toBe(true);
    expect(proposal!.manifest.signatures).toEqual([{ event: 'harness-rewrite', part: 'mid-task-rewrite' }]);
    expect(proposal!.manifest.answers.map((answer) => answer.category)).toEqual(['loop', 'precondition']);
    expect(() => buildHarness(proposal!.spec, builtInParts)).not.toThrow();
    expect(proposal!.spec.slots.control.map((slot) => slot.part)).toEqual(['mid-task-rewrite']);
  });

  it("takes remedies from the catalogue's category → lever mapping when the run has accepted nothing; a stall falls back to the top category's lever", () => {
    const remedies = remediesOf(midTask(proposeRules(input()))!);
    expect(remedies.map((remedy) => [remedy.category, remedy.lever])).toEqual([['loop', 'shortlist'], ['precondition', 'shortlist'], ['other', 'shortlist']]);
    expect(remedies[0]!.edits).toEqual(leverById('shortlist').edits(react(), ['loop']));
  });

  it('prefers the levers the run history accepted for a category', () => {
    const history: LeverHistory[] = [{ levers: ['loop-detection'], behaviourId: 'b-1', accepted: true }, { levers: ['preconditions'], behaviourId: 'b-2', accepted: false }];
    const remedies = remediesOf(midTask(proposeRules(input({ history })))!);
    expect(remedies.map((remedy) => [remedy.category, remedy.lever])).toEqual([['loop', 'loop-detection'], ['precondition', 'shortlist'], ['other', 'loop-detection']]);
    expect(remedies[0]!.edits).toEqual([{ op: 'insert', slot: 'control', part: 'loop-detection', params: {} }]);
  });

  it('is not proposed when the failures show nothing a running episode can show, nor twice', () => {
    expect(midTask(proposeRules(input({ failures: [failure(0, ['search-inefficiency']), failure(1, ['model-error'])] })))).toBeUndefined();
    const once = midTask(proposeRules(input()))!;
    expect(leverById('mid-task-rewrite').edits(once.spec, ['loop'], [])).toBeNull();
  });

  it('its part, as proposed, rewrites a stalling episode and leaves the signature in the trace', async () => {
    const remedies = remediesOf(midTask(proposeRules(input()))!);
    const trace = await runScripted(testSpec({ control: [{ part: 'mid-task-rewrite', params: { remedies } }] }), []);
    expect(showsSignature(trace, { event: 'harness-rewrite', part: 'mid-task-rewrite' })).toBe(true);
    const rewrite = eventsOf(trace, 'harness-rewrite')[0]!;
    expect(rewrite).toMatchObject({ category: 'loop', lever: 'shortlist' });
    expect(eventsOf(trace, 'control').some((event) => event.part === 'subgoal-shortlist' && event.step > rewrite.step)).toBe(true);
    expect(showsSignature(await runScripted(testSpec(), []), { event: 'harness-rewrite', part: 'mid-task-rewrite' })).toBe(false);
  });
});
