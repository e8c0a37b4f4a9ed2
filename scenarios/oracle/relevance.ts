/**
 * What the oracle may ignore. Full knowledge lets it skip actions that cannot matter for the goal:
 * objects of types the goal does not name (tools it needs are kept), receptacles that neither hold
 * a relevant object nor appear in the goal nor provide a needed capability (with hazards, one
 * waypoint per room is kept too). A negated leaf counts by what undoes it: "not in the fridge" or
 * "not held" is met by putting the object anywhere else (every receptacle that holds things is
 * kept), "not hot" by cooling it.
 */
import { goalLeaves, OBJECT_TYPES, RECEPTACLE_TYPES, transformGiving, transformRemoving, type StateTransform, type WorldSpec } from '../../sim/index.ts';

export interface Relevance {
  objects: Set<string>;
  receptacles: Set<string>;
}

export function relevance(world: WorldSpec): Relevance {
  const leaves = goalLeaves(world.goal);
  const objectSelectors = leaves.flatMap(({ leaf }) => ('object' in leaf ? [leaf.object] : []));
  const receptacleSelectors = leaves.flatMap(({ leaf }) => ('receptacle' in leaf ? [leaf.receptacle] : []));
  const needsLight = leaves.some(({ leaf }) => leaf.type === 'examined-under-light' || leaf.type === 'light-on');
  const states = new Set(objectSelectors.flatMap((selector) => selector.states ?? []));
  // The appliances that give a state the goal names, and those that take away one it wants gone.
  const capabilities = new Set<StateTransform['capability']>([...states].flatMap((state) => transformGiving(state)?.capability ?? []));
  for (const { leaf, negated } of leaves) if (negated && 'object' in leaf) for (const state of leaf.object.states ?? []) { const undo = transformRemoving(state); if (undo) capabilities.add(undo.capability); }
  const placeAnywhere = leaves.some(({ leaf, negated }) => negated && (leaf.type === 'in' || leaf.type === 'holding' || leaf.type === 'count'));
  const objects = new Set(
    world.objects
      .filter((object) => objectSelectors.some((s) => ('id' in s ? s.id === object.id : s.type === object.type)))
      .map((object) => object.id),
  );
  if (states.has('sliced')) world.objects.filter((o) => OBJECT_TYPES[o.type]?.knife).forEach((o) => objects.add(o.id));
  const receptacles = new Set<string>();
  // With an item to push or a door to open, the agent may need to stand in a particular room
  // first: keep one piece of furniture per room as a waypoint (the first in file order).
  const hazards = world.movables.length > 0 || world.doors.some((door) => !door.open);
  const waypoints = new Set<string>();
  if (hazards) {
    const roomOf = (cell: readonly number[]): string => world.rooms.find((room) => room.cells.some((c) => c[0] === cell[0] && c[1] === cell[1]))?.name ?? '';
    const seenRooms = new Set<string>();
    for (const receptacle of world.receptacles) {
      const room = roomOf(receptacle.cell);
      if (seenRooms.has(room)) continue;
      seenRooms.add(room);
      waypoints.add(receptacle.id);
    }
  }
  for (const receptacle of world.receptacles) {
    const info = RECEPTACLE_TYPES[receptacle.type];
    const named = receptacleSelectors.some((s) => ('id' in s ? s.id === receptacle.id : s.type === receptacle.type));
    const holdsRelevant = world.objects.some((o) => o.in === receptacle.id && objects.has(o.id));
    const capable = [...capabilities].some((capability) => info?.[capability]) || (needsLight && info?.light) || (placeAnywhere && info?.holds);
    if (named || holdsRelevant || capable || waypoints.has(receptacle.id)) receptacles.add(receptacle.id);
  }
  return { objects, receptacles };
}
