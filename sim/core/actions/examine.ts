/**
 * `examine X`: an object you see (held or here), the receptacle you are at, a door of your room
 * or an item you see. Examining an object you HOLD while a lamp in the room is on records
 * `examined-under-light` (ALFWorld's "look at X under the desklamp": pick it up, then look).
 */
import type { CompiledWorld } from '../compiled-world.ts';
import { visibleMovables } from '../visible-movables.ts';
import { visibleObjects } from '../world-state.ts';
import type { WorldState } from '../world-state.ts';
import { arrivalSentence } from './arrival-sentence.ts';
import { fail } from './action-handler.ts';
import type { ActionContext, ActionFailure, ActionHandler, ActionResult } from './action-handler.ts';
import { requireAt, requireVisible } from './checks.ts';
import { checkDoorReach } from './open.ts';

/** A lamp that is on in the agent's room, if any. */
export function litLamp(world: CompiledWorld, state: WorldState): string | null {
  for (const id of world.receptacleIds) {
    const r = world.receptacles.get(id)!;
    if (r.info.light && r.room === state.agent.room && state.receptacles[id]?.on) return id;
  }
  return null;
}

function examineObject(ctx: ActionContext, objectId: string): ActionResult {
  const { states } = ctx.state.objects[objectId]!;
  const how = states.length > 0 ? `It is ${states.join(' and ')}.` : 'Nothing special about it.';
  const lamp = litLamp(ctx.world, ctx.state);
  if (lamp === null) return { ok: true, state: ctx.state, message: `You examine the ${objectId}. ${how}` };
  if (ctx.state.agent.holding !== objectId) {
    return { ok: true, state: ctx.state, message: `You examine the ${objectId}. ${how} To look at it under the ${lamp}'s light, pick it up first.` };
  }
  const examined = ctx.state.examinedUnderLight.includes(objectId) ? ctx.state.examinedUnderLight : [...ctx.state.examinedUnderLight, objectId].sort();
  const state = { ...ctx.state, examinedUnderLight: examined };
  return { ok: true, state, message: `You examine the ${objectId} under the light of the ${lamp}. ${how}` };
}

function checkTarget(ctx: ActionContext, target: string): ActionFailure | null {
  const { world } = ctx;
  if (world.receptacles.has(target)) return requireAt(ctx, target);
  if (world.doors.has(target)) return checkDoorReach(ctx, target);
  if (world.movableTypes.has(target)) {
    return visibleMovables(world, ctx.state).includes(target) ? null : fail('not-visible', `You do not see the ${target} from here.`);
  }
  return requireVisible(ctx, target);
}

export const examineHandler: ActionHandler<'examine'> = {
  type: 'examine',
  format: (action) => `examine ${action.target}`,
  check: ({ target }, ctx) => checkTarget(ctx, target),
  apply({ target }, ctx) {
    const { world, state } = ctx;
    if (world.receptacles.has(target)) return { ok: true, state, message: arrivalSentence(world, state, target) };
    if (world.doors.has(target)) {
      const names = world.doors.get(target)!.rooms.map((room) => world.roomById.get(room)?.name ?? room);
      return { ok: true, state, message: `The ${target} joins the ${names[0]} and the ${names[1]}. It is ${state.doors[target] ? 'open' : 'closed'}.` };
    }
    if (world.movableTypes.has(target)) return { ok: true, state, message: `The ${target} stands on the floor. You can push it aside: push ${target}.` };
    return examineObject(ctx, target);
  },
  candidates(ctx) {
    const { world, state } = ctx;
    const targets: string[] = visibleObjects(world, state);
    if (state.agent.at !== null) targets.push(state.agent.at);
    for (const id of world.doorIds) if (world.doors.get(id)!.rooms.includes(state.agent.room)) targets.push(id);
    targets.push(...visibleMovables(world, state));
    return targets.map((target) => ({ type: 'examine', target }));
  },
};

