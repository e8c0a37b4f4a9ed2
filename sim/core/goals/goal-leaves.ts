/**
 * The leaves of a goal tree, each with what the tree asks of it: its polarity (under an odd
 * number of `not`s the goal wants it false) and whether every goal state must satisfy it (reached
 * from the root through `all-of` only). The one walker for static checks, bounds and the oracle's
 * pruning; it keeps its own stack, so a deep tree cannot overflow the call stack.
 */
import type { GoalNode } from '../goal-node.ts';

export type GoalLeaf = Exclude<GoalNode, { type: 'all-of' | 'any-of' | 'not' }>;

export interface GoalLeafAt {
  leaf: GoalLeaf;
  /** The goal wants this leaf false (an odd number of `not`s above it). */
  negated: boolean;
  /** Only `all-of` above it (no `any-of`, no `not`): every state that reaches the goal satisfies it. */
  required: boolean;
  /** JSON path from the tree's root, e.g. `['goals', 1, 'goal']`. */
  path: (string | number)[];
}

/** Every leaf, depth-first in file order. */
export function goalLeaves(root: GoalNode): GoalLeafAt[] {
  const leaves: GoalLeafAt[] = [];
  const stack: { node: GoalNode; negated: boolean; required: boolean; path: (string | number)[] }[] = [{ node: root, negated: false, required: true, path: [] }];
  while (stack.length) {
    const { node, negated, required, path } = stack.pop()!;
    if (node.type === 'all-of' || node.type === 'any-of') {
      const all = required && node.type === 'all-of';
      for (let i = node.goals.length - 1; i >= 0; i--) stack.push({ node: node.goals[i]!, negated, required: all, path: [...path, 'goals', i] });
    } else if (node.type === 'not') {
      stack.push({ node: node.goal, negated: !negated, required: false, path: [...path, 'goal'] });
    } else {
      leaves.push({ leaf: node, negated, required, path });
    }
  }
  return leaves;
}
