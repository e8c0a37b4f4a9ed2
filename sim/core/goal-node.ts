/**
 * Goals are small predicate trees (BabyAI-style). Each node kind lives in its own handler under
 * `sim/core/goals/`, which can describe the node in English and evaluate it against a state.
 *
 * Object selectors are existential: `{type: 'mug', states: ['hot']}` means "some mug that is hot".
 * Inside one leaf, all conditions apply to the SAME object — "a hot mug in the countertop" is
 * `{type:'in', object:{type:'mug', states:['hot']}, receptacle:{type:'countertop'}}`.
 */
import type { ObjectStateName } from './world-spec.ts';

/** Picks objects: one instance by id, or any instance of a type having all the listed states. */
export type ObjectSelector =
  | { id: string; states?: ObjectStateName[] }
  | { type: string; states?: ObjectStateName[] };

/** Picks receptacles: one instance by id, or any instance of a type. */
export type ReceptacleSelector = { id: string } | { type: string };

export type GoalNode =
  | { type: 'all-of'; goals: GoalNode[] }
  | { type: 'any-of'; goals: GoalNode[] }
  | { type: 'not'; goal: GoalNode }
  /** Some selected object is in/on some selected receptacle. */
  | { type: 'in'; object: ObjectSelector; receptacle: ReceptacleSelector }
  /** The agent holds a selected object. */
  | { type: 'holding'; object: ObjectSelector }
  /** Some selected object has all of its selector's states (e.g. `{type:'apple', states:['sliced']}`). */
  | { type: 'has-state'; object: ObjectSelector }
  /** At least `min` distinct selected objects are in ONE selected receptacle instance. */
  | { type: 'count'; object: ObjectSelector; receptacle: ReceptacleSelector; min: number }
  /** Some selected lamp is switched on. */
  | { type: 'light-on'; receptacle: ReceptacleSelector }
  /** The agent examined a selected object while holding it in a room lit by a lamp that was on. */
  | { type: 'examined-under-light'; object: ObjectSelector };

export type GoalNodeType = GoalNode['type'];

/** Result of evaluating a goal against a state. */
export type GoalStatus = 'success' | 'pending';
