/**
 * `push chair 1`: the agent walks next to a movable floor item it sees (visible-movables.ts) and
 * shoves it into a free cell the core chooses (navigation.ts#planPush), which clears doorways
 * blocked by it. An item out of sight is `not-visible`, as for `examine`.
 */
import { MOVABLE_TYPES } from '../catalog.ts';
import { visibleMovables } from '../visible-movables.ts';
import { fail } from './action-handler.ts';
import type { ActionContext, ActionFailure, ActionHandler } from './action-handler.ts';
import { applyMotion, toCells } from './go-to.ts';

function checkPush(ctx: ActionContext, target: string): ActionFailure | null {
  const { world } = ctx;
  if (!world.movableTypes.has(target)) {
    const kinds = Object.keys(MOVABLE_TYPES).join(', ');
    if (world.knownIds.has(target) || world.objectTypes.has(target)) return fail('not-movable', `The ${target} cannot be pushed; only floor items (${kinds}) can.`);
    return fail('unknown-target', `There is no ${target} to push here. Items you can push: ${visibleMovables(world, ctx.state).join(', ') || 'none in sight'}.`);
  }
  // Like examine: only what the agent sees (its room and the doorways of its room).
  const seen = visibleMovables(world, ctx.state);
  if (!seen.includes(target)) return fail('not-visible', `You do not see the ${target} from here. Items you can push: ${seen.join(', ') || 'none in sight'}.`);
  const plan = ctx.nav.planPush(ctx.state, target);
  if (plan.ok) return null;
  if (plan.reason === 'unreachable') return fail('unreachable', `You cannot get next to the ${target} from here.`);
  return fail('nothing-to-push', `The ${target} has no free space around it to be pushed into.`);
}

export const pushHandler: ActionHandler<'push'> = {
  type: 'push',
  format: (action) => `push ${action.target}`,
  check: ({ target }, ctx) => checkPush(ctx, target),
  apply({ target }, ctx) {
    const { world, state } = ctx;
    const plan = ctx.nav.planPush(state, target);
    if (!plan.ok) return checkPush(ctx, target)!;
    const targetCell = [plan.target % world.width, Math.floor(plan.target / world.width)] as const;
    const outcome = ctx.motion.push(target, toCells(plan.approach, world.width), targetCell, ctx.recording);
    const [ax, ay] = outcome.agentCell;
    const moved = ax !== state.agent.cell[0] || ay !== state.agent.cell[1];
    const room = world.rooms[world.roomByCell[ay * world.width + ax] ?? -1]?.id ?? state.agent.room;
    const next = applyMotion(state, outcome, { room, at: moved ? null : state.agent.at });
    const [tx, ty] = next.movables[target]!;
    if (tx !== targetCell[0] || ty !== targetCell[1]) {
      return { ...fail('nothing-to-push', `You push the ${target}, but it does not move where you meant. Look, then try again.`), state: next };
    }
    return { ok: true, state: next, message: `You push the ${target} aside.` };
  },
  candidates(ctx) {
    return visibleMovables(ctx.world, ctx.state)
      .filter((target) => ctx.nav.planPush(ctx.state, target).ok)
      .map((target) => ({ type: 'push', target }));
  },
};
