/**
 * `go to R`: plan a route to the nearest free cell beside R, let the motion system walk it, and
 * stand at R. Fails with `door-closed` / `path-blocked` / `unreachable`, naming the fix.
 */
import type { Cell } from '../world-spec.ts';
import type { MotionOutcome } from '../motion-system.ts';
import type { WorldState } from '../world-state.ts';
import { arrivalSentence } from './arrival-sentence.ts';
import { fail } from './action-handler.ts';
import type { ActionContext, ActionFailure, ActionHandler, ActionOf } from './action-handler.ts';
import type { CompiledWorld } from '../compiled-world.ts';
import { requireReceptacle } from './checks.ts';

/** Path cell indices → `[x, y]` cells for the motion system. */
export function toCells(path: readonly number[], width: number): Cell[] {
  return path.map((index) => [index % width, Math.floor(index / width)] as const);
}

/** Writes a motion outcome (agent cell, moved movables) into a new state. */
export function applyMotion(state: WorldState, outcome: MotionOutcome, agent: Partial<WorldState['agent']>): WorldState {
  let movables = state.movables;
  if (outcome.movedMovables.length > 0) {
    movables = { ...movables };
    for (const moved of outcome.movedMovables) movables[moved.id] = [moved.cell[0], moved.cell[1]];
  }
  const cell: [number, number] = [outcome.agentCell[0], outcome.agentCell[1]];
  return { ...state, movables, agent: { ...state.agent, cell, ...agent } };
}

function routeFailure(ctx: ActionContext, target: string): ActionFailure | null {
  const plan = ctx.nav.planGoTo(ctx.state, target);
  if (plan.ok) return null;
  if (plan.reason === 'door-closed') {
    return fail('door-closed', `The way to the ${target} is shut: ${plan.door} is closed. Open it first: open ${plan.door}.`);
  }
  if (plan.reason === 'path-blocked') {
    return fail('path-blocked', `The way to the ${target} is blocked by the ${plan.movable}. Push it aside first: push ${plan.movable}.`);
  }
  return fail('unreachable', `You cannot reach the ${target} from here: no path leads there.`);
}

const candidateCache = new WeakMap<CompiledWorld, Map<string | null, ActionOf<'go-to'>[]>>();

export const goToHandler: ActionHandler<'go-to'> = {
  type: 'go-to',
  format: (action) => `go to ${action.target}`,
  check(action, ctx) {
    const { target } = action;
    if (!ctx.world.receptacles.has(target) && ctx.world.knownIds.has(target)) {
      return fail('unknown-target', `You can only go to receptacles, not to the ${target}. Try: go to ${ctx.world.receptacleIds[0]}.`);
    }
    const unknown = requireReceptacle(ctx, target);
    if (unknown) return unknown;
    if (ctx.state.agent.at === target) return fail('already-there', `You are already at the ${target}. Look here, or go somewhere else.`);
    return routeFailure(ctx, target);
  },
  apply(action, ctx) {
    const plan = ctx.nav.planGoTo(ctx.state, action.target);
    if (!plan.ok) return routeFailure(ctx, action.target)!;
    const outcome = ctx.motion.drive(plan.cells, ctx.recording);
    if (!outcome.reached) {
      const state = applyMotion(ctx.state, outcome, { at: null });
      return { ...fail('path-blocked', `Something stopped you on the way to the ${action.target}. Look around, then try again.`), state };
    }
    const room = ctx.world.receptacles.get(action.target)!.room;
    const state = applyMotion(ctx.state, outcome, { at: action.target, room });
    return { ok: true, state, message: `You arrive at the ${action.target}. ${arrivalSentence(ctx.world, state, action.target)}` };
  },
  candidates(ctx) {
    // The list depends only on the world and where the agent stands: build it once per pair.
    let byAt = candidateCache.get(ctx.world);
    if (!byAt) candidateCache.set(ctx.world, (byAt = new Map()));
    const { at } = ctx.state.agent;
    let list = byAt.get(at);
    if (!list) byAt.set(at, (list = ctx.world.receptacleIds.filter((id) => id !== at).map((target) => ({ type: 'go-to', target }))));
    return list;
  },
};
