/** all-of: every child goal holds. */
import type { GoalHandler } from './goal-handler.ts';
import { joinClauses } from './join-clauses.ts';

export const allOfGoal: GoalHandler<'all-of'> = {
  type: 'all-of',
  describe: (node, recurse) => (node.goals.length === 0 ? 'do nothing' : joinClauses(node.goals.map(recurse.describe), 'and')),
  holds: (node, state, recurse) => node.goals.every((goal) => recurse.holds(goal, state)),
};
