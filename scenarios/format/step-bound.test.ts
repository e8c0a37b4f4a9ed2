import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileWorld, initialState, type WorldSpec } from '../../sim/index.ts';
import { solveScenario } from '../oracle/solve.ts';
import { walkedGoalScenario } from '../oracle/testing/random-goals.ts';
import { loadSuite } from '../suites/load-suite.ts';
import { loadWorldOrThrow } from './load-scenario.ts';
import { minimumSteps } from './step-bound.ts';

const library = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'library');
const worlds = fs.readdirSync(library).filter((f) => f.endsWith('.json')).sort().map((f) => loadWorldOrThrow(path.join(library, f)));
const bound = (world: WorldSpec): number => minimumSteps(world, initialState(compileWorld(world)));

describe('the step lower bound', () => {
  it('never exceeds the oracle plan: the library and household-v1 members', () => {
    for (const world of worlds) {
      const solved = solveScenario(world);
      expect(bound(world), world.id).toBeGreaterThan(0);
      expect(bound(world), world.id).toBeLessThanOrEqual(solved.length);
    }
    for (const member of loadSuite('household-v1', { splits: ['test-unseen'], limit: 12 })) expect(bound(member.world), member.member.id).toBeLessThanOrEqual(member.member.oracleLength);
  });

  it('counts a go to, a take and a put per object to move, and one action per state to add', () => {
    const heatMug = worlds.find((w) => w.id === 'household/heat-mug-kitchen-v1')!; // mug in a closed cabinet → hot, on the counter
    expect(bound(heatMug)).toBe(4); // go to, take, heat, put (the oracle also opens the cabinet and walks twice: 7)
    const twoApples = worlds.find((w) => w.id === 'household/two-apples-fridge-v1')!;
    expect(bound(twoApples)).toBeGreaterThanOrEqual(5); // go to, then take and put for each of two apples
  });

  it('never exceeds the oracle plan for random goals (negations included)', () => {
    const houses = worlds.filter((w) => w.rooms.length <= 2);
    fc.assert(
      fc.property(walkedGoalScenario(houses), (walked) => {
        if (!walked) return;
        const { spec } = walked;
        const solved = solveScenario(spec, { maxDepth: 16, maxExpanded: 5_000 });
        if (solved.outcome === 'solved') expect(bound(spec), JSON.stringify(spec.goal)).toBeLessThanOrEqual(solved.length);
      }),
      { numRuns: 150, seed: 14 },
    );
  });
});
