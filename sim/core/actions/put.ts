/** `put O in/on R`: holding O, at R, R holds objects and is open → O is in/on R, hands empty. */
import { preposition } from '../english.ts';
import { isReceptacleOpen, withObject } from '../world-state.ts';
import { fail, NO_ACTIONS } from './action-handler.ts';
import type { ActionHandler } from './action-handler.ts';
import { requireAt, requireHolding, requireOpen, requireReceptacle } from './checks.ts';

export const putHandler: ActionHandler<'put'> = {
  type: 'put',
  format: (action) => `put ${action.object} in/on ${action.into}`,
  check({ object, into }, ctx) {
    const unknown = requireReceptacle(ctx, into);
    if (unknown) return unknown;
    if (!ctx.world.receptacles.get(into)!.info.holds) {
      return fail('wrong-tool', `You cannot put things on the ${into}. Put the ${object} on a table, counter or shelf instead.`);
    }
    return requireHolding(ctx, object) ?? requireAt(ctx, into) ?? requireOpen(ctx, into);
  },
  apply({ object, into }, ctx) {
    const moved = withObject(ctx.state, object, { ...ctx.state.objects[object]!, location: into });
    const state = { ...moved, agent: { ...moved.agent, holding: null } };
    return { ok: true, state, message: `You put the ${object} ${preposition(ctx.world, into)} the ${into}.` };
  },
  candidates(ctx) {
    const { at, holding } = ctx.state.agent;
    if (at === null || holding === null || !ctx.world.receptacles.get(at)!.info.holds) return NO_ACTIONS;
    if (!isReceptacleOpen(ctx.world, ctx.state, at)) return NO_ACTIONS;
    return [{ type: 'put', object: holding, into: at }];
  },
};
