import { describe, expect, it } from 'vitest';
import { CELL_FLOOR, compileWorld } from './compiled-world.ts';
import { createEnv } from './env.ts';
import { ResetSeedError } from './seeded-start.ts';
import { blockedDoorHouse, twoRoomHouse } from './test-worlds.ts';
import type { WorldSpec } from './world-spec.ts';
import { initialState } from './world-state.ts';

const startCell = (spec: WorldSpec, seed: number): string => {
  const env = createEnv();
  env.reset({ scenario: spec, seed });
  return env.getState().agent.cell.join(',');
};
const SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);

describe("reset's seed", () => {
  it('seed 0 is the scenario exactly as written', () => {
    for (const spec of [twoRoomHouse(), blockedDoorHouse()]) {
      const env = createEnv();
      env.reset({ scenario: spec, seed: 0 });
      expect(env.getState()).toEqual(initialState(compileWorld(spec)));
      expect(env.getState().agent.cell).toEqual(spec.agent.cell);
    }
  });

  it('different seeds give different start cells; the same seed gives the same state hash, before and after steps', () => {
    const cells = SEEDS.map((seed) => startCell(twoRoomHouse(), seed));
    expect(new Set(cells).size).toBeGreaterThan(5);
    expect(cells.some((cell) => cell !== '2,3')).toBe(true);
    for (const seed of [1, 9, 123456]) {
      const [a, b] = [createEnv(), createEnv()];
      a.reset({ scenario: twoRoomHouse(), seed });
      b.reset({ scenario: twoRoomHouse(), seed });
      expect(a.stateHash()).toBe(b.stateHash());
      for (const action of ['go to fridge 1', 'open fridge 1', 'go to sofa 1']) {
        a.step(action);
        b.step(action);
        expect(a.stateHash()).toBe(b.stateHash());
      }
    }
  });

  it('moves only the agent, within its start room, onto free floor it can walk to', () => {
    const spec = blockedDoorHouse();
    const world = compileWorld(spec);
    const written = initialState(world);
    const furniture = new Set(spec.receptacles.map((r) => r.cell.join(',')));
    const kitchen = world.rooms.findIndex((room) => room.id === 'kitchen');
    for (const seed of SEEDS) {
      const env = createEnv();
      env.reset({ scenario: spec, seed });
      const state = env.getState();
      const [x, y] = state.agent.cell;
      expect(world.base[y * world.width + x]).toBe(CELL_FLOOR);
      expect(world.roomByCell[y * world.width + x]).toBe(kitchen);
      expect(furniture.has(`${x},${y}`)).toBe(false);
      expect({ ...state, agent: { ...state.agent, cell: written.agent.cell } }).toEqual(written);
    }
  });

  it('keeps every go to answering as from the written start (the episode stays solvable)', () => {
    for (const spec of [twoRoomHouse(), blockedDoorHouse()]) {
      const answers = (seed: number): string[] => {
        const env = createEnv();
        env.reset({ scenario: spec, seed });
        const start = env.snapshot();
        return spec.receptacles.map((r) => {
          env.restore(start);
          return env.step(`go to ${r.id}`).info.reason;
        });
      };
      const written = answers(0);
      for (const seed of SEEDS.slice(0, 8)) expect(answers(seed), `seed ${seed}`).toEqual(written);
    }
  });

  it('never moves a start at a receptacle or on a door cell', () => {
    const atCounter = twoRoomHouse({ agent: { cell: [3, 2], at: 'countertop 1', holding: null } });
    const onDoor = twoRoomHouse({ agent: { cell: [7, 3], at: null, holding: null } });
    for (const seed of SEEDS.slice(0, 5)) {
      expect(startCell(atCounter, seed)).toBe('3,2');
      expect(startCell(onDoor, seed)).toBe('7,3');
    }
  });

  it('refuses a seed that is not a whole number ≥ 0', () => {
    for (const seed of [-1, 1.5, Number.NaN]) expect(() => createEnv().reset({ scenario: twoRoomHouse(), seed })).toThrow(ResetSeedError);
    expect(() => createEnv().reset({ scenario: twoRoomHouse(), seed: -1 })).toThrow(/whole number ≥ 0/);
  });
});
