/**
 * What the agent has seen so far, accumulated from its observations (the simulator keeps no such
 * memory in its state): the rooms it has been in and the objects that were ever visible to it.
 * The renderer dims the rest.
 */
import type { ObservationJson } from '../../sim/index.ts';

export interface Seen {
  rooms: ReadonlySet<string>;
  objects: ReadonlySet<string>;
}

export const nothingSeen = (): Seen => ({ rooms: new Set(), objects: new Set() });

/** `seen` plus what `observation` shows (a new value; the old one is not changed). */
export function withObservation(seen: Seen, observation: ObservationJson): Seen {
  const rooms = new Set(seen.rooms).add(observation.room);
  const objects = new Set(seen.objects);
  for (const object of observation.visibleObjects) objects.add(object.id);
  if (observation.holding) objects.add(observation.holding);
  return { rooms, objects };
}
