/** light-on: some selected lamp is on. */
import type { GoalHandler } from './goal-handler.ts';
import { describeReceptacle, matchesReceptacle } from './selectors.ts';

export const lightOnGoal: GoalHandler<'light-on'> = {
  type: 'light-on',
  describe: (node) => `turn on ${describeReceptacle(node.receptacle)}`,
  holds(node, state) {
    for (const id in state.receptacles) if (state.receptacles[id]!.on === true && matchesReceptacle(node.receptacle, id)) return true;
    return false;
  },
};
