/**
 * The shape of one action kind: canonical text, preconditions (first failure or null), effects,
 * and the candidates that pass the preconditions now (for `validActions`). One handler per file;
 * the table in `action-table.ts` dispatches on `Action['type']`.
 */
import type { CompiledWorld } from '../compiled-world.ts';
import type { Action, ActionType, ReasonCode } from '../env-api.ts';
import type { MotionSystem } from '../motion-system.ts';
import type { MotionRecording } from '../motion-frames.ts';
import type { Navigator } from '../navigation.ts';
import type { WorldState } from '../world-state.ts';

/** Everything a handler may read. Handlers never mutate `state`; they return a new one. */
export interface ActionContext {
  world: CompiledWorld;
  state: WorldState;
  nav: Navigator;
  motion: MotionSystem;
  /** Only when the env's caller asked for motion frames: pass it on to `drive` / `push`. */
  recording?: MotionRecording;
}

/** A precondition that does not hold: code plus a sentence saying what to do instead. */
export interface ActionFailure {
  ok: false;
  reason: Exclude<ReasonCode, 'ok'>;
  message: string;
  /**
   * Only when a physical motion ran and ended short (physics mode): the state the body left
   * behind. Symbolic failures never carry a state — they change nothing.
   */
  state?: WorldState;
}

export interface ActionSuccess {
  ok: true;
  state: WorldState;
  message: string;
  /** Doors changed outside the motion system: rebuild its bodies. */
  reloadMotion?: boolean;
}

export type ActionResult = ActionSuccess | ActionFailure;

export type ActionOf<T extends ActionType> = Extract<Action, { type: T }>;

export interface ActionHandler<T extends ActionType> {
  type: T;
  /** Canonical text, e.g. `take apple 1 from countertop 1`. */
  format(action: ActionOf<T>): string;
  /** The first precondition that fails, or null when the action may run. */
  check(action: ActionOf<T>, ctx: ActionContext): ActionFailure | null;
  /** The effects; called only after `check` returned null. */
  apply(action: ActionOf<T>, ctx: ActionContext): ActionResult;
  /** Every action of this kind whose preconditions hold now. */
  candidates(ctx: ActionContext): readonly ActionOf<T>[];
}

/** Builds a failure. */
export function fail(reason: ActionFailure['reason'], message: string): ActionFailure {
  return { ok: false, reason, message };
}

/** The shared empty candidate list (saves an allocation per handler per step). Never mutated. */
export const NO_ACTIONS: never[] = Object.freeze([]) as never[];
