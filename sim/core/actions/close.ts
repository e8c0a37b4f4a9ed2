/**
 * `close R` / `close door N`. A door cannot close on the agent or on an item standing in it.
 */
import { isReceptacleOpen } from '../world-state.ts';
import { fail } from './action-handler.ts';
import type { ActionContext, ActionFailure, ActionHandler } from './action-handler.ts';
import { checkDoorReach, checkOpenable, setDoor } from './open.ts';

function doorwayFailure(ctx: ActionContext, doorId: string): ActionFailure | null {
  const [dx, dy] = ctx.world.doors.get(doorId)!.cell;
  const [ax, ay] = ctx.state.agent.cell;
  if (ax === dx && ay === dy) return fail('path-blocked', `You are standing in the ${doorId}. Step away first: go to a receptacle.`);
  for (const id in ctx.state.movables) {
    const [mx, my] = ctx.state.movables[id]!;
    if (mx === dx && my === dy) return fail('path-blocked', `The ${id} stands in the ${doorId}. Push it away first: push ${id}.`);
  }
  return null;
}

export const closeHandler: ActionHandler<'close'> = {
  type: 'close',
  format: (action) => `close ${action.target}`,
  check({ target }, ctx) {
    if (ctx.world.doors.has(target)) {
      const failure = checkDoorReach(ctx, target);
      if (failure) return failure;
      return ctx.state.doors[target] ? doorwayFailure(ctx, target) : fail('already-closed', `The ${target} is already closed.`);
    }
    const failure = checkOpenable(ctx, target);
    if (failure) return failure;
    return isReceptacleOpen(ctx.world, ctx.state, target) ? null : fail('already-closed', `The ${target} is already closed.`);
  },
  apply({ target }, ctx) {
    if (ctx.world.doors.has(target)) return setDoor(ctx, target, false);
    const state = { ...ctx.state, receptacles: { ...ctx.state.receptacles, [target]: { ...ctx.state.receptacles[target], open: false } } };
    return { ok: true, state, message: `You close the ${target}.` };
  },
  candidates(ctx) {
    const { at, room } = ctx.state.agent;
    const found: { type: 'close'; target: string }[] = [];
    if (at !== null && ctx.world.receptacles.get(at)!.info.openable && isReceptacleOpen(ctx.world, ctx.state, at)) found.push({ type: 'close', target: at });
    for (const id of ctx.world.doorIds) {
      if (ctx.state.doors[id] && ctx.world.doors.get(id)!.rooms.includes(room) && !doorwayFailure(ctx, id)) found.push({ type: 'close', target: id });
    }
    return found;
  },
};
