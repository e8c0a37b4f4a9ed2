/**
 * What the progress-reading control parts (`enforcement-parts.ts`, `search-order.ts`) keep in their
 * stores: the task memory brought up to the current view, and the step of their last control event.
 */
import type { HookContext } from '../define-part.ts';
import { emptyMemory, remember, taskGoal, type TaskGoal, type TaskMemory } from './task-progress.ts';
import { structured } from '../harness-view.ts';

export interface ProgressStore {
  memory?: TaskMemory;
  emittedStep?: number;
}

/** The goal and the memory brought up to the current view (idempotent within a step). */
export function observe(context: HookContext): { goal: TaskGoal; memory: TaskMemory } | null {
  const goal = taskGoal(structured(context.view).goal.tree);
  if (!goal) return null;
  const store = context.store as ProgressStore;
  store.memory = remember(goal, store.memory ?? emptyMemory(), structured(context.view));
  return { goal, memory: store.memory };
}

/** Emits a control event at most once per step. */
export function emitOnce(context: HookContext, part: string, signal: string, detail: string): void {
  const store = context.store as ProgressStore;
  if (store.emittedStep === context.view.step) return;
  store.emittedStep = context.view.step;
  context.emit({ type: 'control', part, signal, detail });
}
