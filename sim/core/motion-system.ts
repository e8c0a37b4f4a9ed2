/**
 * How the agent's body moves through the house. The symbolic core decides WHAT happens (the A*
 * path, which item is pushed where); a motion system carries it out and reports the resulting
 * cells. Bodies are never the source of truth: after every action the core writes the reported
 * cells into the plain-JSON state, and `load` rebuilds bodies from that state (reset/restore).
 *
 * - `kinematic` (in `sim/core/kinematic-motion.ts`): teleports along the path; no dependencies.
 * - `matter` (in `sim/physics/`): drives a matter-js body along the path at a fixed 1/60 s step;
 *   walls and furniture are static; movable floor items are dynamic and can be bumped.
 */
import type { Cell } from './world-spec.ts';
import type { PhysicsMode } from './env-api.ts';
import type { MotionRecording } from './motion-frames.ts';

/** What a motion system needs to know to build its bodies. Plain JSON. */
export interface MotionWorld {
  /** Same rows as `WorldSpec.map` (`#` wall, `.` floor, `+` door). */
  map: string[];
  /** Cells occupied by furniture (receptacles): static obstacles. */
  furnitureCells: Cell[];
  /** Cells of doors that are closed now: static obstacles. */
  closedDoorCells: Cell[];
  agentCell: Cell;
  movables: { id: string; type: string; cell: Cell }[];
}

export interface MotionOutcome {
  /** Where the agent ended. Equals the path's last cell unless something stopped it. */
  agentCell: Cell;
  /** Movables whose cell changed (bumped or pushed). */
  movedMovables: { id: string; cell: Cell }[];
  /** Did the agent reach the path's last cell? */
  reached: boolean;
  /** Fixed 1/60 s physics ticks simulated (0 for kinematic). */
  ticks: number;
}

export interface MotionSystem {
  readonly mode: PhysicsMode;
  /** (Re)build all bodies from plain state. Called on reset, restore, and after doors open/close. */
  load(world: MotionWorld): void;
  /**
   * Move the agent along consecutive 4-neighbour cells, starting at its current cell:
   * `path[0]` IS the agent's current cell (a path of length 1 means "stay"), the last cell is
   * the destination. The core never mutates the arrays it passes (they may be cached).
   * With `recording`, also appends the agent's frames to it (motion-frames.ts); the outcome is
   * the same with or without it.
   */
  drive(path: Cell[], recording?: MotionRecording): MotionOutcome;
  /**
   * Push a movable item from a neighbouring cell: the agent walks `approach` (same convention as
   * `drive`: `approach[0]` is the agent's cell, the last cell is next to the item — possibly a
   * door cell), then shoves the item into `target` (a free floor cell beside the item chosen by
   * the core; usually straight ahead, sideways when straight ahead is a wall or would block a
   * doorway). The core checks the reported cell of the item equals `target`. `recording` as for
   * `drive`.
   */
  push(movableId: string, approach: Cell[], target: Cell, recording?: MotionRecording): MotionOutcome;
}
