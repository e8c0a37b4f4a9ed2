/**
 * ALFWorld's six task types as data: which object types can be the target, which receptacle types
 * can be the destination, and how the goal tree reads. Goals name receptacles by type, as ALFWorld
 * does ("put a hot mug in a countertop"), so any instance of that type will do.
 */
import { OBJECT_TYPES, type GoalNode, type ObjectStateName } from '../../sim/index.ts';

export const TASK_TYPES = ['pick-and-place', 'pick-two-and-place', 'clean-then-place', 'heat-then-place', 'cool-then-place', 'look-at-in-light'] as const;
export type TaskType = (typeof TASK_TYPES)[number];

/** Receptacle types a task may deliver to (never an appliance that would do the task's own work). */
const DESTINATIONS = ['countertop', 'diningtable', 'sidetable', 'coffeetable', 'shelf', 'desk', 'dresser', 'cabinet', 'drawer', 'tvstand', 'armchair', 'sofa', 'bed', 'safe', 'garbagecan'];

/** Small things that are looked at under a lamp (no food, no dishes, no tools). */
const LOOKABLE = Object.entries(OBJECT_TYPES)
  .filter(([, info]) => !info.heatable && !info.coolable && !info.cleanable && !info.knife)
  .map(([type]) => type);

export interface TaskDefinition {
  /** Object types that may be the target. */
  targets: (type: string) => boolean;
  /** Destination receptacle types (none for look-at-in-light). */
  destinations: string[];
  /** How many target instances the house needs at least. */
  minTargets: number;
  /** State the target must reach (and must not start in). */
  state?: ObjectStateName;
  goal: (target: string, destination: string) => GoalNode;
  title: (target: string, destination: string) => string;
}

const inGoal = (target: string, destination: string, state?: ObjectStateName): GoalNode => ({
  type: 'in',
  object: state ? { type: target, states: [state] } : { type: target },
  receptacle: { type: destination },
});

export const TASKS: Readonly<Record<TaskType, TaskDefinition>> = {
  'pick-and-place': {
    targets: () => true,
    destinations: DESTINATIONS,
    minTargets: 1,
    goal: (t, d) => inGoal(t, d),
    title: (t, d) => `Put a ${t} in the ${d}`,
  },
  'pick-two-and-place': {
    targets: () => true,
    destinations: DESTINATIONS,
    minTargets: 2,
    goal: (t, d) => ({ type: 'count', object: { type: t }, receptacle: { type: d }, min: 2 }),
    title: (t, d) => `Put two ${OBJECT_TYPES[t]?.plural ?? `${t}s`} in the ${d}`,
  },
  'clean-then-place': {
    targets: (t) => Boolean(OBJECT_TYPES[t]?.cleanable),
    destinations: DESTINATIONS.filter((d) => d !== 'garbagecan'),
    minTargets: 1,
    state: 'clean',
    goal: (t, d) => inGoal(t, d, 'clean'),
    title: (t, d) => `Clean a ${t} and put it in the ${d}`,
  },
  'heat-then-place': {
    targets: (t) => Boolean(OBJECT_TYPES[t]?.heatable),
    destinations: DESTINATIONS.filter((d) => d !== 'garbagecan'),
    minTargets: 1,
    state: 'hot',
    goal: (t, d) => inGoal(t, d, 'hot'),
    title: (t, d) => `Heat a ${t} and put it in the ${d}`,
  },
  'cool-then-place': {
    targets: (t) => Boolean(OBJECT_TYPES[t]?.coolable),
    destinations: DESTINATIONS.filter((d) => d !== 'garbagecan'),
    minTargets: 1,
    state: 'cold',
    goal: (t, d) => inGoal(t, d, 'cold'),
    title: (t, d) => `Cool a ${t} and put it in the ${d}`,
  },
  'look-at-in-light': {
    targets: (t) => LOOKABLE.includes(t),
    destinations: [],
    minTargets: 1,
    goal: (t) => ({ type: 'examined-under-light', object: { type: t } }),
    title: (t) => `Look at a ${t} under a lamp`,
  },
};
