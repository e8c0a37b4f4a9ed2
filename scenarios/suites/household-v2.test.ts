import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { typeOfId } from '../../sim/index.ts';
import type { ScenarioFile } from '../format/scenario-schema.ts';
import { isGeneratorVersion } from '../generate/generate-scenario.ts';
import { isTypicalPlace, TYPICAL_SHARE } from '../generate/placement-table.ts';
import { buildSuite, type BuiltMember } from './build-suite.ts';
import { checkManifest, loadSuite, loadSuiteAsync, loadSuiteManifest, manifestPath } from './load-suite.ts';
import { expectBalancedSplits, expectMemberReplays, expectSplitsApart } from './testing/frozen-suite-checks.ts';

const manifest = loadSuiteManifest('household-v2');
let built: Map<string, BuiltMember> = new Map();
const members = (): BuiltMember[] => [...built.values()];

/** household-v1 as frozen (its file's SHA-256 and its suite hash): v2 must not have moved it. */
const V1_FILE_SHA256 = '3dc0c8fdbc5dbd4741ab51097fc3160a27f03630e22fa948a9d303bae051fa41';
const V1_SUITE_HASH = '4e4ae2fd111175914d73dc2576aff746aee95cdffa3179d4fbcd2e446fdfb0ad';

/**
 * Tolerance on the share of targets in a typical place. The generator draws TYPICAL_SHARE of
 * them from the table; the uniform rest lands on a typical piece now and then (that lifts the share
 * a few points), while a fallback (no typical type in the house) lowers it. ±0.06 holds both.
 */
const SHARE_TOLERANCE = 0.06;

/** The goal's object type: every object of that type in a generated file is a target. */
const targetTypeOf = (file: ScenarioFile): string => (file.goal.tree as { object: { type: string } }).object.type;
const targetsOf = (file: ScenarioFile) => file.objects.filter((o) => typeOfId(o.id) === targetTypeOf(file)).map((o) => ({ object: typeOfId(o.id), receptacle: typeOfId(o.in!) }));

describe('suite household-v2 (frozen manifest, typical placements)', () => {
  // Asynchronous, so the ≈20 s of generation never blocks the test worker's event loop.
  beforeAll(async () => {
    built = new Map((await loadSuiteAsync('household-v2')).map((m) => [m.member.id, m]));
  });

  it('is frozen at generator v2 with train 120, test-seen 60, test-unseen 60, each balanced over the six task types', () => {
    expect(manifest.generator).toEqual({ name: 'household', version: 2 });
    expectBalancedSplits(manifest);
  });

  it('regenerates to exactly the frozen content hashes (loadSuite checks each one)', () => {
    expect(built.size).toBe(manifest.members.length);
    for (const member of manifest.members) expect(built.get(member.id)!.member.hash).toBe(member.hash);
  });

  it('builds the same manifest from the suite seed, and a different suite from another seed', () => {
    const again = buildSuite('household-v2', undefined, { splits: ['test-unseen'], limit: 6 });
    expect(again.manifest.members).toEqual(manifest.members.filter((m) => m.split === 'test-unseen').slice(0, 6));
    const other = buildSuite('household-v2', 3, { splits: ['test-unseen'], limit: 6 });
    expect(other.manifest.members.map((m) => m.hash)).not.toEqual(again.manifest.members.map((m) => m.hash));
  });

  it(`puts ${TYPICAL_SHARE} ± ${SHARE_TOLERANCE} of all targets in a typical place, read from the files themselves`, () => {
    const targets = members().flatMap((m) => targetsOf(m.file));
    expect(targets.length).toBeGreaterThanOrEqual(manifest.members.length);
    const share = targets.filter((t) => isTypicalPlace(t.object, t.receptacle)).length / targets.length;
    expect(share).toBeGreaterThan(TYPICAL_SHARE - SHARE_TOLERANCE);
    expect(share).toBeLessThan(TYPICAL_SHARE + SHARE_TOLERANCE);
  });

  it('draws TYPICAL_SHARE of its placements from the table, the rest anywhere, and rarely has to fall back', () => {
    const placements = members().flatMap((m) => m.placements);
    const count = (role: string, draw: string): number => placements.filter((p) => p.role === role && p.draw === draw).length;
    for (const role of ['target', 'distractor']) {
      const typical = count(role, 'typical');
      const drawnShare = typical / (typical + count(role, 'anywhere'));
      expect(Math.abs(drawnShare - TYPICAL_SHARE), role).toBeLessThan(SHARE_TOLERANCE);
      expect(count(role, 'fallback') / placements.filter((p) => p.role === role).length, role).toBeLessThan(0.02);
      expect(count(role, 'uniform'), role).toBe(0);
    }
  });

  it('has, for every target type seen 10 times or more, a typical receptacle type as its most common place', () => {
    const byType = new Map<string, Map<string, number>>();
    for (const { object, receptacle } of members().flatMap((m) => targetsOf(m.file))) {
      const places = byType.get(object) ?? new Map<string, number>();
      places.set(receptacle, (places.get(receptacle) ?? 0) + 1);
      byType.set(object, places);
    }
    const checked = [...byType].filter(([, places]) => [...places.values()].reduce((a, b) => a + b, 0) >= 10);
    expect(checked.length).toBeGreaterThanOrEqual(8);
    for (const [object, places] of checked) {
      const top = Math.max(...places.values());
      const mostCommon = [...places].filter(([, n]) => n === top).map(([receptacle]) => receptacle);
      for (const receptacle of mostCommon) expect(isTypicalPlace(object, receptacle), `${object}: most often in ${receptacle}`).toBe(true);
    }
  });

  it('keeps its splits apart: test-seen reuses train houses with new tasks; test-unseen houses are new', () => {
    expectSplitsApart(members(), manifest);
  });

  it('covers 1–4 rooms, hidden targets, duplicates and every hazard kind, and writes no placement hints into the files', () => {
    const tags = new Set(members().flatMap((m) => m.file.tags ?? []));
    for (const tag of ['rooms:1', 'rooms:2', 'rooms:3', 'rooms:4', 'hidden-target', 'duplicates', 'hazard:blocked-door', 'hazard:closed-door', 'hazard:box-in-doorway']) expect(tags).toContain(tag);
    for (const m of members()) expect(JSON.stringify(m.file)).not.toMatch(/typical|anywhere|fallback|placement/);
  });

  it('refuses a manifest from another generator version or edited by hand', () => {
    expect(() => checkManifest({ ...manifest, generator: { name: 'household', version: 1 } }, 'household-v2')).toThrow(/frozen at household generator v2.*new suite/);
    const edited = { ...manifest, members: manifest.members.map((m, i) => (i === 0 ? { ...m, layoutSeed: m.layoutSeed + 1 } : m)) };
    expect(() => checkManifest(edited, 'household-v2')).toThrow(/edited by hand/);
    expect(isGeneratorVersion(2)).toBe(true);
    expect(isGeneratorVersion(3)).toBe(false);
  });

  it('leaves household-v1 as it was: the same file, the same suite hash, members that still regenerate', () => {
    expect(createHash('sha256').update(fs.readFileSync(manifestPath('household-v1'))).digest('hex')).toBe(V1_FILE_SHA256);
    expect(loadSuiteManifest('household-v1').hash).toBe(V1_SUITE_HASH);
    expect(loadSuite('household-v1', { splits: ['test-unseen'], limit: 6 })).toHaveLength(6);
  });

  // Seed 0 replays the written start; seed 3 a seeded one (the plan must not depend on it).
  it.each(manifest.members.map((m) => [m.id] as const))('%s loads from its JSON, is solvable in its oracle length, and the plan reaches the goal in both physics modes', (id) => {
    expectMemberReplays(built.get(id)!, [0, 3]);
  });
});
