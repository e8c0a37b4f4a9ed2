/**
 * locate → acquire → transform → deliver, derived from a goal's predicate tree. Each phase knows
 * from an observation alone whether it is reached — so subgoals are tracked without hidden state.
 */
import { goalLeaves, type GoalNode, type ObjectSelector, type ObservationJson } from '../../../sim/index.ts';

export type Phase = 'locate' | 'acquire' | 'transform' | 'deliver';

/** One subgoal: its wording, its phase, and whether the observation shows it reached. */
export interface GoalPhase {
  phase: Phase;
  text: string;
  /** For transforms: the object state it produces (`hot`, `cold` …). */
  state?: string;
  done(json: ObservationJson): boolean;
}

const TRANSFORM: Record<string, string> = { hot: 'heat it with a microwave or stoveburner', cold: 'cool it with a fridge', clean: 'clean it with a sinkbasin', sliced: 'slice it with a knife' };

type ObjectLeaf = Extract<GoalNode, { object: ObjectSelector }>;

/** The first leaf that is about an object, not under a `not`: the one the plan is about. */
export function mainLeaf(node: GoalNode): ObjectLeaf | null {
  for (const { leaf, path } of goalLeaves(node)) if ('object' in leaf && !path.includes('goal')) return leaf;
  return null;
}

function deliverPhase(leaf: ObjectLeaf, name: string): GoalPhase | null {
  if (leaf.type === 'examined-under-light') return { phase: 'deliver', text: `switch on a lamp (use desklamp/floorlamp) and examine ${name} while holding it`, done: () => false };
  if (!('receptacle' in leaf)) return null;
  const target = 'id' in leaf.receptacle ? leaf.receptacle.id : `a ${leaf.receptacle.type}`;
  return { phase: 'deliver', text: `go to ${target} and put ${name} in/on it`, done: () => false };
}

/** The phases for a goal tree (empty when no leaf is about an object). */
export function goalPhases(tree: GoalNode): GoalPhase[] {
  const leaf = mainLeaf(tree);
  if (!leaf) return [];
  const selector = leaf.object;
  const name = 'id' in selector ? selector.id : `a ${selector.type}`;
  const matches = (o: { id: string; type: string }): boolean => ('id' in selector ? o.id === selector.id : o.type === selector.type);
  const held = (json: ObservationJson) => json.visibleObjects.find((o) => o.location === 'agent' && matches(o));
  const phases: GoalPhase[] = [
    { phase: 'locate', text: `find ${name}: go to receptacles you have not searched, open closed ones`, done: (json) => json.visibleObjects.some(matches) },
    { phase: 'acquire', text: `take ${name}`, done: (json) => Boolean(held(json)) },
  ];
  for (const state of 'states' in selector ? (selector.states ?? []) : []) {
    phases.push({ phase: 'transform', state, text: `${TRANSFORM[state] ?? `make it ${state}`} while holding ${name}`, done: (json) => Boolean(held(json)?.states.includes(state)) });
  }
  const deliver = deliverPhase(leaf, name);
  return deliver ? [...phases, deliver] : phases;
}

/**
 * The index of the current phase. Once the object is held, finding it is behind us; once it has
 * the goal's states, so is transforming — even if it is put down again.
 */
export function currentPhase(phases: readonly GoalPhase[], json: ObservationJson): number {
  const index = phases.findIndex((phase, i) => !phase.done(json) && !(i === 0 && phases[1]?.done(json)));
  return index < 0 ? phases.length - 1 : index;
}
