/**
 * The agent's motion during one action, as frames a renderer can tween between — opt-in
 * (`createEnv({ onMotion })`), never part of the plain-JSON state, the step result or the hash.
 *
 * Coordinates are in cell units with a cell's centre at its integer coordinates: the kinematic
 * system's frames are exactly its cells, the matter system's are body positions once per 1/60 s
 * tick (`x / CELL - 0.5`). The first frame is where the action started, the last one exactly the
 * cells the core wrote into the state.
 */
import type { PhysicsMode } from './env-api.ts';
import type { Cell } from './world-spec.ts';

/** A position in cell units (`[3, 2]` is the centre of cell (3, 2)). */
export type MotionPoint = readonly [x: number, y: number];

export interface MotionFrame {
  agent: MotionPoint;
  /** Only the movables whose cell changed by the end of the action, where they are now. */
  movables?: Record<string, MotionPoint>;
}

/** What a motion system fills in when the caller passes one to `drive` / `push`. */
export interface MotionRecording {
  /** Simulated seconds from one frame to the next (kinematic: a walking pace per cell; matter: one tick). */
  frameSeconds: number;
  frames: MotionFrame[];
}

/** One step's motion, as `onMotion` receives it. Plain JSON. */
export interface StepMotion extends MotionRecording {
  formatVersion: 1;
  /** The step this motion belongs to (as in `StepInfo.step`). */
  step: number;
  /** The action in canonical text. */
  action: string;
  mode: PhysicsMode;
}

/** Seconds per cell the kinematic system gives its frames: about a matter body's speed (6.4 ticks a cell). */
export const KINEMATIC_FRAME_SECONDS = 0.1;

/** An empty recording for `drive` / `push` to fill. */
export function newRecording(): MotionRecording {
  return { frameSeconds: 0, frames: [] };
}

/** A frame at whole cells. */
export function cellFrame(agent: Cell, movables?: readonly { id: string; cell: Cell }[]): MotionFrame {
  const frame: MotionFrame = { agent: [agent[0], agent[1]] };
  if (movables && movables.length > 0) frame.movables = Object.fromEntries(movables.map((m) => [m.id, [m.cell[0], m.cell[1]] as const]));
  return frame;
}
