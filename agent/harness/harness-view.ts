/**
 * What the harness may see: only what the agent is given and observes. Built by the runner from
 * the Env's public reset/step results and `validActions()` — never the Env itself, its hidden
 * state or the oracle. The functions below copy the named fields one by one (so nothing else a
 * result might carry can slip through) and freeze the view, so no part can change what the
 * others see.
 */
import type { GoalNode, ObservationJson, ReasonCode, ResetResult, StepResult, Observation } from '../../sim/index.ts';

/** The read-only world as the harness sees it at one moment of an episode. */
export interface HarnessView {
  goal: { text: string; tree: GoalNode };
  observation: { text: string; json: ObservationJson; ascii: string };
  validActions: string[];
  /** Feedback and reason of the last action (null at the first step). */
  last: { action: string; feedback: string; reason: ReasonCode; success: boolean } | null;
  /** Steps taken so far (the step being decided is `step + 1`). */
  step: number;
  stepLimit: number;
  /** Earlier steps of this episode, oldest first. */
  history: { action: string; feedback: string; reason: ReasonCode; success: boolean }[];
  /** Task type from the scenario's tags (e.g. `heat-then-place`), for memory keyed by task. */
  taskType: string | null;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** Plain copies of the three observation views (the Env may compute them lazily). */
function observed(observation: Observation): HarnessView['observation'] {
  return structuredClone({ text: observation.text, json: observation.json, ascii: observation.ascii });
}

/** The view before the first step. */
export function initialView(reset: ResetResult, validActions: readonly string[], taskType: string | null): HarnessView {
  return deepFreeze({
    goal: structuredClone({ text: reset.goal.text, tree: reset.goal.tree }),
    observation: observed(reset.observation),
    validActions: [...validActions],
    last: null,
    step: 0,
    stepLimit: reset.info.stepLimit,
    history: [],
    taskType,
  });
}

/** The view after `action` was applied with `result`. Earlier views stay unchanged. */
export function nextView(view: HarnessView, action: string, result: StepResult, validActions: readonly string[]): HarnessView {
  const last = { action, feedback: result.feedback, reason: result.info.reason, success: result.info.success };
  return deepFreeze({
    ...view,
    observation: observed(result.observation),
    validActions: [...validActions],
    last,
    step: result.info.step,
    history: [...view.history, last],
  });
}
