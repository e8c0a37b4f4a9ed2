/**
 * Subgoal decomposers. `goal-tree` derives locate → acquire → transform → deliver from the goal's
 * predicate tree and tracks the current subgoal from observations only.
 */
import { z } from 'zod';
import type { GoalNode, ObjectSelector, ObservationJson } from '../../../sim/index.ts';
import { definePart, type PartDefinition } from '../define-part.ts';

interface Subgoal {
  text: string;
  done(json: ObservationJson): boolean;
}

const TRANSFORM: Record<string, string> = { hot: 'heat it with a microwave or stoveburner', cold: 'cool it with a fridge', clean: 'clean it with a sinkbasin', sliced: 'slice it with a knife' };

/** The first leaf that moves an object: the one the plan is about. */
function mainLeaf(node: GoalNode): Extract<GoalNode, { object: ObjectSelector }> | null {
  if (node.type === 'all-of' || node.type === 'any-of') {
    for (const child of node.goals) {
      const leaf = mainLeaf(child);
      if (leaf) return leaf;
    }
    return null;
  }
  return 'object' in node ? node : null;
}

function subgoalsFor(leaf: Extract<GoalNode, { object: ObjectSelector }>): Subgoal[] {
  const selector = leaf.object;
  const name = 'id' in selector ? selector.id : `a ${selector.type}`;
  const matches = (o: { id: string; type: string }): boolean => ('id' in selector ? o.id === selector.id : o.type === selector.type);
  const held = (json: ObservationJson) => json.visibleObjects.find((o) => o.location === 'agent' && matches(o));
  const steps: Subgoal[] = [
    { text: `find ${name}: go to receptacles you have not searched, open closed ones`, done: (json) => json.visibleObjects.some(matches) },
    { text: `take ${name}`, done: (json) => Boolean(held(json)) },
  ];
  for (const state of selector.states ?? []) {
    steps.push({ text: `${TRANSFORM[state] ?? state} while holding ${name}`, done: (json) => Boolean(held(json)?.states.includes(state)) });
  }
  if (leaf.type === 'examined-under-light') steps.push({ text: `switch on a lamp (use desklamp/floorlamp) and examine ${name} while holding it`, done: () => false });
  else if ('receptacle' in leaf) {
    const target = 'id' in leaf.receptacle ? leaf.receptacle.id : `a ${leaf.receptacle.type}`;
    steps.push({ text: `go to ${target} and put ${name} in/on it`, done: () => false });
  }
  return steps;
}

const goalTree = definePart({
  kind: 'decomposer', name: 'goal-tree', description: 'locate → acquire → transform → deliver, derived from the goal tree, tracked from observations.',
  params: z.object({}).strict(),
  mayChange: { 'step-start': ['sections'] },
  create: () => ({ hooks: { 'step-start': ({ view, turn, store, emit }) => {
    const leaf = mainLeaf(view.goal.tree);
    if (!leaf) return;
    const subgoals = subgoalsFor(leaf);
    // Once an earlier subgoal is reached it stays reached until the object is let go.
    const current = subgoals.find((subgoal, index) => !subgoal.done(view.observation.json) && !(index === 0 && subgoals[1]!.done(view.observation.json))) ?? subgoals.at(-1)!;
    if (store.current !== current.text) {
      if (typeof store.current === 'string') emit({ type: 'subgoal-end', step: view.step, subgoal: store.current, outcome: 'done' });
      emit({ type: 'subgoal-start', step: view.step, subgoal: current.text });
      store.current = current.text;
    }
    turn.sections.subgoal = `Current subgoal: ${current.text}.`;
  } } }),
});

const noDecomposer = definePart({
  kind: 'decomposer', name: 'none', description: 'No subgoals.', params: z.object({}).strict(), mayChange: {},
  create: () => ({ hooks: {} }),
});

export const decomposerParts: PartDefinition[] = [goalTree, noDecomposer];
