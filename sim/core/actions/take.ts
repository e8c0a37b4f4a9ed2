/** `take O from R`: at R, R open, hands empty, O visible at R → the agent holds O. */
import { HELD, isReceptacleOpen, isVisible, objectsIn, withObject } from '../world-state.ts';
import { fail, NO_ACTIONS } from './action-handler.ts';
import type { ActionHandler } from './action-handler.ts';
import { requireAt, requireEmptyHands, requireOpen, requireReceptacle, requireVisibleHere } from './checks.ts';

export const takeHandler: ActionHandler<'take'> = {
  type: 'take',
  format: (action) => `take ${action.object} from ${action.from}`,
  check({ object, from }, ctx) {
    const unknown = requireReceptacle(ctx, from);
    if (unknown) return unknown;
    const { at } = ctx.state.agent;
    // Seen here but named with the wrong receptacle: point at the right one.
    if (at !== null && at !== from && isVisible(ctx.world, ctx.state, object) && ctx.state.objects[object]!.location === at) {
      return fail('not-in-receptacle', `The ${object} is not in/on the ${from}; it is here, in/on the ${at}: take ${object} from ${at}.`);
    }
    return requireAt(ctx, from) ?? requireOpen(ctx, from) ?? requireVisibleHere(ctx, object) ?? requireEmptyHands(ctx);
  },
  apply({ object, from }, ctx) {
    const current = ctx.state.objects[object]!;
    const moved = withObject(ctx.state, object, { ...current, location: HELD });
    const state = { ...moved, agent: { ...moved.agent, holding: object } };
    return { ok: true, state, message: `You pick up the ${object} from the ${from}.` };
  },
  candidates(ctx) {
    const { at, holding } = ctx.state.agent;
    if (at === null || holding !== null || !isReceptacleOpen(ctx.world, ctx.state, at)) return NO_ACTIONS;
    return objectsIn(ctx.state, at).map((object) => ({ type: 'take', object, from: at }));
  },
};
