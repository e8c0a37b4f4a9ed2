/**
 * Control: mid-task rewriting. Watches the episode for trouble — no progress for K steps (the
 * shared progress reading of `task-progress.ts`), N failed actions in a row, a loop (the
 * `loop-detection` notion) — and when a trigger fires, reads which failure the episode shows right
 * now (the digest's own detectors over the steps so far, `digestSoFar`) and asks the runner to play
 * the rest of the episode with the remedy its params name for that category (`HookContext.rewrite`).
 * Each rewrite is a `harness-rewrite` event. Reads only the view (and the first observation it kept).
 */
import { z } from 'zod';
import { definePart, type HookContext, type PartDefinition } from '../define-part.ts';
import type { HarnessView } from '../harness-view.ts';
import { digestSoFar, FAILURE_CATEGORIES } from '../../evolve/digest.ts';
import { harnessEditSchema } from '../harness-edits.ts';
import { continuesLoop } from './control-parts.ts';
import { emptyMemory, progressKey, remember, taskGoal, type TaskMemory } from './task-progress.ts';
import { structured } from '../harness-view.ts';

export const MID_TASK_REWRITE = 'mid-task-rewrite';

/** Edits to apply when the episode shows `category` (`other`: anything no other remedy answers); `lever`: the catalogue lever they came from. */
export const remedySchema = z.object({ category: z.enum(FAILURE_CATEGORIES), edits: z.array(harnessEditSchema).min(1), lever: z.string().nullable().default(null) }).strict();
export type Remedy = z.infer<typeof remedySchema>;

/** When to look for a remedy; null turns a trigger off. */
const triggersSchema = z.object({
  /** Steps in a row without progress (stage, deliveries, searches, goal objects seen unchanged). */
  noProgress: z.number().int().min(2).nullable().default(6),
  /** Failed actions in a row. */
  failedActions: z.number().int().min(1).nullable().default(3),
  /** An action (or an A-B pair) repeated more than this many times. */
  loop: z.number().int().min(1).nullable().default(2),
}).strict();

export const midTaskRewriteParams = z.object({
  remedies: z.array(remedySchema).default([]),
  triggers: triggersSchema.prefault({}),
  maxRewrites: z.number().int().min(1).max(10).default(1),
}).strict();
export type MidTaskRewriteParams = z.infer<typeof midTaskRewriteParams>;
type Triggers = MidTaskRewriteParams['triggers'];

interface RewriteStore {
  firstObservation?: string;
  memory?: TaskMemory;
  progress?: string;
  stalled?: number;
  /** History length when a trigger last fired: triggers look only at the steps after it. */
  since?: number;
  rewrites?: number;
  /** Indexes of the remedies applied (each at most once). */
  applied?: number[];
}

/** A trigger that fired: its name and what it saw. */
interface Fired {
  trigger: 'loop' | 'failed-actions' | 'no-progress';
  detail: string;
}

/** Counts steps without progress (call once per step, after the action). */
function trackProgress(view: HarnessView, store: RewriteStore): void {
  const goal = taskGoal(structured(view).goal.tree);
  if (!goal) return;
  store.memory = remember(goal, store.memory ?? emptyMemory(), structured(view));
  const key = progressKey(goal, store.memory, structured(view));
  store.stalled = store.progress === key ? (store.stalled ?? 0) + 1 : 0;
  store.progress = key;
}

/** The first trigger that fires on the steps since the last one fired, or null. */
function firedTrigger(triggers: Triggers, view: HarnessView, store: RewriteStore): Fired | null {
  const recent = view.history.slice(store.since ?? 0);
  const actions = recent.map((h) => h.action);
  const last = actions.at(-1);
  if (triggers.loop !== null && last !== undefined && continuesLoop(actions.slice(0, -1), last, triggers.loop)) return { trigger: 'loop', detail: `"${last}" repeats a loop ${triggers.loop + 1}×` };
  const failures = recent.length - 1 - recent.findLastIndex((h) => h.success);
  if (triggers.failedActions !== null && failures >= triggers.failedActions) return { trigger: 'failed-actions', detail: `${failures} failed actions in a row (last: ${last} → ${recent.at(-1)!.reason})` };
  if (triggers.noProgress !== null && (store.stalled ?? 0) >= triggers.noProgress) return { trigger: 'no-progress', detail: `no progress for ${store.stalled} steps` };
  return null;
}

/**
 * Classifies the episode so far and applies the first remedy that answers it and fits the harness;
 * a remedy for `other` answers whatever no other remedy does.
 */
function rewriteFor(fired: Fired, { remedies }: MidTaskRewriteParams, context: HookContext): void {
  const { view, emit } = context;
  const store = context.store as RewriteStore;
  const shown = digestSoFar({ goal: view.goal, firstObservation: store.firstObservation ?? view.observation.text, history: view.history }).map((finding) => finding.category);
  const applied = store.applied ?? [];
  for (const category of new Set([...shown, 'other' as const])) {
    for (const [index, remedy] of remedies.entries()) {
      if (remedy.category !== category || applied.includes(index)) continue;
      const answer = context.rewrite(remedy.edits);
      if (!answer.accepted) {
        emit({ type: 'control', part: MID_TASK_REWRITE, signal: 'rewrite-refused', detail: `${fired.trigger} → ${category}: ${answer.reason}` });
        continue;
      }
      Object.assign(store, { rewrites: (store.rewrites ?? 0) + 1, applied: [...applied, index] });
      // The event names the failure shown (the headline one when the catch-all remedy answered it).
      emit({ type: 'harness-rewrite', part: MID_TASK_REWRITE, trigger: fired.trigger, detail: fired.detail, category: category === 'other' ? shown[0]! : category, lever: remedy.lever, edits: remedy.edits, harnessId: answer.harnessId });
      return;
    }
  }
  emit({ type: 'control', part: MID_TASK_REWRITE, signal: 'no-remedy', detail: `${fired.trigger} (${fired.detail}); the episode shows ${shown.join(', ')}, no remedy left for these` });
}

const midTaskRewrite = definePart({
  kind: 'control', name: MID_TASK_REWRITE, needs: ['hearth-structure'],
  description: 'When the episode stalls, fails actions in a row or loops, classifies the failure it shows so far (the digest detectors) and rewrites the harness for the rest of the episode with the remedy named for that category.',
  params: midTaskRewriteParams,
  mayChange: {},
  create: (params) => ({ hooks: {
    'episode-start': ({ view, store }) => {
      (store as RewriteStore).firstObservation = view.observation.text;
    },
    'after-action': (context) => {
      const store = context.store as RewriteStore;
      trackProgress(context.view, store);
      if ((store.rewrites ?? 0) >= params.maxRewrites) return;
      const fired = firedTrigger(params.triggers, context.view, store);
      if (!fired) return;
      Object.assign(store, { since: context.view.history.length, stalled: 0 });
      rewriteFor(fired, params, context);
    },
  } }),
});

export const midTaskParts: PartDefinition[] = [midTaskRewrite];
