/** not: the child goal does not hold. */
import type { GoalHandler } from './goal-handler.ts';

export const notGoal: GoalHandler<'not'> = {
  type: 'not',
  describe: (node, recurse) => `make sure you do not ${recurse.describe(node.goal)}`,
  holds: (node, state, recurse) => !recurse.holds(node.goal, state),
};
