/** Object and receptacle types (and ids' types) a goal tree names, `not`s included. */
import { goalLeaves, selectorType, type GoalNode } from '../../../sim/index.ts';

export function goalTypes(node: GoalNode, into = new Set<string>()): Set<string> {
  for (const { leaf } of goalLeaves(node)) {
    for (const selector of ['object' in leaf ? leaf.object : null, 'receptacle' in leaf ? leaf.receptacle : null]) {
      if (selector) into.add(selectorType(selector));
    }
  }
  return into;
}
