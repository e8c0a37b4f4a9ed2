/** Checks that a goal tree names only types and ids present in the scenario. */
import { goalLeaves, OBJECT_TYPES, RECEPTACLE_TYPES, typeOfId, type GoalNode } from '../../sim/index.ts';
import { unknownName } from './unknown-name.ts';

interface Names {
  furniture: string[];
  objects: string[];
}
type Add = (path: (string | number)[], message: string, suggestion?: string) => void;

function checkSelector(selector: { id?: string; type?: string }, path: (string | number)[], pool: string[], kind: string, catalog: Record<string, unknown>, add: Add): void {
  if (selector.id !== undefined && !pool.includes(selector.id)) {
    const u = unknownName(kind, selector.id, pool);
    add([...path, 'id'], `goal names ${u.message}`, u.suggestion);
  }
  if (selector.type !== undefined) {
    const present = [...new Set(pool.map(typeOfId))];
    if (!(selector.type in catalog)) {
      const u = unknownName(`${kind} type`, selector.type, Object.keys(catalog));
      add([...path, 'type'], u.message, u.suggestion);
    } else if (!present.includes(selector.type)) {
      const u = unknownName(`${kind} type in this scenario`, selector.type, present);
      add([...path, 'type'], `the goal needs a ${selector.type} but the scenario has none (${u.message})`, u.suggestion);
    }
  }
}

/** Every leaf's object and receptacle selector, in file order; `path` is where the tree sits in the file. */
export function checkGoalNames(tree: GoalNode, path: (string | number)[], names: Names, add: Add): void {
  for (const { leaf, path: at } of goalLeaves(tree)) {
    if ('object' in leaf) checkSelector(leaf.object, [...path, ...at, 'object'], names.objects, 'object', OBJECT_TYPES, add);
    if ('receptacle' in leaf) checkSelector(leaf.receptacle, [...path, ...at, 'receptacle'], names.furniture, 'receptacle', RECEPTACLE_TYPES, add);
  }
}
