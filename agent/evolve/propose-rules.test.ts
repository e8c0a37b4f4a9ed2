import { describe, expect, it } from 'vitest';
import { behaviourId, type HarnessSpec } from '../harness/harness-spec.ts';
import { loadHarness } from '../harness/presets/load-harness.ts';
import { candidateManifestSchema } from './candidate-manifest.ts';
import type { FailureCategory, FailureRecord } from './digest.ts';
import { applyEdits, usesPart } from '../harness/harness-edits.ts';
import { proposeRules, type LeverHistory, type ProposeInput } from './propose-rules.ts';

/** A failed episode `s#seed` showing `categories` (the first is the primary one). */
function failure(seed: number, categories: FailureCategory[]): FailureRecord {
  return {
    formatVersion: 1, scenarioId: 's', seed, harnessId: 'h-parent', taskType: 'heat-then-place', termination: 'step-limit', steps: 30,
    primary: categories[0]!,
    categories: categories.map((category) => ({ category, count: 2, evidence: [{ step: 3, excerpt: `${category} at step 3` }] })),
    implicatedParts: [], targetSeen: false, targetHeld: false,
  };
}

const react = (): HarnessSpec => loadHarness('react-basic').spec;
/** Mostly search inefficiency, plus a loop and an invalid action. */
const FAILURES: FailureRecord[] = [
  ...[0, 1, 2, 3, 4, 5].map((seed) => failure(seed, ['search-inefficiency'])),
  failure(6, ['loop', 'search-inefficiency']),
  failure(7, ['invalid-action']),
];
const input = (overrides: Partial<ProposeInput> = {}): ProposeInput => ({ spec: react(), failures: FAILURES, solved: ['s#8', 's#9'], history: [], count: 3, ...overrides });
const leversOf = (proposals: ReturnType<typeof proposeRules>): string[][] => proposals.map((proposal) => proposal.manifest.levers);
const rejected = (levers: string[], id: string): LeverHistory => ({ levers, behaviourId: id, accepted: false });

describe('proposeRules', () => {
  it("proposes the shortlist first for react-basic's search failures, inserting subgoal-shortlist", () => {
    const [first] = proposeRules(input());
    expect(first!.manifest.levers).toEqual(['shortlist']);
    expect(first!.manifest.edits).toEqual([{ op: 'insert', slot: 'control', part: 'subgoal-shortlist', params: {} }]);
    expect(usesPart(first!.spec, 'subgoal-shortlist')).toBe(true);
    expect(first!.behaviourId).toBe(behaviourId(first!.spec));
    expect(first!.manifest.signatures).toEqual([{ event: 'control', part: 'subgoal-shortlist', signal: 'shortlist' }]);
    expect(first!.manifest.predicted.risk).toEqual(['s#8', 's#9']);
    expect(first!.manifest.answers.find((answer) => answer.category === 'search-inefficiency')).toMatchObject({ count: 7 });
  });

  it('never proposes a lever whose part the spec already has', () => {
    const spec = applyEdits(react(), [{ op: 'insert', slot: 'control', part: 'subgoal-shortlist', params: {} }, { op: 'insert', slot: 'control', part: 'progress-guard', params: {} }]);
    const proposals = proposeRules(input({ spec, count: 8 }));
    expect(proposals.length).toBeGreaterThan(2);
    const levers = leversOf(proposals).flat();
    expect(levers).not.toContain('shortlist');
    expect(levers).not.toContain('progress-guard');
    for (const proposal of proposals) {
      for (const edit of proposal.manifest.edits) if (edit.op === 'insert') expect(usesPart(spec, edit.part)).toBe(false);
    }
    expect(levers).toContain('open-here'); // a lever that needs the shortlist becomes usable
  });

  it('returns at most count candidates', () => {
    for (const count of [1, 2, 3, 5]) {
      const proposals = proposeRules(input({ count }));
      expect(proposals.length).toBeLessThanOrEqual(count);
      expect(proposals.length).toBeGreaterThan(0);
    }
    expect(proposeRules(input({ count: 2 }))).toHaveLength(2);
    expect(proposeRules(input({ count: 0 }))).toEqual([]);
  });

  it('bundles the top two levers as the last candidate when count ≥ 3, and not below', () => {
    const three = proposeRules(input({ count: 3 }));
    expect(three).toHaveLength(3);
    expect(three[2]!.manifest.levers).toEqual([three[0]!.manifest.levers[0], three[1]!.manifest.levers[0]]);
    expect(three[2]!.manifest.edits).toEqual([...three[0]!.manifest.edits, ...three[1]!.manifest.edits]);
    expect(three[2]!.manifest.signatures).toHaveLength(2);
    for (const single of three.slice(0, 2)) expect(single.manifest.levers).toHaveLength(1);
    expect(leversOf(proposeRules(input({ count: 2 }))).every((levers) => levers.length === 1)).toBe(true);
  });

  it('demotes a lever rejected once and never proposes one rejected twice', () => {
    const once = proposeRules(input({ history: [rejected(['shortlist'], 'b-aaa')], count: 8 }));
    expect(once[0]!.manifest.levers).not.toEqual(['shortlist']);
    expect(leversOf(once).flat()).toContain('shortlist');
    const twice = proposeRules(input({ history: [rejected(['shortlist'], 'b-aaa'), rejected(['shortlist', 'lessons'], 'b-bbb')], count: 8 }));
    expect(twice.length).toBeGreaterThan(0);
    expect(leversOf(twice).flat()).not.toContain('shortlist');
  });

  it('does not propose a candidate whose behaviour id was already tried', () => {
    const [first] = proposeRules(input());
    const again = proposeRules(input({ history: [{ levers: ['shortlist'], behaviourId: first!.behaviourId, accepted: true }], count: 8 }));
    expect(again.length).toBeGreaterThan(0);
    expect(again.map((proposal) => proposal.behaviourId)).not.toContain(first!.behaviourId);
    expect(leversOf(again)).not.toContainEqual(['shortlist']);
    expect(again.map((proposal) => proposal.behaviourId)).not.toContain(behaviourId(react())); // nor the parent itself
  });

  it('proposes nothing without failures', () => {
    expect(proposeRules(input({ failures: [] }))).toEqual([]);
  });

  it('writes manifests that pass the manifest schema, with distinct behaviour ids', () => {
    const proposals = proposeRules(input({ count: 6 }));
    expect(proposals.length).toBe(6);
    for (const proposal of proposals) {
      const parsed = candidateManifestSchema.safeParse(proposal.manifest);
      expect(parsed.success, parsed.success ? '' : parsed.error.message).toBe(true);
      expect(proposal.manifest.signatures).toHaveLength(proposal.manifest.levers.length);
    }
    expect(new Set(proposals.map((proposal) => proposal.behaviourId)).size).toBe(proposals.length);
  });

  it('ranks first the lever curing a symptom the failures show (closed receptacles never opened → open-here; nothing seen, or seen late, after searching → search-order; blocked twice → clear-way)', () => {
    const evolved = loadHarness('evolved-smollm2').spec;
    const withSymptom = (record: FailureRecord, symptoms: FailureRecord['symptoms']): FailureRecord => ({ ...record, symptoms });
    const plain = leversOf(proposeRules(input({ spec: evolved, count: 2 })));
    expect(plain[0]).not.toEqual(['open-here']);
    const unopened = FAILURES.map((record) => withSymptom(record, ['closed-left-unopened']));
    expect(leversOf(proposeRules(input({ spec: evolved, failures: unopened, count: 2 })))[0]).toEqual(['open-here']);
    const neverSeen = FAILURES.map((record) => withSymptom(record, ['target-never-seen']));
    expect(leversOf(proposeRules(input({ spec: evolved, failures: neverSeen, count: 2 })))[0]).toEqual(['search-order']);
    const foundLate = FAILURES.map((record) => withSymptom(record, ['long-search']));
    expect(leversOf(proposeRules(input({ spec: evolved, failures: foundLate, count: 2 })))[0]).toEqual(['search-order']);
    const blocked = [0, 1, 2].map((seed) => withSymptom(failure(seed, ['blockage', 'loop']), ['blocked-repeatedly']));
    expect(leversOf(proposeRules(input({ spec: evolved, failures: blocked.map((record) => withSymptom(record, [])), count: 2 })))[0]).not.toEqual(['clear-way']);
    expect(leversOf(proposeRules(input({ spec: evolved, failures: blocked, count: 2 })))[0]).toEqual(['clear-way']);
    // A symptom alone, without a category the lever answers, adds nothing.
    const invalidOnly = [withSymptom(failure(1, ['invalid-action']), ['target-never-seen'])];
    expect(leversOf(proposeRules(input({ spec: evolved, failures: invalidOnly, count: 8 }))).flat()).not.toContain('search-order');
  });
});
