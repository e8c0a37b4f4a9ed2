/** Object and receptacle types (and ids' types) a goal tree names. */
import type { GoalNode } from '../../../sim/index.ts';

export function goalTypes(node: GoalNode, into = new Set<string>()): Set<string> {
  if (node.type === 'all-of' || node.type === 'any-of') node.goals.forEach((child) => goalTypes(child, into));
  else if (node.type === 'not') goalTypes(node.goal, into);
  else {
    for (const selector of ['object' in node ? node.object : null, 'receptacle' in node ? node.receptacle : null]) {
      if (selector) into.add('type' in selector ? selector.type : selector.id.split(' ')[0]!);
    }
  }
  return into;
}
