/** Which objects and receptacles of a world a goal selector can mean (by id, or every one of a type), and how its states relate. */
import { transformGiving, typeOfId, type ObjectSelector, type ObjectSpec, type ReceptacleSelector, type ReceptacleSpec, type WorldSpec } from '../../sim/index.ts';

export function selects(selector: ObjectSelector | ReceptacleSelector, id: string): boolean {
  return 'id' in selector ? selector.id === id : typeOfId(id) === selector.type;
}

export function objectCandidates(selector: ObjectSelector, world: WorldSpec): ObjectSpec[] {
  return world.objects.filter((object) => selects(selector, object.id));
}

export function receptacleCandidates(selector: ReceptacleSelector, world: WorldSpec): ReceptacleSpec[] {
  return world.receptacles.filter((receptacle) => selects(selector, receptacle.id));
}

/** "apple 1", "any apple", "any countertop". */
export function selectorText(selector: ObjectSelector | ReceptacleSelector): string {
  return 'id' in selector ? selector.id : `any ${selector.type}`;
}

/** Why two states exclude each other: "cooling makes it stop being hot". */
export function exclusionReason(a: string, b: string): string {
  const ways = [[a, b], [b, a]].flatMap(([gives, removes]) => {
    const t = transformGiving(gives!);
    return t && (t.removes as readonly string[]).includes(removes!) ? [`making it ${gives} makes it stop being ${removes}`] : [];
  });
  return ways.join(', and ');
}
