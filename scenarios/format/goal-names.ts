/** Checks that a goal tree names only types and ids present in the scenario. */
import { RECEPTACLE_TYPES, OBJECT_TYPES, type GoalNode } from '../../sim/index.ts';
import { unknownName, type RawIssue } from './compile-scenario.ts';

interface Names {
  furniture: string[];
  objects: string[];
}
type Add = (path: (string | number)[], message: string, suggestion?: string) => void;

const typeOf = (id: string): string => id.split(' ')[0]!;

function checkSelector(selector: { id?: string; type?: string }, path: (string | number)[], pool: string[], kind: string, catalog: Record<string, unknown>, add: Add): void {
  if (selector.id !== undefined && !pool.includes(selector.id)) {
    const u = unknownName(kind, selector.id, pool);
    add([...path, 'id'], `goal names ${u.message}`, u.suggestion);
  }
  if (selector.type !== undefined) {
    const present = [...new Set(pool.map(typeOf))];
    if (!(selector.type in catalog)) {
      const u = unknownName(`${kind} type`, selector.type, Object.keys(catalog));
      add([...path, 'type'], u.message, u.suggestion);
    } else if (!present.includes(selector.type)) {
      const u = unknownName(`${kind} type in this scenario`, selector.type, present);
      add([...path, 'type'], `the goal needs a ${selector.type} but the scenario has none (${u.message})`, u.suggestion);
    }
  }
}

export function checkGoalNames(node: GoalNode, path: (string | number)[], names: Names, add: Add): void {
  const objects = (selector: object, at: string): void => checkSelector(selector, [...path, at], names.objects, 'object', OBJECT_TYPES, add);
  const receptacles = (selector: object, at: string): void => checkSelector(selector, [...path, at], names.furniture, 'receptacle', RECEPTACLE_TYPES, add);
  switch (node.type) {
    case 'all-of':
    case 'any-of':
      node.goals.forEach((child, index) => checkGoalNames(child, [...path, 'goals', index], names, add));
      return;
    case 'not':
      return checkGoalNames(node.goal, [...path, 'goal'], names, add);
    case 'in':
    case 'count':
      objects(node.object, 'object');
      return receptacles(node.receptacle, 'receptacle');
    case 'light-on':
      return receptacles(node.receptacle, 'receptacle');
    default:
      return objects(node.object, 'object');
  }
}

export type { RawIssue };
