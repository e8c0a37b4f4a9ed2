/**
 * What the oracle may ignore. Full knowledge lets it skip actions that cannot matter for the goal:
 * objects of types the goal does not name (tools it needs are kept), receptacles that neither hold
 * a relevant object nor appear in the goal nor provide a needed capability (with hazards, one
 * waypoint per room is kept too).
 */
import { OBJECT_TYPES, RECEPTACLE_TYPES, type GoalNode, type ObjectSelector, type ReceptacleSelector, type WorldSpec } from '../../sim/index.ts';

export interface Relevance {
  objects: Set<string>;
  receptacles: Set<string>;
}

function collect(node: GoalNode, objects: ObjectSelector[], receptacles: ReceptacleSelector[], needsLight: { value: boolean }): void {
  if (node.type === 'all-of' || node.type === 'any-of') return node.goals.forEach((child) => collect(child, objects, receptacles, needsLight));
  if (node.type === 'not') return collect(node.goal, objects, receptacles, needsLight);
  if ('object' in node) objects.push(node.object);
  if ('receptacle' in node) receptacles.push(node.receptacle);
  if (node.type === 'examined-under-light' || node.type === 'light-on') needsLight.value = true;
}

const CAPABILITY: Record<string, 'heats' | 'cools' | 'cleans'> = { hot: 'heats', cold: 'cools', clean: 'cleans' };

export function relevance(world: WorldSpec): Relevance {
  const objectSelectors: ObjectSelector[] = [];
  const receptacleSelectors: ReceptacleSelector[] = [];
  const needsLight = { value: false };
  collect(world.goal, objectSelectors, receptacleSelectors, needsLight);
  const states = new Set(objectSelectors.flatMap((selector) => selector.states ?? []));
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
    const capable = [...states].some((state) => CAPABILITY[state] && info?.[CAPABILITY[state]!]) || (needsLight.value && info?.light);
    if (named || holdsRelevant || capable || waypoints.has(receptacle.id)) receptacles.add(receptacle.id);
  }
  return { objects, receptacles };
}
