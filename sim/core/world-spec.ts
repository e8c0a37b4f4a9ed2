/**
 * The compiled, explicit description of a house and a task: what `Env.reset` consumes.
 *
 * Authors never write this directly — `scenarios/` compiles its friendlier format (ASCII map +
 * legend) into a WorldSpec. Everything here is plain JSON. Coordinates are grid cells `[x, y]`,
 * x to the right, y downwards, `[0, 0]` top-left.
 */
import type { GoalNode } from './goal-node.ts';

export const WORLD_SPEC_FORMAT_VERSION = 1 as const;

/** A grid cell `[x, y]`. */
export type Cell = readonly [x: number, y: number];

/** The states an object can be in. `dirty` and `clean` exclude each other, as do `hot` and `cold`. */
export type ObjectStateName = 'hot' | 'cold' | 'clean' | 'dirty' | 'sliced';
export const OBJECT_STATE_NAMES: readonly ObjectStateName[] = ['hot', 'cold', 'clean', 'dirty', 'sliced'];

export interface RoomSpec {
  /** Stable id, lower-case, e.g. `kitchen`. */
  id: string;
  /** English name used in text, e.g. `kitchen`, `living room`. */
  name: string;
  /** The floor cells of the room (not walls, not door cells). */
  cells: Cell[];
}

export interface DoorSpec {
  /** `door 1`, `door 2` … */
  id: string;
  cell: Cell;
  open: boolean;
  /** The two rooms the door joins, by room id. */
  rooms: [string, string];
}

export interface ReceptacleSpec {
  /** Type then instance number: `fridge 1`, `countertop 2`. Unique in the world. */
  id: string;
  /** A receptacle type from the catalog (`sim/core/catalog.ts`), e.g. `fridge`, `desklamp`. */
  type: string;
  /** The cell the furniture occupies; the agent stands on a free neighbouring cell to use it. */
  cell: Cell;
  /** Only for openable types; defaults to the catalog's default (closed). */
  open?: boolean;
  /** Only for toggleable types (lamps); defaults to off. */
  on?: boolean;
}

export interface ObjectSpec {
  /** Type then instance number: `apple 1`, `apple 2`. Unique in the world. */
  id: string;
  /** An object type from the catalog, e.g. `apple`, `mug`. */
  type: string;
  /** Receptacle id holding the object. (An object held by the agent is named in `agent.holding`.) */
  in: string | null;
  /** Initial states; absent means false. */
  states?: Partial<Record<ObjectStateName, boolean>>;
}

/** Floor items that the physics engine moves (dynamic bodies): chair, box, laundry basket. */
export interface MovableSpec {
  /** `chair 1`, `box 1`, `laundrybasket 1`. */
  id: string;
  type: string;
  cell: Cell;
}

export interface AgentSpec {
  cell: Cell;
  /** Receptacle the agent starts at, if any. */
  at?: string | null;
  /** Object the agent starts holding, if any. */
  holding?: string | null;
}

export interface WorldSpec {
  formatVersion: typeof WORLD_SPEC_FORMAT_VERSION;
  /** e.g. `household/heat-mug-kitchen-v1`. */
  id: string;
  title: string;
  /**
   * The structure of the house, rows top to bottom, all the same length:
   * `#` wall, `.` floor, `+` door cell. Furniture and movables stand on `.` cells.
   */
  map: string[];
  rooms: RoomSpec[];
  doors: DoorSpec[];
  receptacles: ReceptacleSpec[];
  objects: ObjectSpec[];
  movables: MovableSpec[];
  agent: AgentSpec;
  goal: GoalNode;
  /** English goal text; generated from `goal` when absent. */
  goalText?: string;
  /** Maximum steps before truncation (default 50). */
  stepLimit?: number;
  /** Free tags: task type (`heat-then-place`), difficulty, hazards (`hazard:blocked-door`). */
  tags?: string[];
}
