/**
 * Where an episode stands, from what the agent has observed: the goal's object, states and
 * destination (from the goal tree), what has been searched, what was delivered, where things
 * were taken from — and, per stage, the valid actions that serve it. The enforcement parts
 * (`subgoal-shortlist`, `progress-guard`, `budget-triage`) share this one reading of progress.
 * Only the view is read (observation, valid actions, history) and the public type catalogue.
 */
import { RECEPTACLE_TYPES, selectorType, type GoalNode, type ObservedObject } from '../../../sim/index.ts';
import type { StructuredView as HarnessView } from '../harness-view.ts';
import { mainLeaf } from './goal-phases.ts';

/** What the goal asks for, reduced to one object kind. */
export interface TaskGoal {
  objectType: string;
  objectId: string | null;
  states: string[];
  /** Destination type or id (null for look-at-in-light). */
  destinationType: string | null;
  destinationId: string | null;
  /** How many objects must reach the destination (2 for pick-two). */
  count: number;
  light: boolean;
}

/** What the agent remembers across steps (kept in a part's store; plain JSON). */
export interface TaskMemory {
  searched: string[];
  /** Goal objects seen at a destination (delivered, or there from the start). */
  delivered: string[];
  /** Object id → receptacle it was last taken from. */
  takenFrom: Record<string, string>;
  /** Goal objects seen but not taken: object id → where. */
  seen: Record<string, string>;
  /** Receptacles a `go to` could not reach (a closed door, an item in the way) since the last unblocking. */
  blocked: string[];
}

export type Stage = 'search' | 'acquire' | 'transform' | 'deliver' | 'light' | 'free-hands';

const DEVICE_CAPABILITY: Record<string, 'heats' | 'cools' | 'cleans'> = { hot: 'heats', cold: 'cools', clean: 'cleans' };
const TRANSFORM_VERB: Record<string, string> = { hot: 'heat', cold: 'cool', clean: 'clean', sliced: 'slice' };

/** The goal as one object kind, or null when the tree is not about an object. */
export function taskGoal(tree: GoalNode): TaskGoal | null {
  const leaf = mainLeaf(tree);
  if (!leaf) return null;
  const selector = leaf.object;
  const receptacle = 'receptacle' in leaf ? leaf.receptacle : null;
  return {
    objectType: selectorType(selector),
    objectId: 'id' in selector ? selector.id : null,
    states: 'states' in selector ? [...(selector.states ?? [])] : [],
    destinationType: receptacle ? selectorType(receptacle) : null,
    destinationId: receptacle && 'id' in receptacle ? receptacle.id : null,
    count: leaf.type === 'count' ? leaf.min : 1,
    light: leaf.type === 'examined-under-light',
  };
}

export const emptyMemory = (): TaskMemory => ({ searched: [], delivered: [], takenFrom: {}, seen: {}, blocked: [] });

const matchesGoal = (goal: TaskGoal, object: { id: string; type: string }): boolean => (goal.objectId ? object.id === goal.objectId : object.type === goal.objectType);

/** Is this receptacle (id, type) a place the goal delivers to? */
export function isDestination(goal: TaskGoal, receptacle: { id: string; type: string } | undefined): boolean {
  if (!receptacle || !goal.destinationType) return false;
  return goal.destinationId ? receptacle.id === goal.destinationId : receptacle.type === goal.destinationType;
}

const receptacleOf = (view: HarnessView, id: string | null) => view.observation.json.receptacles.find((r) => r.id === id);

/** A goal object the agent could still use: matches the goal and is not already delivered. */
export function isUsefulTarget(goal: TaskGoal, memory: TaskMemory, object: ObservedObject): boolean {
  return matchesGoal(goal, object) && !memory.delivered.includes(object.id);
}

/** The memory after the step just observed (call at `after-action`). */
export function remember(goal: TaskGoal, memory: TaskMemory, view: HarnessView): TaskMemory {
  const { json } = view.observation;
  const here = receptacleOf(view, json.at);
  const searched = new Set(memory.searched);
  // A closed receptacle was looked at, not searched.
  if (here && here.open !== false) searched.add(here.id);
  const delivered = new Set(memory.delivered);
  for (const object of json.visibleObjects) {
    if (matchesGoal(goal, object) && object.location !== 'agent' && isDestination(goal, receptacleOf(view, object.location)) && goal.states.every((s) => object.states.includes(s))) delivered.add(object.id);
  }
  const takenFrom = { ...memory.takenFrom };
  const taken = view.last?.success ? /^take (.+) from (.+)$/.exec(view.last.action) : null;
  if (taken) takenFrom[taken[1]!] = taken[2]!;
  const seen = { ...memory.seen };
  // What is visible here is all there is here: forget goal objects remembered here that are gone.
  if (here && here.open !== false) for (const [id, where] of Object.entries(seen)) if (where === here.id && !json.visibleObjects.some((o) => o.id === id)) delete seen[id];
  for (const object of json.visibleObjects) {
    if (object.location === 'agent' || delivered.has(object.id)) delete seen[object.id];
    else if (matchesGoal(goal, object)) seen[object.id] = object.location;
  }
  return { searched: [...searched].sort(), delivered: [...delivered].sort(), takenFrom, seen, blocked: blockedAfter(memory.blocked, view) };
}

const BLOCKED_REASONS = ['door-closed', 'path-blocked', 'unreachable'];

/** A failed `go to` adds its target; a successful push or door opening clears the list (the way may be free now). */
function blockedAfter(blocked: readonly string[], view: HarnessView): string[] {
  const last = view.last;
  if (!last) return [...blocked];
  if (last.success && (last.action.startsWith('push ') || /^open door \d+$/.test(last.action))) return [];
  if (!last.success && BLOCKED_REASONS.includes(last.reason) && last.action.startsWith('go to ')) return [...new Set([...blocked, last.action.slice('go to '.length)])].sort();
  return [...blocked];
}

/** The held object, if it is a goal object. */
export function heldTarget(goal: TaskGoal, view: HarnessView): ObservedObject | undefined {
  return view.observation.json.visibleObjects.find((o) => o.location === 'agent' && matchesGoal(goal, o));
}

/** The stage the episode is in. */
export function stageOf(goal: TaskGoal, memory: TaskMemory, view: HarnessView): Stage {
  const { json } = view.observation;
  if (json.holding) {
    const held = heldTarget(goal, view);
    if (!held) return 'free-hands';
    if (goal.states.some((state) => !held.states.includes(state))) return 'transform';
    return goal.light ? 'light' : 'deliver';
  }
  const visible = json.visibleObjects.some((o) => o.location !== 'agent' && isUsefulTarget(goal, memory, o));
  return visible ? 'acquire' : 'search';
}

/** What counts as progress, as one comparable string: the stage, what was delivered, how much was searched, which goal objects were seen. Equal keys on consecutive steps: a stall. */
export function progressKey(goal: TaskGoal, memory: TaskMemory, view: HarnessView): string {
  return JSON.stringify([stageOf(goal, memory, view), memory.delivered, memory.searched.length, Object.keys(memory.seen)]);
}

const goTo = (id: string) => `go to ${id}`;

type StageActions = (goal: TaskGoal, memory: TaskMemory, view: HarnessView) => string[];

const valid = (view: HarnessView, actions: string[]): string[] => actions.filter((action) => view.validActions.includes(action));

/** Per stage, the valid actions that serve it (a handler table, one row per stage). */
const STAGE_ACTIONS: Record<Stage, StageActions> = {
  search: (_goal, memory, view) => {
    const goToWhere = reachable(memory, view);
    // A goal object seen earlier beats searching anew.
    const remembered = goToWhere(view, (r) => Object.values(memory.seen).includes(r.id));
    if (remembered.length) return remembered;
    const here = receptacleOf(view, view.observation.json.at);
    const openHere = here && here.open === false ? [`open ${here.id}`] : [];
    const unsearched = goToWhere(view, (r) => RECEPTACLE_TYPES[r.type]?.holds !== false && !memory.searched.includes(r.id));
    return [...valid(view, openHere), ...unsearched];
  },
  acquire: (goal, memory, view) =>
    view.observation.json.visibleObjects.filter((o) => o.location !== 'agent' && isUsefulTarget(goal, memory, o)).map((o) => `take ${o.id} from ${o.location}`).filter((a) => view.validActions.includes(a)),
  transform: (goal, memory, view) => {
    const goToWhere = reachable(memory, view);
    const held = heldTarget(goal, view)!;
    const state = goal.states.find((s) => !held.states.includes(s))!;
    const verb = TRANSFORM_VERB[state] ?? state;
    const doIt = view.validActions.filter((action) => action.startsWith(`${verb} ${held.id} with `));
    if (doIt.length) return doIt;
    const capability = DEVICE_CAPABILITY[state];
    return capability ? goToWhere(view, (r) => RECEPTACLE_TYPES[r.type]?.[capability] === true) : [];
  },
  deliver: (goal, memory, view) => {
    const goToWhere = reachable(memory, view);
    const { json } = view.observation;
    const here = receptacleOf(view, json.at);
    if (isDestination(goal, here)) return valid(view, here!.open === false ? [`open ${here!.id}`] : [`put ${json.holding} in/on ${here!.id}`]);
    return goToWhere(view, (r) => isDestination(goal, r));
  },
  light: (_goal, memory, view) => {
    const goToWhere = reachable(memory, view);
    const { json } = view.observation;
    const lamps = json.receptacles.filter((r) => RECEPTACLE_TYPES[r.type]?.light);
    if (lamps.some((lamp) => lamp.on && lamp.room === json.room)) return valid(view, [`examine ${json.holding}`]);
    const here = lamps.find((lamp) => lamp.id === json.at);
    if (here) return valid(view, [`use ${here.id}`]);
    return goToWhere(view, (r) => Boolean(RECEPTACLE_TYPES[r.type]?.light));
  },
  'free-hands': (_goal, _memory, view) => view.validActions.filter((action) => action.startsWith(`put ${view.observation.json.holding} `)),
};

type GoToWhere = (view: HarnessView, keep: (receptacle: { id: string; type: string }) => boolean) => string[];

/** `go to` actions, valid now, for the receptacles `keep` selects — those known to be blocked last, if at all. */
function reachable(memory: TaskMemory, view: HarnessView): GoToWhere {
  return (_view, keep) => {
    const all = view.observation.json.receptacles.filter((r) => keep(r) && r.id !== view.observation.json.at).map((r) => r.id);
    const open = all.filter((id) => !memory.blocked.includes(id));
    return (open.length ? open : all).map(goTo).filter((action) => view.validActions.includes(action));
  };
}

/** What unblocks a way: open a door, push an item aside — offered once a move was blocked. */
export function unblockingActions(memory: TaskMemory, view: HarnessView): string[] {
  return memory.blocked.length ? view.validActions.filter((action) => action.startsWith('push ') || /^open door \d+$/.test(action)) : [];
}

/** The valid actions that serve the current stage (possibly empty). */
export function servingActions(goal: TaskGoal, memory: TaskMemory, view: HarnessView, stage = stageOf(goal, memory, view)): string[] {
  return [...new Set([...unblockingActions(memory, view), ...STAGE_ACTIONS[stage](goal, memory, view)])];
}

/** A rough count of the steps still needed (two per remaining stage: go there, act), for budget triage. */
export function stepsStillNeeded(goal: TaskGoal, memory: TaskMemory, view: HarnessView): number {
  const stage = stageOf(goal, memory, view);
  const held = heldTarget(goal, view);
  const transforms = goal.states.filter((s) => !held?.states.includes(s)).length;
  const perObject = { search: 3, acquire: 1, 'free-hands': 2, transform: 0, deliver: 0, light: 0 }[stage] + 2 * transforms + 2;
  const left = Math.max(1, goal.count - memory.delivered.length);
  return perObject + (left - 1) * (3 + 2 * goal.states.length + 2);
}
