/** count: at least `min` selected objects in ONE selected receptacle instance. */
import { HELD } from '../world-state.ts';
import type { GoalHandler } from './goal-handler.ts';
import { describeObjects, describeReceptacle, matchesObject, matchesReceptacle } from './selectors.ts';

export const countGoal: GoalHandler<'count'> = {
  type: 'count',
  describe: (node) => `put ${describeObjects(node.object, node.min)} in ${describeReceptacle(node.receptacle)}`,
  holds(node, state) {
    const perReceptacle = new Map<string, number>();
    for (const id in state.objects) {
      const object = state.objects[id]!;
      if (object.location === HELD || !matchesReceptacle(node.receptacle, object.location) || !matchesObject(node.object, id, object)) continue;
      const count = (perReceptacle.get(object.location) ?? 0) + 1;
      if (count >= node.min) return true;
      perReceptacle.set(object.location, count);
    }
    return node.min <= 0;
  },
};
