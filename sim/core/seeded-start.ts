/**
 * What `reset`'s seed does. Seed 0 is the scenario exactly as written (every trace and test
 * recorded with seed 0 replays unchanged). A seed > 0 moves the agent's start cell, and nothing
 * else: the new cell is drawn uniformly, with `createRng(seed)`, from the free floor cells of the
 * written start's room that the agent can walk to from the written start without leaving the room
 * (no furniture, movable item, door or wall on the way; the written cell is one of them). Hence
 * the episode stays solvable with the same plan length: everything reachable from the written
 * start is reachable from the new one by walking back first, and `go to` is one step from anywhere.
 *
 * A scenario whose agent starts at a receptacle (`agent.at`) or on a door cell keeps its written
 * start for every seed: moving it would change what the agent stands at, or which room it is in.
 */
import type { CompiledWorld } from './compiled-world.ts';
import type { Navigator } from './navigation.ts';
import { KIND_FREE } from './path-finding.ts';
import { createRng } from './rng.ts';
import type { WorldState } from './world-state.ts';

/** Thrown by `reset` for a seed that is not a whole number ≥ 0. */
export class ResetSeedError extends RangeError {
  constructor(seed: unknown) {
    super(`reset: seed must be a whole number ≥ 0 (0 = the scenario as written), got ${String(seed)}`);
    this.name = 'ResetSeedError';
  }
}

/** The cells a seeded start may use, in cell-index order (the written start among them). */
export function startCandidates(world: CompiledWorld, nav: Navigator, state: WorldState): number[] {
  const [x, y] = state.agent.cell;
  const start = y * world.width + x;
  const room = world.roomByCell[start] ?? -1;
  if (room < 0 || state.agent.at !== null) return [start];
  const kinds = nav.kindsFor(state);
  const seen = new Set<number>([start]);
  const queue = [start];
  while (queue.length) {
    const cell = queue.pop()!;
    for (const next of nav.neighbours(cell)) {
      if (next < 0 || seen.has(next) || kinds[next] !== KIND_FREE || world.roomByCell[next] !== room) continue;
      seen.add(next);
      queue.push(next);
    }
  }
  return [...seen].sort((a, b) => a - b);
}

/** The initial state for `seed` (see the module comment): `state` itself for seed 0. */
export function seededStart(world: CompiledWorld, nav: Navigator, state: WorldState, seed: number): WorldState {
  if (!Number.isSafeInteger(seed) || seed < 0) throw new ResetSeedError(seed);
  if (seed === 0) return state;
  const cells = startCandidates(world, nav, state);
  const cell = cells[createRng(seed).nextInt(cells.length)]!;
  const moved: [number, number] = [cell % world.width, Math.floor(cell / world.width)];
  if (moved[0] === state.agent.cell[0] && moved[1] === state.agent.cell[1]) return state;
  return { ...state, agent: { ...state.agent, cell: moved } };
}
