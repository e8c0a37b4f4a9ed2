/**
 * What the harness may see: only what the agent is given and observes. Built by the runner from
 * the environment's public reset/step answers (the protocol, `envs/protocol.ts`) — never the
 * environment itself, its hidden state or an oracle. The functions below copy the named fields one
 * by one (so nothing else an answer might carry can slip through) and freeze the view, so no part
 * can change what the others see.
 *
 * Every environment gives text (goal, observation, valid actions, feedback, score). Hearth's own
 * world can add its structure (goal tree, observation JSON, ASCII map, reason codes: the
 * `hearth-structure` capability); parts that read it declare so (`needs`) and read it through
 * `structured(view)`.
 */
import type { GoalNode, ObservationJson } from '../../sim/index.ts';
import type { Capability, HearthStructure, ResetAnswer, StepAnswer } from '../../envs/protocol.ts';
import { HarnessError } from './harness-error.ts';

/** One step taken: the action, what the environment said, and whether it did something. */
export interface ViewStep {
  action: string;
  feedback: string;
  /** Hearth's reason codes; for peers `ok`, `no-effect`, `not-valid` or `unknown`. */
  reason: string;
  /** False when the environment said the action failed; true when it succeeded or did not say. */
  success: boolean;
}

/** The read-only world as the harness sees it at one moment of an episode. */
export interface HarnessView {
  /** `tree`: only with `hearth-structure`, else null. */
  goal: { text: string; tree: GoalNode | null };
  /** `json` and `ascii`: only with `hearth-structure`, else null. */
  observation: { text: string; json: ObservationJson | null; ascii: string | null };
  validActions: string[];
  /** Feedback and reason of the last action (null at the first step). */
  last: ViewStep | null;
  /** Steps taken so far (the step being decided is `step + 1`). */
  step: number;
  stepLimit: number;
  /** Earlier steps of this episode, oldest first. */
  history: ViewStep[];
  /** Task type when the environment says (a scenario's tags, ALFWorld's task folder …), for memory keyed by task. */
  taskType: string | null;
  /** Score so far, 0–1 of the task's maximum (1 on a win where the environment has no score). */
  score: number;
  /** What this environment offers beyond text. */
  capabilities: readonly Capability[];
}

/** A view with Hearth's structure present (parts that declare `needs: ['hearth-structure']`). */
export interface StructuredView extends HarnessView {
  goal: { text: string; tree: GoalNode };
  observation: { text: string; json: ObservationJson; ascii: string };
}

/** The view as a structured one; a part that needs the structure on an environment without it is a harness error (specs are checked before any episode, so this names a part that forgot to declare `needs`). */
export function structured(view: HarnessView): StructuredView {
  if (view.goal.tree && view.observation.json && view.observation.ascii !== null) return view as StructuredView;
  throw new HarnessError("this part reads Hearth's structure (goal tree, observation JSON), which this environment does not give; declare needs: ['hearth-structure'] so specs are checked before an episode");
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

function observed(text: string, structure: HearthStructure | undefined): HarnessView['observation'] {
  return structuredClone({ text, json: structure?.observationJson ?? null, ascii: structure?.ascii ?? null });
}

/** The view before the first step. */
export function initialView(reset: ResetAnswer, capabilities: readonly Capability[]): HarnessView {
  return deepFreeze({
    goal: structuredClone({ text: reset.goal, tree: reset.structure?.goalTree ?? null }),
    observation: observed(reset.observation, reset.structure),
    validActions: [...reset.validActions],
    last: null,
    step: 0,
    stepLimit: reset.info.stepLimit,
    history: [],
    taskType: reset.info.taskType,
    score: 0,
    capabilities: [...capabilities],
  });
}

/** The view after `action` was applied with `answer`. Earlier views stay unchanged. */
export function nextView(view: HarnessView, action: string, answer: StepAnswer): HarnessView {
  const last: ViewStep = { action, feedback: answer.feedback, reason: answer.info.reason, success: answer.info.success !== false };
  return deepFreeze({
    ...view,
    observation: observed(answer.observation, answer.structure),
    validActions: [...answer.validActions],
    last,
    step: answer.info.step,
    history: [...view.history, last],
    score: answer.score,
  });
}
