/**
 * A lower bound on the length of every plan, for checking a step limit statically. Each required
 * goal leaf (see goalLeaves) that is false at the start needs actions on one of the objects or
 * lamps it can mean: a take and a put to move an object (also to heat, cool or clean one that is
 * already in place), one action per state to add, a take and an examine to look at something, a
 * switch for a lamp. Leaves about disjoint objects need disjoint actions, so the bound adds them
 * up (and takes the largest among leaves that share objects); the agent starts at no receptacle,
 * so one `go to` comes first. Sound by construction, and tested against the oracle.
 */
import { evaluateGoal, goalLeaves, HELD, RECEPTACLE_TYPES, transformGiving, type GoalLeaf, type ObjectSelector, type ObjectState, type WorldSpec, type WorldState } from '../../sim/index.ts';
import { objectCandidates, receptacleCandidates } from './goal-candidates.ts';


interface Need {
  cost: number;
  /** Object ids, or `lamp:<id>`, its actions must act on. */
  on: string[];
}

/** Heat, cool and clean need the object in hand (slicing does not). */
const needsHand = (state: string): boolean => transformGiving(state) !== undefined;

function missing(selector: ObjectSelector, object: ObjectState): string[] {
  return (selector.states ?? []).filter((state) => !object.states.includes(state));
}

/** Actions to get one object into one of `receptacles` with the selector's states. */
function placeCost(selector: ObjectSelector, object: ObjectState, receptacles: Set<string>): number {
  const lacks = missing(selector, object);
  if (object.location === HELD) return lacks.length + 1;
  const move = !receptacles.has(object.location) || lacks.some(needsHand);
  return lacks.length + (move ? 2 : 0);
}

/** Actions to give one object the selector's states, held (`hold`) or wherever it is. */
function stateCost(selector: ObjectSelector, object: ObjectState, hold: boolean): number {
  const lacks = missing(selector, object);
  const take = object.location !== HELD && (hold || lacks.some(needsHand));
  return lacks.length + (take ? 1 : 0);
}

function needOf(leaf: GoalLeaf, world: WorldSpec, state: WorldState): Need {
  if (leaf.type === 'light-on') return { cost: 1, on: receptacleCandidates(leaf.receptacle, world).map((r) => `lamp:${r.id}`) };
  const objects = objectCandidates(leaf.object, world).map((o) => o.id);
  const of = (id: string): ObjectState => state.objects[id]!;
  let costs: number[];
  if (leaf.type === 'in' || leaf.type === 'count') {
    const receptacles = new Set(receptacleCandidates(leaf.receptacle, world).map((r) => r.id));
    costs = objects.map((id) => placeCost(leaf.object, of(id), receptacles));
  } else if (leaf.type === 'examined-under-light') costs = objects.map((id) => 1 + stateCost(leaf.object, of(id), true));
  else costs = objects.map((id) => stateCost(leaf.object, of(id), leaf.type === 'holding'));
  costs.sort((a, b) => a - b);
  const needed = leaf.type === 'count' ? leaf.min : 1;
  return { cost: costs.slice(0, needed).reduce((sum, cost) => sum + cost, 0), on: objects };
}

/** The fewest steps any plan from `state` (the start) can take; 0 when the goal already holds. */
export function minimumSteps(world: WorldSpec, state: WorldState): number {
  if (evaluateGoal(world.goal, state) === 'success') return 0;
  const needs = goalLeaves(world.goal)
    .filter(({ required, leaf }) => required && evaluateGoal(leaf, state) === 'pending')
    .map(({ leaf }) => needOf(leaf, world, state));
  if (needs.length === 0) return 1; // only any-of / not parts: some action, at least
  const lamps = world.receptacles.filter((r) => RECEPTACLE_TYPES[r.type]?.light);
  const examines = goalLeaves(world.goal).some(({ required, leaf }) => required && leaf.type === 'examined-under-light');
  if (examines && !lamps.some((lamp) => state.receptacles[lamp.id]?.on)) needs.push({ cost: 1, on: lamps.map((lamp) => `lamp:${lamp.id}`) });
  // Group needs that share an object or lamp (union-find over the ids they act on).
  const group = needs.map((_, i) => i);
  const root = (i: number): number => (group[i] === i ? i : (group[i] = root(group[i]!)));
  const owner = new Map<string, number>();
  needs.forEach((need, i) => {
    for (const id of need.on) {
      const other = owner.get(id);
      if (other === undefined) owner.set(id, i);
      else group[root(i)] = root(other);
    }
  });
  const largest = new Map<number, number>();
  needs.forEach((need, i) => largest.set(root(i), Math.max(largest.get(root(i)) ?? 0, need.cost)));
  // Every action counted but examine needs the agent at a receptacle, and it starts at none.
  const goFirst = state.agent.at === null && state.agent.holding === null ? 1 : 0;
  return goFirst + [...largest.values()].reduce((sum, cost) => sum + cost, 0);
}
