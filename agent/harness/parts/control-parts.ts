/** Control: loops, search order, the step budget, replanning and switching selectors within an episode. */
import { z } from 'zod';
import { definePart, type HookContext, type PartDefinition } from '../define-part.ts';
import { goalTypes } from './goal-types.ts';
import { SELECTOR_NAMES } from './selector-parts.ts';
import { structured } from '../harness-view.ts';

/** Would `action` continue a cycle of length 1 or 2 that already ran `repeats` times? */
export function continuesLoop(history: readonly string[], action: string, repeats: number): boolean {
  return [1, 2].some((period) => {
    const window = [...history.slice(-period * repeats), action];
    return window.length === period * repeats + 1 && window.every((item, index) => item === window[index % period]);
  });
}

/** A valid action not tried yet this episode, preferring to move somewhere new. */
function untried({ view }: HookContext, avoid: string): string | undefined {
  const tried = new Set(view.history.map((h) => h.action));
  const fresh = view.validActions.filter((action) => !tried.has(action) && action !== avoid);
  return fresh.find((action) => action.startsWith('go to ')) ?? fresh[0];
}

const loopDetection = definePart({
  kind: 'control', name: 'loop-detection', description: 'An action that would repeat itself (or an A-B-A-B cycle) more than N times is replaced by an untried one.',
  params: z.object({ maxRepeats: z.number().int().min(1).default(2) }).strict(), mayChange: { 'before-action': ['action'] },
  create: ({ maxRepeats }) => ({ hooks: { 'before-action': (context) => {
    const { view, turn, emit } = context;
    if (!turn.action || !continuesLoop(view.history.map((h) => h.action), turn.action, maxRepeats)) return;
    const fresh = untried(context, turn.action);
    if (!fresh) return;
    emit({ type: 'control', part: 'loop-detection', signal: 'replace', detail: `${turn.action} would repeat a loop ${maxRepeats + 1}× → ${fresh}` });
    turn.action = fresh;
  } } }),
});

const searchOnce = definePart({
  kind: 'control', name: 'search-once', needs: ['hearth-structure'],
  description: 'While searching (hands empty), never go back to a receptacle already searched (seen open) — unless something the goal names was seen there.',
  params: z.object({}).strict(), mayChange: { 'before-action': ['action'] },
  create: () => ({ hooks: {
    'after-action': ({ view, store }) => {
      const { json } = structured(view).observation;
      const searched = new Set((store.searched as string[] | undefined) ?? []);
      if (json.at && (json.receptacles.find((r) => r.id === json.at)?.open ?? true)) searched.add(json.at);
      const types = goalTypes(structured(view).goal.tree);
      const useful = new Set((store.useful as string[] | undefined) ?? []);
      for (const object of json.visibleObjects) if (types.has(object.type) && object.location !== 'agent') useful.add(object.location);
      Object.assign(store, { searched: [...searched], useful: [...useful] });
    },
    'before-action': (context) => {
      const { view, turn, store, emit } = context;
      if (!turn.action?.startsWith('go to ') || structured(view).observation.json.holding) return;
      const target = turn.action.slice('go to '.length);
      if (!((store.searched as string[] | undefined) ?? []).includes(target) || ((store.useful as string[] | undefined) ?? []).includes(target)) return;
      const searched = new Set(store.searched as string[]);
      const fresh = view.validActions.find((action) => action.startsWith('go to ') && !searched.has(action.slice('go to '.length)));
      if (!fresh) return;
      emit({ type: 'control', part: 'search-once', signal: 'replace', detail: `${target} already searched → ${fresh}` });
      turn.action = fresh;
    },
  } }),
});

const stepBudget = definePart({
  kind: 'control', name: 'step-budget', description: 'Tells the model how many steps are left once few are.',
  params: z.object({ warnAt: z.number().int().min(1).default(5) }).strict(), mayChange: { 'step-start': ['rules'] },
  create: ({ warnAt }) => ({ hooks: { 'step-start': ({ view, turn }) => {
    const left = view.stepLimit - view.step;
    if (left <= warnAt) turn.rules.push(`Only ${left} steps are left: finish the goal now, do not explore.`);
  } } }),
});

const replanOnStall = definePart({
  kind: 'control', name: 'replan-on-stall', description: 'When the subgoal has not changed for K steps, tells the model to change approach (and traces a replan signal).',
  params: z.object({ after: z.number().int().min(2).default(6) }).strict(), mayChange: { 'step-start': ['rules'] },
  create: ({ after }) => ({ hooks: { 'step-start': ({ view, turn, store, emit }) => {
    const subgoal = turn.sections.subgoal ?? '';
    const same = store.subgoal === subgoal ? ((store.same as number | undefined) ?? 0) + 1 : 0;
    Object.assign(store, { subgoal, same });
    if (same < after) return;
    turn.rules.push(`You have spent ${same} steps on the same subgoal. Try a receptacle you have not searched yet, or open a closed one.`);
    if (same === after) emit({ type: 'control', part: 'replan-on-stall', signal: 'replan', detail: subgoal || `no progress for ${after} steps` });
  } } }),
});

const switchSelector = definePart({
  kind: 'control', name: 'switch-selector', description: 'After K failed actions in a row, switches to another selector for the rest of the episode.',
  params: z.object({ after: z.number().int().min(1).default(3), to: z.enum(SELECTOR_NAMES).default('numbered-menu') }).strict(),
  mayChange: { 'step-start': ['control'] },
  create: ({ after, to }) => ({ hooks: {
    'after-action': ({ view, store, emit }) => {
      const failures = view.last?.success ? 0 : ((store.failures as number | undefined) ?? 0) + 1;
      store.failures = failures;
      if (store.switched || failures < after) return;
      store.switched = true;
      emit({ type: 'control', part: 'switch-selector', signal: 'switch-selector', detail: `${failures} failed actions in a row → ${to}` });
    },
    'step-start': ({ turn, store }) => {
      if (store.switched) turn.control.selector = to;
    },
  } }),
});

export const controlParts: PartDefinition[] = [loopDetection, searchOnce, stepBudget, replanOnStall, switchSelector];
