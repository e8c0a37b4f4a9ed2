/** holding: the agent holds a selected object. */
import type { GoalHandler } from './goal-handler.ts';
import { describeObject, matchesObject } from './selectors.ts';

export const holdingGoal: GoalHandler<'holding'> = {
  type: 'holding',
  describe: (node) => `hold ${describeObject(node.object)}`,
  holds(node, state) {
    const held = state.agent.holding;
    return held !== null && matchesObject(node.object, held, state.objects[held]!);
  },
};
