import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RECEPTACLE_TYPES } from '../../sim/index.ts';
import { parseScenario } from '../format/load-scenario.ts';
import { solveScenario } from '../oracle/solve.ts';
import { GenerationError, generateScenario, houseFor } from './generate-scenario.ts';
import { TASK_TYPES } from './task-types.ts';

describe('the household generator', () => {
  it('gives the same file for the same seeds and a different one for another task seed', () => {
    const request = { id: 'test/heat', taskType: 'heat-then-place' as const, layoutSeed: 11, rooms: 3, taskSeed: 5 };
    const a = generateScenario(request);
    const b = generateScenario(request);
    expect(JSON.stringify(a.file)).toBe(JSON.stringify(b.file));
    expect(JSON.stringify(generateScenario({ ...request, taskSeed: 6 }).file)).not.toBe(JSON.stringify(a.file));
  });

  it('builds houses of 1–4 rooms, each with a lamp, a kitchen and doors between its rooms', () => {
    for (let rooms = 1; rooms <= 4; rooms++) {
      for (let seed = 0; seed < 10; seed++) {
        const house = houseFor(seed, rooms);
        expect(house.rooms).toHaveLength(rooms);
        expect(house.rooms.map((r) => r.kind)).toContain('kitchen');
        expect(house.furniture.some((piece) => RECEPTACLE_TYPES[piece.id.split(' ')[0]!]?.light)).toBe(true);
        expect(house.doors.length).toBeGreaterThanOrEqual(rooms - 1);
        expect(new Set(house.map.map((row) => row.length)).size).toBe(1);
      }
    }
  });

  // An async property that yields between runs, so ≈12 s of generation never blocks the worker's event loop.
  it('makes every task type from random seeds as a scenario that loads, is solvable and says what it is', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...TASK_TYPES), fc.integer({ min: 1, max: 4 }), fc.nat(), fc.nat(), async (taskType, rooms, layoutSeed, taskSeed) => {
        await new Promise<void>((resolve) => setTimeout(resolve, 0));
        const generated = generateScenario({ id: 'test/fuzz', taskType, rooms, layoutSeed, taskSeed });
        const loaded = parseScenario(JSON.stringify(generated.file));
        expect(loaded.ok).toBe(true);
        if (!loaded.ok) return;
        expect(solveScenario(loaded.world).length).toBe(generated.plan.length);
        expect(generated.file.tags).toContain(`task:${taskType}`);
        expect(generated.file.tags).toContain(`rooms:${rooms}`);
        expect(generated.file.stepLimit).toBeGreaterThanOrEqual(generated.plan.length);
      }),
      { numRuns: 24, seed: 20261125 },
    );
  });

  it('makes v1 by default, v2 on request in the same house, and refuses versions it cannot make', () => {
    const request = { id: 'test/v', taskType: 'pick-and-place' as const, layoutSeed: 4, rooms: 4, taskSeed: 9 };
    const v1 = generateScenario(request);
    expect(JSON.stringify(generateScenario({ ...request, version: 1 }).file)).toBe(JSON.stringify(v1.file));
    expect(v1.placements.every((p) => p.draw === 'uniform')).toBe(true);
    const v2 = generateScenario({ ...request, version: 2 });
    expect(v2.file.layout).toEqual(v1.file.layout);
    expect(v2.file.description).toMatch(/generator v2/);
    expect(v2.placements.map((p) => p.object)).toEqual(v2.file.objects.map((o) => o.id));
    expect(v2.placements.every((p) => p.draw !== 'uniform')).toBe(true);
    expect(() => generateScenario({ ...request, version: 3 as never })).toThrow(/generator version must be one of 1, 2/);
  });

  it('refuses a room count outside 1–4 with a clear error', () => {
    expect(() => generateScenario({ id: 'test/x', taskType: 'pick-and-place', layoutSeed: 1, rooms: 5, taskSeed: 1 })).toThrow(GenerationError);
    expect(() => generateScenario({ id: 'test/x', taskType: 'pick-and-place', layoutSeed: 1, rooms: 0, taskSeed: 1 })).toThrow(/rooms must be 1–4/);
  });
});
