/**
 * Subgoal decomposers. `goal-tree` derives locate → acquire → transform → deliver from the goal's
 * predicate tree; `model-plan` lets the model write a short plan, checks it against those phases
 * and falls back to them when it does not hold up. Both track the current subgoal from observations.
 */
import { z } from 'zod';
import { definePart, type HookContext, type PartDefinition } from '../define-part.ts';
import { currentPhase, goalPhases } from './goal-phases.ts';
import { checkPlan, parsePlanLines } from './check-plan.ts';
import { structured } from '../harness-view.ts';

/** Emits subgoal-end/subgoal-start when the current subgoal changes. */
function track({ store, emit }: HookContext, part: string, subgoal: string): void {
  if (store.current === subgoal) return;
  if (typeof store.current === 'string') emit({ type: 'subgoal-end', part, subgoal: store.current, outcome: 'done' });
  emit({ type: 'subgoal-start', part, subgoal });
  store.current = subgoal;
}

const goalTree = definePart({
  kind: 'decomposer', name: 'goal-tree', needs: ['hearth-structure'], description: 'locate → acquire → transform → deliver, derived from the goal tree, tracked from observations.',
  params: z.object({}).strict(),
  mayChange: { 'step-start': ['sections'] },
  create: () => ({ hooks: { 'step-start': (context) => {
    const phases = goalPhases(structured(context.view).goal.tree);
    if (!phases.length) return;
    const current = phases[currentPhase(phases, structured(context.view).observation.json)]!;
    track(context, 'goal-tree', current.text);
    context.turn.sections.subgoal = `Current subgoal: ${current.text}.`;
  } } }),
});

const PLAN_SYSTEM = 'You plan household tasks for a robot. Write a short numbered plan: one step per line, nothing else.';

interface PlanStore {
  plan?: { text: string; phase: number }[];
}

const modelPlan = definePart({
  kind: 'decomposer', name: 'model-plan', needs: ['hearth-structure'],
  description: 'At episode start the model writes a short plan; it is checked against the goal (object named, every needed phase present, in order) — if it fails, the goal-tree phases are used instead. The current step is tracked from observations.',
  params: z.object({ maxSteps: z.number().int().min(2).max(10).default(5), maxTokens: z.number().int().min(16).max(256).default(80) }).strict(),
  mayChange: { 'step-start': ['sections'] },
  create: ({ maxSteps, maxTokens }) => ({ hooks: {
    'episode-start': async (context) => {
      const { view, model, emit } = context;
      const store = context.store as PlanStore;
      const phases = goalPhases(structured(view).goal.tree);
      const messages = [{ role: 'system' as const, content: PLAN_SYSTEM }, { role: 'user' as const, content: `Goal: ${view.goal.text}\n${view.observation.text}\nWrite at most ${maxSteps} steps.\nPlan:` }];
      const { text } = await model.generate({ messages, maxTokens, stop: ['\n\n'] });
      const check = checkPlan(parsePlanLines(text, maxSteps), phases, structured(view).goal.tree);
      if (check.ok) store.plan = check.steps;
      else emit({ type: 'control', part: 'model-plan', signal: 'plan-rejected', detail: check.problems.join('; ') });
      store.plan ??= phases.map((phase, index) => ({ text: phase.text, phase: index }));
    },
    'step-start': (context) => {
      const plan = (context.store as PlanStore).plan ?? [];
      const phases = goalPhases(structured(context.view).goal.tree);
      if (!plan.length || !phases.length) return;
      const now = currentPhase(phases, structured(context.view).observation.json);
      const current = plan.find((step) => step.phase >= now) ?? plan.at(-1)!;
      track(context, 'model-plan', current.text);
      context.turn.sections.subgoal = `Plan:\n${plan.map((step, index) => `${index + 1}. ${step.text}`).join('\n')}\nNow: ${current.text}.`;
    },
  } }),
});

const noDecomposer = definePart({
  kind: 'decomposer', name: 'none', description: 'No subgoals.', params: z.object({}).strict(), mayChange: {},
  create: () => ({ hooks: {} }),
});

export const decomposerParts: PartDefinition[] = [goalTree, modelPlan, noDecomposer];
