/**
 * Movable floor items the agent can see: those in its room, plus those standing in or right
 * beside a doorway of its room (so a chair blocking the way is seen from both sides). `push` and
 * `examine` accept only these, and the PDDL export's push schemas read the same rule.
 */
import type { CompiledWorld } from './compiled-world.ts';
import type { WorldState } from './world-state.ts';

let cachedWorld: CompiledWorld | null = null;
let cachedMovables: WorldState['movables'] | null = null;
let cachedRoom = '';
let cached: string[] = [];

/** The ids (cached for the last world/room/movables seen — they change rarely). Do not mutate. */
export function visibleMovables(world: CompiledWorld, state: WorldState): string[] {
  if (world === cachedWorld && state.movables === cachedMovables && state.agent.room === cachedRoom) return cached;
  cached = movablesSeenFrom(world, state.movables, state.agent.room);
  cachedWorld = world;
  cachedMovables = state.movables;
  cachedRoom = state.agent.room;
  return cached;
}

/** The movables (at these cells) an agent in room `room` sees, in state order. */
export function movablesSeenFrom(world: CompiledWorld, movables: WorldState['movables'], room: string): string[] {
  const roomIndex = world.rooms.findIndex((r) => r.id === room);
  const doorCells: number[] = [];
  for (const id of world.doorIds) {
    const door = world.doors.get(id)!;
    if (door.rooms.includes(room)) doorCells.push(door.cellIndex);
  }
  const seen: string[] = [];
  for (const id in movables) {
    const [x, y] = movables[id]!;
    const cell = y * world.width + x;
    const besideDoor = doorCells.some((d) => d === cell || d === cell - 1 || d === cell + 1 || d === cell - world.width || d === cell + world.width);
    if (world.roomByCell[cell] === roomIndex || besideDoor) seen.push(id);
  }
  return seen;
}
