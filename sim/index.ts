/**
 * The simulator's public entry: what `scenarios/`, `agent/`, the CLI and the browser use.
 * Everything else under `sim/` is internal.
 */
import { createEnv } from './core/env.ts';
import type { CreateEnvOptions, HearthEnvExtended } from './core/env.ts';
import type { PhysicsMode } from './core/env-api.ts';
import { createMatterMotion } from './physics/matter-motion.ts';

// Contracts
export type * from './core/world-spec.ts';
export { WORLD_SPEC_FORMAT_VERSION, OBJECT_STATE_NAMES } from './core/world-spec.ts';
export type * from './core/goal-node.ts';
export type * from './core/env-api.ts';
export type * from './core/motion-system.ts';
export type * from './core/motion-frames.ts';

// Environment
export { createEnv, DEFAULT_STEP_LIMIT } from './core/env.ts';
export type { CreateEnvOptions, HearthEnvExtended } from './core/env.ts';
export { EnvNotResetError, SnapshotError } from './core/env-errors.ts';
export { ResetSeedError, startCandidates } from './core/seeded-start.ts';
export { createKinematicMotion } from './core/kinematic-motion.ts';
export { compileWorld, WorldSpecError, CELL_FLOOR, CELL_WALL, CELL_FURNITURE, CELL_DOOR } from './core/compiled-world.ts';
export type { CompiledWorld, CompiledReceptacle, CompiledDoor } from './core/compiled-world.ts';
export type { WorldState, AgentState, ObjectState, ReceptacleState } from './core/world-state.ts';
export { initialState, visibleObjects, HELD } from './core/world-state.ts';
export { movablesSeenFrom } from './core/visible-movables.ts';

// Catalog
export {
  RECEPTACLE_TYPES,
  OBJECT_TYPES,
  MOVABLE_TYPES,
  TYPE_ALIASES,
  UnknownTypeError,
  isKnownType,
  receptacleType,
  objectType,
  movableType,
  pluralOf,
  typeOfId,
  STATE_TRANSFORMS,
  EXCLUSIVE_STATES,
  transformGiving,
  transformRemoving,
} from './core/catalog.ts';
export type { ReceptacleTypeInfo, ObjectTypeInfo, MovableTypeInfo, StateTransform, TransformedState } from './core/catalog.ts';

// Goals
export { describeGoal, evaluateGoal, GOAL_HANDLERS, UnknownGoalTypeError } from './core/goals/goal-registry.ts';
export { goalLeaves } from './core/goals/goal-leaves.ts';
export { selectorType } from './core/goals/selectors.ts';
export { taskTypeOf } from './core/task-type.ts';
export type { GoalLeaf, GoalLeafAt } from './core/goals/goal-leaves.ts';

// Actions, text, randomness, hashing
export { parseAction, normalizeActionText } from './core/parse-action.ts';
export type { ParseContext, ParseResult } from './core/parse-action.ts';
export { formatAction } from './core/valid-actions.ts';
export { closestActions } from './core/suggest-actions.ts';
export { createRng } from './core/rng.ts';
export type { Rng } from './core/rng.ts';
export { hashJson, stableStringify } from './core/state-hash.ts';

// Worlds for tests and demos
export { twoRoomHouse, blockedDoorHouse } from './core/test-worlds.ts';

/**
 * An env whose motion is kinematic (teleport, no physics) or matter-js (bodies at 1/60 s steps);
 * `options` as for `createEnv` (e.g. `onMotion` for a renderer's walking animation).
 */
export function createEnvWithPhysics(mode: PhysicsMode, options: Omit<CreateEnvOptions, 'motion'> = {}): HearthEnvExtended {
  return createEnv({ ...options, motion: mode === 'matter' ? createMatterMotion() : undefined });
}
