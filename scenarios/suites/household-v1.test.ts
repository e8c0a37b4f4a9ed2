import { beforeAll, describe, expect, it } from 'vitest';
import { buildSuite, type BuiltMember } from './build-suite.ts';
import { checkManifest, loadSuiteAsync, loadSuiteManifest } from './load-suite.ts';
import { SuiteError } from './suite-registry.ts';
import { expectBalancedSplits, expectMemberReplays, expectSplitsApart } from './testing/frozen-suite-checks.ts';

const manifest = loadSuiteManifest('household-v1');
let built: Map<string, BuiltMember> = new Map();
/** The whole suite, regenerated once (hash-checked by loadSuite) and shared between tests. */
function members(): Map<string, BuiltMember> {
  return built;
}

describe('suite household-v1 (frozen manifest)', () => {
  // Asynchronous, so the ≈14 s of generation never blocks the test worker's event loop.
  beforeAll(async () => {
    built = new Map((await loadSuiteAsync('household-v1')).map((m) => [m.member.id, m]));
  });

  it('has train ≥ 120, test-seen ≥ 60, test-unseen ≥ 60, each balanced over the six task types', () => {
    expectBalancedSplits(manifest, { atLeast: true });
  });

  it('regenerates to exactly the frozen content hashes (loadSuite checks each one)', () => {
    const all = members();
    expect(all.size).toBe(manifest.members.length);
    for (const member of manifest.members) expect(all.get(member.id)!.member.hash).toBe(member.hash);
  });

  it('builds the same manifest from the suite seed, and a different suite from another seed', () => {
    const again = buildSuite('household-v1', undefined, { splits: ['test-unseen'], limit: 10 });
    expect(again.manifest.members).toEqual(manifest.members.filter((m) => m.split === 'test-unseen').slice(0, 10));
    const other = buildSuite('household-v1', 2, { splits: ['test-unseen'], limit: 10 });
    expect(other.manifest.members.map((m) => m.hash)).not.toEqual(again.manifest.members.map((m) => m.hash));
  });

  it('keeps its splits apart: test-seen reuses train houses with new tasks; test-unseen houses are new', () => {
    expectSplitsApart([...members().values()], manifest);
  });

  it('covers 1–4 rooms, hidden targets, duplicates and every hazard kind', () => {
    const tags = new Set([...members().values()].flatMap((m) => m.file.tags ?? []));
    for (const tag of ['rooms:1', 'rooms:2', 'rooms:3', 'rooms:4', 'hidden-target', 'duplicates', 'hazard:blocked-door', 'hazard:closed-door', 'hazard:box-in-doorway']) expect(tags).toContain(tag);
  });

  it('refuses a manifest from another generator version or edited by hand, saying what to do', () => {
    const otherVersion = { ...manifest, generator: { name: 'household', version: 2 } };
    expect(() => checkManifest(otherVersion, 'household-v1')).toThrow(/frozen at household generator v1.*new suite/);
    const edited = { ...manifest, members: manifest.members.map((m, i) => (i === 0 ? { ...m, taskSeed: m.taskSeed + 1 } : m)) };
    expect(() => checkManifest(edited, 'household-v1')).toThrow(/edited by hand/);
    expect(() => checkManifest(manifest, 'household-v2')).toThrow(SuiteError);
  });

  it.each(manifest.members.map((m) => [m.id] as const))('%s loads from its JSON, is solvable in its oracle length, and the plan reaches the goal in both physics modes', (id) => {
    expectMemberReplays(members().get(id)!, [3]);
  });
});
