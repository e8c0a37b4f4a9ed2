/** `slice O with K`: holding a knife K, O visible at the current receptacle and sliceable → O is sliced. */
import { changeStates, isReceptacleOpen, objectsIn, withObject } from '../world-state.ts';
import { fail, NO_ACTIONS } from './action-handler.ts';
import type { ActionHandler } from './action-handler.ts';
import { requireHolding, requireVisibleHere } from './checks.ts';

export const sliceHandler: ActionHandler<'slice'> = {
  type: 'slice',
  format: (action) => `slice ${action.object} with ${action.with}`,
  check({ object, with: knife }, ctx) {
    if (!ctx.world.objectInfo.get(knife)?.knife) {
      return fail('wrong-tool', `You can only slice with a knife, not with the ${knife}. Find a knife and take it first.`);
    }
    const failure = requireHolding(ctx, knife) ?? requireVisibleHere(ctx, object);
    if (failure) return failure;
    if (!ctx.world.objectInfo.get(object)?.sliceable) return fail('not-sliceable', `The ${object} cannot be sliced.`);
    if (ctx.state.objects[object]!.states.includes('sliced')) return fail('not-sliceable', `The ${object} is already sliced.`);
    return null;
  },
  apply({ object, with: knife }, ctx) {
    const current = ctx.state.objects[object]!;
    const state = withObject(ctx.state, object, { ...current, states: changeStates(current.states, 'sliced', []) });
    return { ok: true, state, message: `You slice the ${object} with the ${knife}.` };
  },
  candidates(ctx) {
    const { at, holding } = ctx.state.agent;
    if (at === null || holding === null || !ctx.world.objectInfo.get(holding)?.knife) return NO_ACTIONS;
    if (!isReceptacleOpen(ctx.world, ctx.state, at)) return NO_ACTIONS;
    return objectsIn(ctx.state, at)
      .filter((id) => ctx.world.objectInfo.get(id)?.sliceable && !ctx.state.objects[id]!.states.includes('sliced'))
      .map((object) => ({ type: 'slice', object, with: holding }));
  },
};
