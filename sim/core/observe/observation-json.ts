/**
 * The JSON view (rooms by id): only what the agent perceives. Receptacles of the whole house are known (the
 * plan is known), but open/on states only for those in the agent's room; objects only where seen.
 */
import type { CompiledWorld } from '../compiled-world.ts';
import type { ObservationJson, ObservedReceptacle } from '../env-api.ts';
import { visibleMovables } from '../visible-movables.ts';
import { visibleObjects } from '../world-state.ts';
import type { WorldState } from '../world-state.ts';

function observedReceptacle(world: CompiledWorld, state: WorldState, id: string): ObservedReceptacle {
  const r = world.receptacles.get(id)!;
  const entry: ObservedReceptacle = { id, type: r.type, room: r.room };
  if (r.room !== state.agent.room) return entry;
  if (r.info.openable) entry.open = state.receptacles[id]?.open === true;
  if (r.info.light) entry.on = state.receptacles[id]?.on === true;
  return entry;
}

export function observationJson(world: CompiledWorld, state: WorldState): ObservationJson {
  const objects = visibleObjects(world, state).map((id) => ({
    id,
    type: world.objectTypes.get(id)!,
    location: state.objects[id]!.location,
    states: [...state.objects[id]!.states],
  }));
  return {
    formatVersion: 1,
    room: state.agent.room,
    at: state.agent.at,
    holding: state.agent.holding,
    receptacles: world.receptacleIds.map((id) => observedReceptacle(world, state, id)),
    visibleObjects: objects,
    movables: visibleMovables(world, state).map((id) => ({ id, type: world.movableTypes.get(id)!, cell: [...state.movables[id]!] as [number, number] })),
    doors: world.doorIds.map((id) => ({ id, open: state.doors[id] === true, rooms: [...world.doors.get(id)!.rooms] as [string, string] })),
  };
}
