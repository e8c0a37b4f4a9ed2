/**
 * The checks every frozen suite goes through (household-v1, household-v2, …), as in Gymnasium's
 * conformance suite: balanced splits, splits that keep houses apart, and members that load,
 * solve in their frozen oracle length and replay in both physics modes.
 */
import { expect } from 'vitest';
import { createEnvWithPhysics } from '../../../sim/index.ts';
import { parseScenario } from '../../format/load-scenario.ts';
import { formatIssue } from '../../format/scenario-issue.ts';
import { TASK_TYPES } from '../../generate/task-types.ts';
import { solveScenario } from '../../oracle/solve.ts';
import type { BuiltMember } from '../build-suite.ts';
import { SPLITS, type SuiteManifest } from '../suite-manifest.ts';

const SIZES = { train: 120, 'test-seen': 60, 'test-unseen': 60 };

/** train 120, test-seen 60, test-unseen 60 (`atLeast`: or more), each balanced over the six task types; unique ids. */
export function expectBalancedSplits(manifest: SuiteManifest, options: { atLeast?: boolean } = {}): void {
  for (const split of SPLITS) {
    const inSplit = manifest.members.filter((m) => m.split === split);
    if (options.atLeast) expect(inSplit.length).toBeGreaterThanOrEqual(SIZES[split]);
    else expect(inSplit.length).toBe(SIZES[split]);
    for (const type of TASK_TYPES) expect(inSplit.filter((m) => m.taskType === type).length, `${split} ${type}`).toBe(inSplit.length / 6);
  }
  expect(new Set(manifest.members.map((m) => m.id)).size).toBe(manifest.members.length);
}

/** test-seen reuses train's houses with new tasks; test-unseen's houses are new; no two members are the same file. */
export function expectSplitsApart(members: readonly BuiltMember[], manifest: SuiteManifest): void {
  const housesOf = (split: string): Set<string> => new Set(members.filter((m) => m.member.split === split).map((m) => m.file.layout.map.join('\n') + JSON.stringify(m.file.furniture)));
  const train = housesOf('train');
  for (const house of housesOf('test-seen')) expect(train.has(house)).toBe(true);
  for (const house of housesOf('test-unseen')) expect(train.has(house)).toBe(false);
  const hashes = manifest.members.map((m) => m.hash);
  expect(new Set(hashes).size).toBe(hashes.length);
}

/** The member loads from its JSON, solves in its frozen oracle length, and the plan reaches the goal in both physics modes from each seed. */
export function expectMemberReplays(member: BuiltMember, seeds: readonly number[]): void {
  const loaded = parseScenario(JSON.stringify(member.file, null, 2), `${member.member.id}.json`);
  if (!loaded.ok) throw new Error(loaded.errors.map(formatIssue).join('\n'));
  const solved = solveScenario(loaded.world);
  expect(solved.solvable).toBe(true);
  expect(solved.length).toBe(member.member.oracleLength);
  for (const mode of ['kinematic', 'matter'] as const) {
    for (const seed of seeds) {
      const env = createEnvWithPhysics(mode);
      env.reset({ scenario: loaded.world, seed });
      let last;
      for (const action of solved.plan) {
        last = env.step(action);
        expect(last.info.success, `${mode}, seed ${seed}: ${action} → ${last.feedback}`).toBe(true);
      }
      expect(last?.terminated).toBe(true);
      expect(last?.reward).toBe(1);
    }
  }
}
