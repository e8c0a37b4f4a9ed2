/**
 * What the harness may see: only what the agent is given and observes. Built by the runner from
 * the Env's public step results — never the Env itself, its hidden state or the oracle.
 */
import type { GoalNode, ObservationJson, ReasonCode } from '../../sim/index.ts';

export interface HarnessView {
  goal: { text: string; tree: GoalNode };
  observation: { text: string; json: ObservationJson; ascii: string };
  validActions: string[];
  /** Feedback and reason of the last action (null at the first step). */
  last: { action: string; feedback: string; reason: ReasonCode; success: boolean } | null;
  step: number;
  stepLimit: number;
  /** Earlier steps of this episode, oldest first. */
  history: { action: string; feedback: string; success: boolean }[];
  /** Task type from the scenario's tags (e.g. `heat-then-place`), for memory keyed by task. */
  taskType: string | null;
}
