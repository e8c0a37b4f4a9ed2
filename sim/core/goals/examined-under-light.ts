/** examined-under-light: a selected object was examined while a lamp in its room was on. */
import type { GoalHandler } from './goal-handler.ts';
import { describeObject, matchesObject } from './selectors.ts';

export const examinedUnderLightGoal: GoalHandler<'examined-under-light'> = {
  type: 'examined-under-light',
  describe: (node) => `look at ${describeObject(node.object)} under a lamp`,
  holds(node, state) {
    for (const id of state.examinedUnderLight) {
      const object = state.objects[id];
      if (object && matchesObject(node.object, id, object)) return true;
    }
    return false;
  },
};
