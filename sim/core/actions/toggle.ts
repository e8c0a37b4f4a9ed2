/** `use R` / `toggle R`: at a lamp → switch it on or off. */
import { fail } from './action-handler.ts';
import type { ActionHandler } from './action-handler.ts';
import { receptaclesWhere, requireAt, requireReceptacle } from './checks.ts';

export const toggleHandler: ActionHandler<'toggle'> = {
  type: 'toggle',
  format: (action) => `use ${action.target}`,
  check({ target }, ctx) {
    const unknown = requireReceptacle(ctx, target);
    if (unknown) return unknown;
    if (!ctx.world.receptacles.get(target)!.info.light) {
      const lamps = receptaclesWhere(ctx, (id) => ctx.world.receptacles.get(id)!.info.light === true);
      return fail('not-toggleable', `The ${target} cannot be switched on or off. ${lamps ? `Lamps here: ${lamps}.` : 'This house has no lamp.'}`);
    }
    return requireAt(ctx, target);
  },
  apply({ target }, ctx) {
    const on = !ctx.state.receptacles[target]?.on;
    const state = { ...ctx.state, receptacles: { ...ctx.state.receptacles, [target]: { ...ctx.state.receptacles[target], on } } };
    return { ok: true, state, message: `You turn ${on ? 'on' : 'off'} the ${target}.` };
  },
  candidates(ctx) {
    const { at } = ctx.state.agent;
    return at !== null && ctx.world.receptacles.get(at)!.info.light ? [{ type: 'toggle', target: at }] : [];
  },
};
