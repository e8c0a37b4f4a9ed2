import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateGoal, twoRoomHouse, type GoalNode, type WorldSpec } from '../../sim/index.ts';
import { loadWorldOrThrow } from '../format/load-scenario.ts';
import { generateScenario } from '../generate/generate-scenario.ts';
import { exportPddl } from '../pddl/export-pddl.ts';
import { validatePlan } from '../pddl/validate-plan.ts';
import { solveScenario } from './solve.ts';
import { walkedGoalScenario } from './testing/random-goals.ts';

const library = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'library');
const world = (name: string): WorldSpec => loadWorldOrThrow(path.join(library, `${name}.json`));

/** The apple starts in the closed fridge; the goal: it is neither in the fridge nor held. */
function appleOutOfFridge(): WorldSpec {
  const base = world('pick-apple-countertop');
  const goal: GoalNode = { type: 'not', goal: { type: 'any-of', goals: [{ type: 'in', object: { id: 'apple 1' }, receptacle: { id: 'fridge 1' } }, { type: 'holding', object: { id: 'apple 1' } }] } };
  return { ...base, objects: base.objects.map((o) => (o.id === 'apple 1' ? { ...o, in: 'fridge 1' } : o)), goal };
}

describe('the oracle', () => {
  it('solves a goal made of negations (the apple neither in the fridge nor held), and export-pddl takes it', () => {
    const spec = appleOutOfFridge();
    const result = solveScenario(spec);
    expect(result.outcome).toBe('solved');
    expect(result.plan).toEqual(['go to fridge 1', 'open fridge 1', 'take apple 1 from fridge 1', 'go to countertop 1', 'put apple 1 in/on countertop 1']);
    const exported = exportPddl(spec);
    if (!exported.ok) throw new Error(exported.error);
    expect(validatePlan(exported.domain, exported.problem, exported.plan)).toEqual({ valid: true });
  });

  // Small houses (the library's one- and two-room ones, two generated ones) with random goals.
  const houses = [
    ...['pick-apple-countertop', 'heat-mug-kitchen', 'slice-bread-plate', 'two-apples-fridge', 'clean-plate-cabinet', 'look-book-desklamp', 'blocked-door-book'].map(world),
    generateScenario({ id: 'test/one-room', taskType: 'look-at-in-light', layoutSeed: 3, rooms: 1, taskSeed: 1 }).world,
    generateScenario({ id: 'test/two-rooms', taskType: 'heat-then-place', layoutSeed: 5, rooms: 2, taskSeed: 2 }).world,
  ];

  it('finds a plan no longer than any random walk that reaches the goal (random goals, negations included)', () => {
    let checked = 0;
    fc.assert(
      fc.property(walkedGoalScenario(houses), (walked) => {
        if (!walked) return;
        const { spec, walk } = walked;
        const reached = walk.findIndex((state) => evaluateGoal(spec.goal, state) === 'success');
        if (reached <= 0) return; // true from the start: not a task
        checked += 1;
        const result = solveScenario(spec, { maxDepth: reached, maxExpanded: 20_000 });
        if (result.outcome === 'gave-up') return;
        expect(result.outcome, JSON.stringify(spec.goal)).toBe('solved');
        expect(result.length).toBeLessThanOrEqual(reached);
      }),
      { numRuns: 400, seed: 14 },
    );
    expect(checked).toBeGreaterThan(60);
  });

  it('tells giving up (a budget ran out) apart from unsolvable', () => {
    // A long plan in a two-room house with 15 objects: far more states than these budgets.
    const goal: GoalNode = { type: 'all-of', goals: [{ type: 'count', object: { type: 'apple' }, receptacle: { id: 'sofa 1' }, min: 2 }, { type: 'in', object: { type: 'mug', states: ['hot'] }, receptacle: { id: 'shelf 1' } }] };
    const spec = twoRoomHouse({ goal, stepLimit: 40 });
    expect(solveScenario(spec, { maxStates: 200 })).toMatchObject({ outcome: 'gave-up', budget: 'states', solvable: false, exhausted: true, states: 200 });
    expect(solveScenario(spec, { maxExpanded: Infinity, maxSeconds: 0.05 })).toMatchObject({ outcome: 'gave-up', budget: 'seconds' });
    expect(solveScenario(spec, { maxExpanded: 50 })).toMatchObject({ outcome: 'gave-up', budget: 'expanded' });
    // Depth-limited: no plan of at most 3 steps.
    expect(solveScenario(appleOutOfFridge(), { maxDepth: 3 })).toMatchObject({ outcome: 'unsolvable', exhausted: true });
    // Really unsolvable: nothing makes an apple dirty; every reachable state is searched.
    const dirty = { ...world('pick-apple-countertop'), goal: { type: 'has-state', object: { id: 'apple 1', states: ['dirty'] } } } satisfies WorldSpec;
    expect(solveScenario(dirty)).toMatchObject({ outcome: 'unsolvable', exhausted: false });
  });

  it('reports progress while it searches', () => {
    const seen: number[] = [];
    solveScenario(twoRoomHouse({ stepLimit: 40 }), { maxExpanded: 3000, onProgress: (p) => seen.push(p.states) });
    expect(seen.length).toBeGreaterThan(0);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
  });
});
