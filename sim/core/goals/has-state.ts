/** has-state: some selected object has all its selector states. */
import type { ObjectStateName } from '../world-spec.ts';
import type { GoalHandler } from './goal-handler.ts';
import { describeObject, matchesObject } from './selectors.ts';

const STATE_VERBS: Record<ObjectStateName, string> = { hot: 'heat', cold: 'cool', clean: 'clean', dirty: 'dirty', sliced: 'slice' };

export const hasStateGoal: GoalHandler<'has-state'> = {
  type: 'has-state',
  describe(node) {
    const states = node.object.states ?? [];
    const verbs = states.map((name) => STATE_VERBS[name]).join(' and ');
    const bare = { ...node.object, states: [] };
    return states.length > 0 ? `${verbs} ${describeObject(bare)}` : `find ${describeObject(bare)}`;
  },
  holds(node, state) {
    for (const id in state.objects) if (matchesObject(node.object, id, state.objects[id]!)) return true;
    return false;
  },
};
