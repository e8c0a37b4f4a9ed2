/**
 * `open R` (at an openable receptacle, shows its contents) and `open door N` (from either of the
 * door's rooms). Doors change the motion system's obstacles, so they ask for a reload.
 */
import { isReceptacleOpen } from '../world-state.ts';
import { arrivalSentence } from './arrival-sentence.ts';
import { fail } from './action-handler.ts';
import type { ActionContext, ActionFailure, ActionHandler, ActionResult } from './action-handler.ts';
import { requireAt, requireReceptacle } from './checks.ts';

/** Checks shared by open and close on a door: it exists and the agent is in one of its rooms. */
export function checkDoorReach(ctx: ActionContext, doorId: string): ActionFailure | null {
  const door = ctx.world.doors.get(doorId)!;
  if (door.rooms.includes(ctx.state.agent.room)) return null;
  const [a, b] = door.rooms.map((room) => ctx.world.roomById.get(room)?.name ?? room);
  return fail('not-at-receptacle', `The ${doorId} joins the ${a} and the ${b}; go to a receptacle in one of those rooms first.`);
}

/** Checks shared by open and close on a receptacle: it exists, opens, and the agent is at it. */
export function checkOpenable(ctx: ActionContext, target: string): ActionFailure | null {
  const unknown = requireReceptacle(ctx, target);
  if (unknown) return unknown;
  if (!ctx.world.receptacles.get(target)!.info.openable) return fail('not-openable', `The ${target} does not open or close; it is always open to look at.`);
  return requireAt(ctx, target);
}

export function setDoor(ctx: ActionContext, doorId: string, open: boolean): ActionResult {
  const state = { ...ctx.state, doors: { ...ctx.state.doors, [doorId]: open } };
  return { ok: true, state, message: `You ${open ? 'open' : 'close'} the ${doorId}.`, reloadMotion: true };
}

export const openHandler: ActionHandler<'open'> = {
  type: 'open',
  format: (action) => `open ${action.target}`,
  check({ target }, ctx) {
    if (ctx.world.doors.has(target)) {
      return checkDoorReach(ctx, target) ?? (ctx.state.doors[target] ? fail('already-open', `The ${target} is already open.`) : null);
    }
    const failure = checkOpenable(ctx, target);
    if (failure) return failure;
    return isReceptacleOpen(ctx.world, ctx.state, target) ? fail('already-open', `The ${target} is already open.`) : null;
  },
  apply({ target }, ctx) {
    if (ctx.world.doors.has(target)) return setDoor(ctx, target, true);
    const state = { ...ctx.state, receptacles: { ...ctx.state.receptacles, [target]: { ...ctx.state.receptacles[target], open: true } } };
    return { ok: true, state, message: `You open the ${target}. ${arrivalSentence(ctx.world, state, target)}` };
  },
  candidates(ctx) {
    const { at, room } = ctx.state.agent;
    const found: { type: 'open'; target: string }[] = [];
    if (at !== null && ctx.world.receptacles.get(at)!.info.openable && !isReceptacleOpen(ctx.world, ctx.state, at)) found.push({ type: 'open', target: at });
    for (const id of ctx.world.doorIds) {
      if (!ctx.state.doors[id] && ctx.world.doors.get(id)!.rooms.includes(room)) found.push({ type: 'open', target: id });
    }
    return found;
  },
};

