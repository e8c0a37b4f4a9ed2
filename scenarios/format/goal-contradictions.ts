/**
 * Goals whose required parts (reached from the root through `all-of` only) contradict each other:
 * one object in two places at once, held and placed at once, two things held at once (the agent
 * holds one), or one object both hot and cold / clean and dirty. Static, so a search never has to
 * find out.
 */
import { EXCLUSIVE_STATES, goalLeaves, type GoalLeafAt, type WorldSpec } from '../../sim/index.ts';
import type { RawIssue } from './compile-scenario.ts';
import { exclusionReason, objectCandidates, receptacleCandidates, selectorText } from './goal-candidates.ts';
import { formatPath } from './json-position.ts';

/** Where one object must end up: held, or in/on one of these receptacles. */
interface Demand {
  at: GoalLeafAt;
  held: boolean;
  receptacles: Set<string>;
}

const where = (demand: Demand): string => (demand.held ? 'held' : `in/on ${[...demand.receptacles].join(' or ')}`);
const pathOf = (at: GoalLeafAt): (string | number)[] => ['goal', 'tree', ...at.path];
const place = (at: GoalLeafAt): string => formatPath(pathOf(at));

export function goalContradictions(world: WorldSpec): RawIssue[] {
  const required = goalLeaves(world.goal).filter((at) => at.required);
  const issues: RawIssue[] = [];
  const demands = new Map<string, Demand[]>();
  const states = new Map<string, { state: string; at: GoalLeafAt }[]>();
  const held: { at: GoalLeafAt; objects: Set<string>; text: string }[] = [];
  for (const at of required) {
    const { leaf } = at;
    if (!('object' in leaf)) continue;
    const objects = objectCandidates(leaf.object, world).map((o) => o.id);
    if (leaf.type === 'holding') held.push({ at, objects: new Set(objects), text: selectorText(leaf.object) });
    // Demands and states bind one object only when the selector can mean only one (or a count needs them all).
    const all = leaf.type === 'count' && leaf.min >= objects.length;
    if (objects.length !== 1 && !all) continue;
    for (const id of objects) {
      if (leaf.type === 'in' || leaf.type === 'count') demands.set(id, [...(demands.get(id) ?? []), { at, held: false, receptacles: new Set(receptacleCandidates(leaf.receptacle, world).map((r) => r.id)) }]);
      if (leaf.type === 'holding') demands.set(id, [...(demands.get(id) ?? []), { at, held: true, receptacles: new Set() }]);
      for (const state of leaf.object.states ?? []) states.set(id, [...(states.get(id) ?? []), { state, at }]);
    }
  }
  for (const [id, list] of demands) {
    for (let i = 1; i < list.length; i++) {
      const clash = list.slice(0, i).find((before) => before.held !== list[i]!.held || (!before.held && ![...before.receptacles].some((r) => list[i]!.receptacles.has(r))));
      if (!clash) continue;
      issues.push({ path: pathOf(list[i]!.at), message: `the goal needs ${id} ${where(list[i]!)} here and ${where(clash)} at ${place(clash.at)} at once; an object is in one place. Keep one of the two` });
      break;
    }
  }
  for (const [id, list] of states) {
    for (const [a, b] of EXCLUSIVE_STATES) {
      const first = list.find((s) => s.state === a);
      const second = list.find((s) => s.state === b);
      if (!first || !second || first.at === second.at) continue; // one selector with both: semantic-checks says so
      issues.push({ path: pathOf(second.at), message: `the goal needs ${id} ${b} here and ${a} at ${place(first.at)}; it cannot be both (${exclusionReason(a, b)}). Keep one` });
    }
  }
  for (let i = 1; i < held.length; i++) {
    const other = held.slice(0, i).find((before) => ![...before.objects].some((id) => held[i]!.objects.has(id)));
    if (!other) continue;
    issues.push({ path: pathOf(held[i]!.at), message: `the goal needs the agent to hold ${held[i]!.text} here and ${other.text} at ${place(other.at)}, but it holds one thing at a time. Keep one holding goal` });
    break;
  }
  return issues;
}
