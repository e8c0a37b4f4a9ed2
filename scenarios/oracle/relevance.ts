/**
 * What the oracle may ignore. Full knowledge lets it skip actions that cannot matter for the goal:
 * objects of types the goal does not name (tools it needs are kept), receptacles that neither hold
 * a relevant object nor appear in the goal nor provide a needed capability.
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
  // With an item to push or a door to open, walking to any furniture may be the way round: keep all.
  const hazards = world.movables.length > 0 || world.doors.some((door) => !door.open);
  for (const receptacle of world.receptacles) {
    const info = RECEPTACLE_TYPES[receptacle.type];
    const named = receptacleSelectors.some((s) => ('id' in s ? s.id === receptacle.id : s.type === receptacle.type));
    const holdsRelevant = world.objects.some((o) => o.in === receptacle.id && objects.has(o.id));
    const capable = [...states].some((state) => CAPABILITY[state] && info?.[CAPABILITY[state]!]) || (needsLight.value && info?.light);
    if (named || holdsRelevant || capable || hazards) receptacles.add(receptacle.id);
  }
  return { objects, receptacles };
}
