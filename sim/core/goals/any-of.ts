/** any-of: at least one child goal holds. */
import type { GoalHandler } from './goal-handler.ts';
import { joinClauses } from './join-clauses.ts';

export const anyOfGoal: GoalHandler<'any-of'> = {
  type: 'any-of',
  describe: (node, recurse) => `either ${joinClauses(node.goals.map(recurse.describe), 'or')}`,
  holds: (node, state, recurse) => node.goals.some((goal) => recurse.holds(goal, state)),
};
