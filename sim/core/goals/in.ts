/** in: some selected object is in/on some selected receptacle. */
import { HELD } from '../world-state.ts';
import type { GoalHandler } from './goal-handler.ts';
import { describeObject, describeReceptacle, matchesObject, matchesReceptacle } from './selectors.ts';

export const inGoal: GoalHandler<'in'> = {
  type: 'in',
  describe: (node) => `put ${describeObject(node.object)} in ${describeReceptacle(node.receptacle)}`,
  holds(node, state) {
    for (const id in state.objects) {
      const object = state.objects[id]!;
      if (object.location !== HELD && matchesReceptacle(node.receptacle, object.location) && matchesObject(node.object, id, object)) return true;
    }
    return false;
  },
};
