/**
 * Preconditions shared by several actions, each returning a failure whose sentence says what to
 * do next. Messages never reveal objects the agent cannot see.
 */
import { closest } from 'fastest-levenshtein';
import { listOr } from '../english.ts';
import { HELD, isReceptacleOpen, isVisible } from '../world-state.ts';
import { fail } from './action-handler.ts';
import type { ActionContext, ActionFailure } from './action-handler.ts';

/** The name must be a receptacle of this house. */
export function requireReceptacle(ctx: ActionContext, id: string): ActionFailure | null {
  if (ctx.world.receptacles.has(id)) return null;
  const instances = ctx.world.receptacleIds.filter((r) => r.startsWith(`${id} `));
  if (instances.length > 0) return fail('unknown-target', `Which ${id}? Name one: ${listOr(instances)}.`);
  const suggestion = closest(id, ctx.world.receptacleIds);
  return fail('unknown-target', `There is no ${id} in this house. Did you mean ${suggestion}? Receptacles here: ${ctx.world.receptacleIds.join(', ')}.`);
}

/** The agent must stand at the receptacle (after `go to`). */
export function requireAt(ctx: ActionContext, id: string): ActionFailure | null {
  if (ctx.state.agent.at === id) return null;
  return fail('not-at-receptacle', `You are not at the ${id}. Go there first: go to ${id}.`);
}

/** An openable receptacle must be open. */
export function requireOpen(ctx: ActionContext, id: string): ActionFailure | null {
  if (isReceptacleOpen(ctx.world, ctx.state, id)) return null;
  return fail('container-closed', `The ${id} is closed. Open it first: open ${id}.`);
}

/** The agent's hands must be empty. */
export function requireEmptyHands(ctx: ActionContext): ActionFailure | null {
  const { holding, at } = ctx.state.agent;
  if (holding === null) return null;
  const where = at !== null && ctx.world.receptacles.get(at)?.info.holds ? `put ${holding} in/on ${at}` : `go to a table or counter and put it there`;
  return fail('hands-full', `You are already holding the ${holding}. Put it down first: ${where}.`);
}

/** The agent must hold this object. */
export function requireHolding(ctx: ActionContext, objectId: string): ActionFailure | null {
  const { holding, at } = ctx.state.agent;
  if (holding === objectId) return null;
  if (holding !== null) return fail('not-holding', `You are holding the ${holding}, not the ${objectId}.`);
  const here = at !== null && isVisible(ctx.world, ctx.state, objectId);
  const how = here ? `Take it first: take ${objectId} from ${at}.` : `Find it and take it first.`;
  return fail('not-holding', `You are not holding the ${objectId}. ${how}`);
}

/** The object must be visible where the agent stands (or held). */
export function requireVisible(ctx: ActionContext, objectId: string): ActionFailure | null {
  if (isVisible(ctx.world, ctx.state, objectId)) return null;
  const { at } = ctx.state.agent;
  const where = at === null ? 'You are not at any receptacle: go to one to see what is there.' : `Look elsewhere: go to another receptacle, or open one.`;
  return fail('not-visible', `You do not see the ${objectId} here. ${where}`);
}

/** The object must be visible and not in the agent's hand (for take, slice). */
export function requireVisibleHere(ctx: ActionContext, objectId: string): ActionFailure | null {
  if (ctx.state.objects[objectId]?.location === HELD) return fail('hands-full', `You are already holding the ${objectId}.`);
  return requireVisible(ctx, objectId);
}

/** Receptacles of a capability, for "use X instead" hints. */
export function receptaclesWhere(ctx: ActionContext, test: (id: string) => boolean): string {
  return listOr(ctx.world.receptacleIds.filter(test));
}
