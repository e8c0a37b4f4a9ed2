/**
 * One handler per GoalNode kind: English description and evaluation against a state. Composite
 * kinds receive the recursive functions, so handlers never import the registry (no cycles).
 */
import type { GoalNode, GoalNodeType } from '../goal-node.ts';
import type { WorldState } from '../world-state.ts';

export type GoalOf<T extends GoalNodeType> = Extract<GoalNode, { type: T }>;

export interface GoalRecursion {
  describe(node: GoalNode): string;
  holds(node: GoalNode, state: WorldState): boolean;
}

export interface GoalHandler<T extends GoalNodeType> {
  type: T;
  /** Imperative English, e.g. "put a hot mug in a countertop". */
  describe(node: GoalOf<T>, recurse: GoalRecursion): string;
  /** Does the node hold in this state? */
  holds(node: GoalOf<T>, state: WorldState, recurse: GoalRecursion): boolean;
}
