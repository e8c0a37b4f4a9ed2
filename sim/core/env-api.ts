/**
 * The Gymnasium-style contract of the simulator, the one thing `agent/` and `scenarios/` rely on.
 * Implementation: `sim/core/env.ts`. Everything crossing this boundary is plain JSON.
 */
import type { Cell, WorldSpec } from './world-spec.ts';
import type { GoalNode } from './goal-node.ts';

/** Why an action failed (or `ok`). Each code has a fixed English sentence template that says what to do. */
export type ReasonCode =
  | 'ok'
  | 'unknown-action' // the text is not an action; info.suggestions carries the closest valid actions
  | 'unknown-target' // names nothing that exists / is known
  | 'not-visible' // the object is not seen here
  | 'not-at-receptacle' // must `go to` it first
  | 'container-closed' // open it first
  | 'already-open'
  | 'already-closed'
  | 'not-openable'
  | 'not-toggleable'
  | 'hands-full' // put down what you hold first
  | 'not-holding' // take it first
  | 'not-in-receptacle' // the object is not in/on that receptacle
  | 'wrong-tool' // e.g. heat with a fridge; slice without a knife
  | 'not-sliceable'
  | 'door-closed' // go to: the way is shut by a closed door
  | 'path-blocked' // go to: a movable item blocks a doorway or corridor
  | 'unreachable' // go to: no way at all
  | 'not-movable'
  | 'nothing-to-push' // push: the item cannot move anywhere
  | 'already-there'
  | 'truncated'; // step limit reached

export interface ObservedObject {
  id: string;
  type: string;
  /** Where it is seen: a receptacle id, or `agent` when held. */
  location: string;
  states: string[];
}

export interface ObservedReceptacle {
  id: string;
  type: string;
  room: string;
  /** Only for openable receptacles. */
  open?: boolean;
  /** Only for lamps. */
  on?: boolean;
}

/** What the agent perceives now — never hidden state (contents of unopened receptacles, other rooms' objects). */
export interface ObservationJson {
  formatVersion: 1;
  room: string;
  /** Receptacle the agent is at, if any. */
  at: string | null;
  holding: string | null;
  /** Receptacles the agent knows of (the house plan is known: every receptacle, its room, its open/on state if visible). */
  receptacles: ObservedReceptacle[];
  /** Objects visible right now (at the current receptacle if open or not openable, and the held one). */
  visibleObjects: ObservedObject[];
  /** Movable floor items in the current room. */
  movables: { id: string; type: string; cell: Cell }[];
  doors: { id: string; open: boolean; rooms: [string, string] }[];
}

export interface Observation {
  /** ALFWorld-style English: where you are and what you see. */
  text: string;
  json: ObservationJson;
  /** ASCII map of the house with a legend; objects inside receptacles are not shown. */
  ascii: string;
}

/** Parsed, typed action. Canonical text forms are given next to each kind. */
export type Action =
  | { type: 'go-to'; target: string } // "go to fridge 1"
  | { type: 'take'; object: string; from: string } // "take apple 1 from countertop 1"
  | { type: 'put'; object: string; into: string } // "put apple 1 in/on fridge 1"  (also accepts "in" or "on")
  | { type: 'open'; target: string } // "open fridge 1" / "open door 1"
  | { type: 'close'; target: string } // "close fridge 1"
  | { type: 'toggle'; target: string } // "use desklamp 1" (also "toggle desklamp 1")
  | { type: 'heat'; object: string; with: string } // "heat mug 1 with microwave 1"
  | { type: 'cool'; object: string; with: string } // "cool apple 1 with fridge 1"
  | { type: 'clean'; object: string; with: string } // "clean plate 1 with sinkbasin 1"
  | { type: 'slice'; object: string; with: string } // "slice apple 1 with knife 1"
  | { type: 'examine'; target: string } // "examine mug 1" / "examine desk 1"
  | { type: 'push'; target: string } // "push chair 1"
  | { type: 'look' } // "look"
  | { type: 'inventory' }; // "inventory"

export type ActionType = Action['type'];

export interface StepInfo {
  /** Did the action succeed (its preconditions held)? A failed action changes nothing but the step count. */
  success: boolean;
  reason: ReasonCode;
  /** Steps taken so far in the episode, this one included. */
  step: number;
  /** The action as understood, in canonical text, when the input parsed. */
  action?: string;
  /** For unknown-action / unknown-target: the closest valid actions. */
  suggestions?: string[];
  /** Goal status after this step. */
  goalStatus: 'success' | 'pending';
}

export interface StepResult {
  observation: Observation;
  /** One or two sentences about what happened; for failures, what to do instead. */
  feedback: string;
  /** 1 on the step that reaches the goal, else 0. */
  reward: number;
  /** The goal is reached. */
  terminated: boolean;
  /** The step limit is reached without success. */
  truncated: boolean;
  info: StepInfo;
}

export type PhysicsMode = 'kinematic' | 'matter';

export interface ResetOptions {
  scenario: WorldSpec;
  /**
   * A whole number ≥ 0. Seed 0 starts the scenario exactly as written; a seed > 0 moves the
   * agent's start to a cell drawn from the free floor cells of its start room that it can walk to
   * from the written start (the same seed always gives the same cell; the episode stays solvable
   * with the same plan). Nothing else varies. Starts at a receptacle or on a door never move.
   * See `seeded-start.ts`. Other values throw a `ResetSeedError`.
   */
  seed: number;
  /** Default: the `stepLimit` of the scenario, else 50. */
  stepLimit?: number;
}

export interface ResetResult {
  observation: Observation;
  /** The goal in English and as its predicate tree: what the agent is told. */
  goal: { text: string; tree: GoalNode };
  info: { step: 0; stepLimit: number };
}

/** An opaque, JSON-serialisable copy of the full state (for the oracle and for tests). */
export interface EnvSnapshot {
  formatVersion: 1;
  state: unknown;
}

export interface HearthEnv {
  reset(options: ResetOptions): ResetResult;
  /** Accepts typed actions or text (parsed leniently: case, spacing, "in"/"on"/"in/on", articles). */
  step(action: Action | string): StepResult;
  /** The admissible actions in canonical text, sorted; each would pass its preconditions now (go-to may still meet a blocked path). */
  validActions(): string[];
  snapshot(): EnvSnapshot;
  restore(snapshot: EnvSnapshot): void;
  /** Hex digest of the symbolic state (agent, objects, receptacles, doors, movable cells, step). */
  stateHash(): string;
}
