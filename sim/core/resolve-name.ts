/**
 * Completes a bare type name from what the agent can see or knows: "apple" → the visible (held
 * first) apple, "fridge" → the only fridge / the one you are at / the only one in this room,
 * "door" → the only door of this room. Never reveals hidden objects: a bare object type resolves
 * only to a visible instance; otherwise the name is returned unchanged for the handler to reject.
 */
import type { CompiledWorld } from './compiled-world.ts';
import { visibleMovables } from './visible-movables.ts';
import { visibleObjects } from './world-state.ts';
import type { WorldState } from './world-state.ts';

function ofType(ids: Iterable<string>, type: string): string[] {
  const prefix = `${type} `;
  const found: string[] = [];
  for (const id of ids) if (id.startsWith(prefix)) found.push(id);
  return found;
}

function resolveReceptacle(world: CompiledWorld, state: WorldState, type: string): string | null {
  const all = ofType(world.receptacleIds, type);
  if (all.length === 1) return all[0]!;
  if (state.agent.at !== null && all.includes(state.agent.at)) return state.agent.at;
  const inRoom = all.filter((id) => world.receptacles.get(id)!.room === state.agent.room);
  return inRoom.length === 1 ? inRoom[0]! : null;
}

export function resolveName(world: CompiledWorld, state: WorldState, name: string): string {
  if (/ \d+$/.test(name) || name === '') return name;
  const held = state.agent.holding;
  if (held !== null && held.startsWith(`${name} `)) return held;
  const seen = ofType(visibleObjects(world, state), name);
  if (seen.length > 0) return seen[0]!;
  const receptacle = resolveReceptacle(world, state, name);
  if (receptacle) return receptacle;
  const movable = ofType(visibleMovables(world, state), name);
  if (movable.length > 0) return movable[0]!;
  if (name === 'door') {
    const doors = world.doorIds.filter((id) => world.doors.get(id)!.rooms.includes(state.agent.room));
    if (doors.length === 1) return doors[0]!;
  }
  return name;
}
