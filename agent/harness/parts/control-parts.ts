/** Control: loops, search order, the step budget, replanning and switching selectors within an episode. */
import { z } from 'zod';
import { definePart, type PartDefinition } from '../define-part.ts';

const loopDetection = definePart({
  kind: 'control', name: 'loop-detection', description: 'An action about to be repeated more than N times in a row is replaced by an untried one.',
  params: z.object({ maxRepeats: z.number().int().min(1).default(2) }).strict(), mayChange: { 'before-action': ['action'] },
  create: ({ maxRepeats }) => ({ hooks: { 'before-action': ({ view, turn, emit }) => {
    const recent = view.history.slice(-maxRepeats).map((h) => h.action);
    if (!turn.action || recent.length < maxRepeats || !recent.every((action) => action === turn.action)) return;
    const tried = new Set(view.history.map((h) => h.action));
    const fresh = view.validActions.find((action) => !tried.has(action) && action.startsWith('go to')) ?? view.validActions.find((action) => !tried.has(action));
    if (!fresh) return;
    emit({ type: 'control', step: view.step, part: 'loop-detection', signal: 'replace', detail: `${turn.action} repeated ${maxRepeats}× → ${fresh}` });
    turn.action = fresh;
  } } }),
});

const searchOnce = definePart({
  kind: 'control', name: 'search-once', description: 'While searching (hands empty), never go back to a receptacle already visited.',
  params: z.object({}).strict(), mayChange: { 'before-action': ['action'] },
  create: () => ({ hooks: { 'before-action': ({ view, turn, emit }) => {
    if (!turn.action?.startsWith('go to ') || view.observation.json.holding) return;
    const visited = new Set(view.history.filter((h) => h.success && h.action.startsWith('go to ')).map((h) => h.action));
    if (!visited.has(turn.action)) return;
    const fresh = view.validActions.find((action) => action.startsWith('go to ') && !visited.has(action));
    if (!fresh) return;
    emit({ type: 'control', step: view.step, part: 'search-once', signal: 'replace', detail: `${turn.action} already searched → ${fresh}` });
    turn.action = fresh;
  } } }),
});

const stepBudget = definePart({
  kind: 'control', name: 'step-budget', description: 'Warns the model when few steps are left.',
  params: z.object({ warnAt: z.number().int().min(1).default(5) }).strict(), mayChange: { 'step-start': ['rules'] },
  create: ({ warnAt }) => ({ hooks: { 'step-start': ({ view, turn }) => {
    const left = view.stepLimit - view.step;
    if (left <= warnAt) turn.rules.push(`Only ${left} steps are left: finish the goal now, do not explore.`);
  } } }),
});

const replanOnStall = definePart({
  kind: 'control', name: 'replan-on-stall', description: 'When the subgoal has not changed for K steps, tells the model to change approach.',
  params: z.object({ after: z.number().int().min(2).default(6) }).strict(), mayChange: { 'step-start': ['rules'] },
  create: ({ after }) => ({ hooks: { 'step-start': ({ view, turn, store, emit }) => {
    const subgoal = turn.sections.subgoal ?? '';
    store.same = store.subgoal === subgoal ? (store.same as number) + 1 : 0;
    store.subgoal = subgoal;
    if ((store.same as number) >= after) {
      turn.rules.push(`You have spent ${after} steps on the same subgoal. Try a receptacle you have not searched yet, or open a closed one.`);
      if ((store.same as number) === after) emit({ type: 'control', step: view.step, part: 'replan-on-stall', signal: 'replan', detail: subgoal });
    }
  } } }),
});

const switchSelector = definePart({
  kind: 'control', name: 'switch-selector', description: 'After K failed actions in a row, switches to another selector for the rest of the episode.',
  params: z.object({ after: z.number().int().min(1).default(3), to: z.string().default('choice-scoring') }).strict(),
  mayChange: { 'step-start': ['control'] },
  create: ({ after, to }) => ({ hooks: {
    'after-action': ({ view, store, emit }) => {
      store.failures = view.last?.success ? 0 : ((store.failures as number | undefined) ?? 0) + 1;
      if (!store.switched && (store.failures as number) >= after) {
        store.switched = true;
        emit({ type: 'control', step: view.step, part: 'switch-selector', signal: 'switch-selector', detail: to });
      }
    },
    'step-start': ({ turn, store }) => {
      if (store.switched) turn.control.selector = to;
    },
  } }),
});

export const controlParts: PartDefinition[] = [loopDetection, searchOnce, stepBudget, replanOnStall, switchSelector];
