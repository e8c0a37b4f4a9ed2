/**
 * Enforcement: parts that constrain and correct what the model does, rather than tell it more.
 * - `subgoal-shortlist` narrows the offered actions to those serving the current stage (search,
 *   acquire, transform, deliver, light); the model still chooses whenever more than one serves.
 *   With `clearWay: 'first'`, a blocked move is followed by only what clears the way.
 * - `progress-guard` never lets progress be undone, and takes a goal object as soon as it is seen.
 * - `thought-action` applies the action the model named in its own thought.
 * - `budget-triage` drops exploration once the steps left barely cover what remains.
 * All read only the view (see `task-progress.ts`).
 */
import { z } from 'zod';
import { definePart, type HookContext, type PartDefinition } from '../define-part.ts';
import { offeredActions } from '../hooks.ts';
import { mayRetry } from './validator-parts.ts';
import { heldTarget, isDestination, progressKey, servingActions, stageOf, stepsStillNeeded, taskGoal, unblockingActions, type TaskGoal, type TaskMemory } from './task-progress.ts';
import { emitOnce, observe, type ProgressStore } from './progress-store.ts';
import { structured } from '../harness-view.ts';

interface ShortlistStore extends ProgressStore {
  fallbackStep?: number;
  progress?: string;
  stalled?: number;
}

const subgoalShortlist = definePart({
  kind: 'control', name: 'subgoal-shortlist', needs: ['hearth-structure'],
  description: 'Offers the selector only the actions that serve the current stage (search: unsearched receptacles and opening what is closed here; acquire: taking a goal object; transform: going to and using a device; deliver: going to a destination and putting it there); the full list when the shortlist is empty or progress stalls for `stallSteps`. `openHere: only` makes opening a closed unsearched receptacle the one choice there; `clearWay: first` offers only pushing aside or opening a door after a blocked move.',
  params: z.object({
    stallSteps: z.number().int().min(2).max(50).default(6),
    /** `only`: at a closed receptacle not yet searched, opening it is the one way to search it. */
    openHere: z.enum(['offer', 'only']).default('offer'),
    /** `first`: once a move was blocked, offer only what clears the way (push the item aside, open the door) while it can be done. */
    clearWay: z.enum(['offer', 'first']).default('offer'),
  }).strict(),
  mayChange: { 'before-model': ['candidates'] },
  create: ({ stallSteps, openHere, clearWay }) => ({ hooks: {
    'step-start': (context) => {
      const seen = observe(context);
      if (!seen) return;
      const store = context.store as ShortlistStore;
      const progress = progressKey(seen.goal, seen.memory, structured(context.view));
      store.stalled = store.progress === progress ? (store.stalled ?? 0) + 1 : 0;
      store.progress = progress;
    },
    'before-model': (context) => {
      const goal = taskGoal(structured(context.view).goal.tree);
      const store = context.store as ShortlistStore;
      const memory = store.memory;
      if (!goal || !memory) return;
      const stage = stageOf(goal, memory, structured(context.view));
      let shortlist = servingActions(goal, memory, structured(context.view), stage);
      const openIt = `open ${structured(context.view).observation.json.at}`;
      if (openHere === 'only' && stage === 'search' && shortlist.includes(openIt)) shortlist = [openIt];
      const clearable = clearWay === 'first' ? unblockingActions(memory, structured(context.view)) : [];
      // Not right after a clearing action failed: then the model chooses again among all that serves.
      const last = context.view.last;
      const clearing = last && !last.success && clearable.includes(last.action) ? [] : clearable;
      if (clearing.length > 0) shortlist = clearing;
      const all = context.view.validActions.length;
      // A fallback holds for the whole step (retries included), then the count starts again.
      if (store.fallbackStep === context.view.step) return;
      if (shortlist.length === 0 || (store.stalled ?? 0) >= stallSteps) {
        emitOnce(context, 'subgoal-shortlist', 'shortlist-fallback', `${stage}: ${shortlist.length ? `no progress for ${store.stalled} steps` : 'nothing serves it'} → all ${all} actions`);
        store.fallbackStep = context.view.step;
        if ((store.stalled ?? 0) >= stallSteps) store.stalled = 0;
        return;
      }
      context.turn.candidates = shortlist;
      if (clearing.length > 0) emitOnce(context, 'subgoal-shortlist', 'clear-way', `blocked at ${memory.blocked.join(', ')} → ${clearing.join(', ')}`);
      else emitOnce(context, 'subgoal-shortlist', 'shortlist', `${stage}: ${shortlist.length} of ${all}`);
    },
  } }),
});

/** Why `action` would undo progress, or null. */
function undoes(goal: TaskGoal, memory: TaskMemory, context: HookContext, action: string): string | null {
  const { view } = context;
  const put = /^put (.+) in\/on (.+)$/.exec(action);
  if (put && heldTarget(goal, structured(view))?.id === put[1]) {
    const receptacle = structured(view).observation.json.receptacles.find((r) => r.id === put[2]);
    if (!isDestination(goal, receptacle)) return memory.takenFrom[put[1]!] === put[2] ? `puts ${put[1]} back where it was taken from` : `drops ${put[1]} where the goal does not want it`;
  }
  const take = /^take (.+) from (.+)$/.exec(action);
  if (take && memory.delivered.includes(take[1]!)) return `takes the delivered ${take[1]} away again`;
  return null;
}

const progressGuard = definePart({
  kind: 'control', name: 'progress-guard', needs: ['hearth-structure'],
  description: 'Never undoes progress (putting a goal object anywhere but a destination, taking a delivered one away): sends the action back with feedback, then replaces it; with `takeOnSight`, takes a goal object as soon as it is seen with free hands.',
  params: z.object({ takeOnSight: z.boolean().default(true), maxRetries: z.number().int().min(0).max(5).default(1) }).strict(),
  mayChange: { 'before-action': ['action', 'retry'] },
  create: ({ takeOnSight, maxRetries }) => ({ hooks: {
    'step-start': (context) => void observe(context),
    'before-action': (context) => {
      const { turn, view, emit, store } = context;
      const goal = taskGoal(structured(view).goal.tree);
      const memory = (store as ProgressStore).memory;
      if (!goal || !memory || !turn.action) return;
      const stage = stageOf(goal, memory, structured(view));
      if (takeOnSight && stage === 'acquire' && !turn.action.startsWith('take ')) {
        const take = servingActions(goal, memory, structured(view), 'acquire').find((action) => action.startsWith('take '));
        if (take) {
          emit({ type: 'control', part: 'progress-guard', signal: 'take-on-sight', detail: `${turn.action} → ${take}` });
          turn.action = take;
          return;
        }
      }
      const why = undoes(goal, memory, context, turn.action);
      if (!why) return;
      if (mayRetry(context, maxRetries)) {
        const feedback = `"${turn.action}" ${why}, which undoes progress. Choose an action that moves the goal forward.`;
        emit({ type: 'action-reject', part: 'progress-guard', action: turn.action, reason: 'progress-undone', feedback });
        turn.retry = { reason: 'progress-undone', feedback };
        return;
      }
      const instead = servingActions(goal, memory, structured(view), stage).find((action) => !undoes(goal, memory, context, action)) ?? 'look';
      emit({ type: 'action-repair', part: 'progress-guard', from: turn.action, to: instead, why });
      turn.action = instead;
    },
  } }),
});

const thoughtAction = definePart({
  kind: 'control', name: 'thought-action',
  description: "When the model's own thought names an offered action and its final answer differs, the thought's action wins (small models often reason right and answer wrong).",
  params: z.object({}).strict(),
  mayChange: { 'after-model': ['action'] },
  create: () => ({ hooks: { 'after-model': (context) => {
    const { turn, view, emit } = context;
    const thought = turn.thought?.toLowerCase();
    if (!thought || !turn.action) return;
    const named = offeredActions(turn, view).filter((action) => thought.includes(action) || thought.includes(action.replace(' in/on ', ' in '))).sort((a, b) => b.length - a.length)[0];
    if (!named || named === turn.action) return;
    emit({ type: 'control', part: 'thought-action', signal: 'thought-action', detail: `${turn.action} → ${named}` });
    turn.action = named;
  } } }),
});

const EXPLORATION = /^(look|inventory|examine |close )/;

const budgetTriage = definePart({
  kind: 'control', name: 'budget-triage', needs: ['hearth-structure'],
  description: 'When the steps left cannot cover what remains (a rough count per stage, plus `margin`), offers no exploration (look, inventory, examine, close).',
  params: z.object({ margin: z.number().int().min(0).max(20).default(1) }).strict(),
  mayChange: { 'before-model': ['candidates'] },
  create: ({ margin }) => ({ hooks: {
    'step-start': (context) => void observe(context),
    'before-model': (context) => {
      const goal = taskGoal(structured(context.view).goal.tree);
      const memory = (context.store as ProgressStore).memory;
      if (!goal || !memory) return;
      const left = context.view.stepLimit - context.view.step;
      const needed = stepsStillNeeded(goal, memory, structured(context.view));
      if (left > needed + margin) return;
      const offered = offeredActions(context.turn, context.view);
      const kept = offered.filter((action) => !EXPLORATION.test(action));
      if (kept.length === 0 || kept.length === offered.length) return;
      context.turn.candidates = kept;
      emitOnce(context, 'budget-triage', 'triage', `${left} steps left, about ${needed} needed: ${offered.length - kept.length} exploring actions dropped`);
    },
  } }),
});

export const enforcementParts: PartDefinition[] = [subgoalShortlist, progressGuard, thoughtAction, budgetTriage];
