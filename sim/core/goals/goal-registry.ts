/**
 * The goal handlers by kind, and the two public operations: describe a goal tree in English and
 * evaluate it against a state.
 */
import { closest } from 'fastest-levenshtein';
import type { GoalNode, GoalNodeType, GoalStatus } from '../goal-node.ts';
import type { WorldState } from '../world-state.ts';
import { allOfGoal } from './all-of.ts';
import { anyOfGoal } from './any-of.ts';
import { countGoal } from './count.ts';
import { examinedUnderLightGoal } from './examined-under-light.ts';
import type { GoalHandler, GoalRecursion } from './goal-handler.ts';
import { hasStateGoal } from './has-state.ts';
import { holdingGoal } from './holding.ts';
import { inGoal } from './in.ts';
import { lightOnGoal } from './light-on.ts';
import { notGoal } from './not.ts';

export const GOAL_HANDLERS: { readonly [T in GoalNodeType]: GoalHandler<T> } = {
  'all-of': allOfGoal,
  'any-of': anyOfGoal,
  not: notGoal,
  in: inGoal,
  holding: holdingGoal,
  'has-state': hasStateGoal,
  count: countGoal,
  'light-on': lightOnGoal,
  'examined-under-light': examinedUnderLightGoal,
};

/** Thrown for a goal node whose `type` is not a known kind. */
export class UnknownGoalTypeError extends Error {
  constructor(readonly goalType: string) {
    const known = Object.keys(GOAL_HANDLERS);
    super(`Unknown goal node type "${goalType}"; did you mean "${closest(goalType, known)}"? Known types: ${known.join(', ')}.`);
    this.name = 'UnknownGoalTypeError';
  }
}

function handler(node: GoalNode): GoalHandler<GoalNodeType> {
  const found = GOAL_HANDLERS[node.type] as GoalHandler<GoalNodeType> | undefined;
  if (!found) throw new UnknownGoalTypeError(String(node.type));
  return found;
}

const recursion: GoalRecursion = {
  describe: (node) => handler(node).describe(node as never, recursion),
  holds: (node, state) => handler(node).holds(node as never, state, recursion),
};

/** English for a goal tree: "put a hot mug in a countertop". */
export function describeGoal(node: GoalNode): string {
  return recursion.describe(node);
}

/** `success` when the goal holds in the state, else `pending`. */
export function evaluateGoal(node: GoalNode, state: WorldState): GoalStatus {
  return recursion.holds(node, state) ? 'success' : 'pending';
}
