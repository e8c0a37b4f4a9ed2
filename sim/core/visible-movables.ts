/**
 * Movable floor items the agent can see: those in its room, plus those standing right beside a
 * doorway of its room (so a chair blocking the way is seen from both sides).
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
  cached = computeVisibleMovables(world, state);
  cachedWorld = world;
  cachedMovables = state.movables;
  cachedRoom = state.agent.room;
  return cached;
}

function computeVisibleMovables(world: CompiledWorld, state: WorldState): string[] {
  const { room } = state.agent;
  const roomIndex = world.rooms.findIndex((r) => r.id === room);
  const doorCells: number[] = [];
  for (const id of world.doorIds) {
    const door = world.doors.get(id)!;
    if (door.rooms.includes(room)) doorCells.push(door.cellIndex);
  }
  const seen: string[] = [];
  for (const id in state.movables) {
    const [x, y] = state.movables[id]!;
    const cell = y * world.width + x;
    const besideDoor = doorCells.some((d) => d === cell || d === cell - 1 || d === cell + 1 || d === cell - world.width || d === cell + world.width);
    if (world.roomByCell[cell] === roomIndex || besideDoor) seen.push(id);
  }
  return seen;
}
