/**
 * The dynamic state of an episode: plain JSON, treated as immutable (every action returns a new
 * state sharing unchanged parts), so an observation can keep a reference to the state of its step
 * and render lazily. The static house lives in CompiledWorld.
 */
import { WorldSpecError } from './compiled-world.ts';
import type { CompiledWorld } from './compiled-world.ts';
import { OBJECT_STATE_NAMES } from './world-spec.ts';
import type { ObjectStateName } from './world-spec.ts';

export const WORLD_STATE_FORMAT_VERSION = 1 as const;

/** Where the agent is and what it holds. */
export interface AgentState {
  cell: [number, number];
  /** Room id; on a door cell, the room the agent came from. */
  room: string;
  /** Receptacle the agent stands at (after `go to`), else null. */
  at: string | null;
  holding: string | null;
}

export interface ObjectState {
  /** Receptacle id, or `agent` when held. */
  location: string;
  /** States that are true, in OBJECT_STATE_NAMES order. */
  states: ObjectStateName[];
}

export interface ReceptacleState {
  open?: boolean;
  on?: boolean;
}

export interface WorldState {
  formatVersion: typeof WORLD_STATE_FORMAT_VERSION;
  step: number;
  agent: AgentState;
  objects: Record<string, ObjectState>;
  receptacles: Record<string, ReceptacleState>;
  /** Door id → open. */
  doors: Record<string, boolean>;
  /** Movable id → cell. */
  movables: Record<string, [number, number]>;
  /** Object ids examined under a lit lamp, sorted. */
  examinedUnderLight: string[];
}

/** The location value of a held object. */
export const HELD = 'agent';

function initialStates(states: Partial<Record<ObjectStateName, boolean>> | undefined): ObjectStateName[] {
  return OBJECT_STATE_NAMES.filter((name) => states?.[name] === true);
}

function agentRoom(world: CompiledWorld, cell: readonly [number, number]): string {
  const index = cell[1] * world.width + cell[0];
  const room = world.rooms[world.roomByCell[index] ?? -1];
  if (room) return room.id;
  const door = [...world.doors.values()].find((d) => d.cellIndex === index);
  if (door) return door.rooms[0];
  throw new WorldSpecError('agent.cell', 'the agent must start on a room cell or a door cell', cell);
}

function initialAgent(world: CompiledWorld): AgentState {
  const { agent } = world.spec;
  const at = agent.at ?? null;
  const holding = agent.holding ?? null;
  if (at !== null && !world.receptacles.has(at)) throw new WorldSpecError('agent.at', 'no such receptacle', at);
  if (holding !== null && !world.objectTypes.has(holding)) throw new WorldSpecError('agent.holding', 'no such object', holding);
  const room = at !== null ? world.receptacles.get(at)!.room : agentRoom(world, agent.cell);
  return { cell: [agent.cell[0], agent.cell[1]], room, at, holding };
}

/** Builds the initial state of an episode from the compiled world. */
export function initialState(world: CompiledWorld): WorldState {
  const { spec } = world;
  const agent = initialAgent(world);
  const objects: Record<string, ObjectState> = {};
  spec.objects.forEach((o, i) => {
    const held = agent.holding === o.id;
    if (!held && o.in === null) throw new WorldSpecError(`objects[${i}].in`, 'an object must be in a receptacle unless the agent holds it', o.in);
    objects[o.id] = { location: held ? HELD : (o.in as string), states: initialStates(o.states) };
  });
  const receptacles: Record<string, ReceptacleState> = {};
  for (const r of spec.receptacles) {
    const info = world.receptacles.get(r.id)!.info;
    const entry: ReceptacleState = {};
    if (info.openable) entry.open = r.open ?? false;
    if (info.light) entry.on = r.on ?? false;
    receptacles[r.id] = entry;
  }
  const doors: Record<string, boolean> = {};
  for (const d of spec.doors) doors[d.id] = d.open;
  const movables: Record<string, [number, number]> = {};
  for (const m of spec.movables) movables[m.id] = [m.cell[0], m.cell[1]];
  return { formatVersion: WORLD_STATE_FORMAT_VERSION, step: 0, agent, objects, receptacles, doors, movables, examinedUnderLight: [] };
}

/** Is the receptacle's inside visible (open, or not openable at all)? */
export function isReceptacleOpen(world: CompiledWorld, state: WorldState, receptacleId: string): boolean {
  return world.receptacles.get(receptacleId)?.info.openable ? state.receptacles[receptacleId]?.open === true : true;
}

let lastObjects: WorldState['objects'] | null = null;
let lastReceptacle = '';
let lastContents: readonly string[] = [];

/**
 * Objects in/on a receptacle, in spec order. Callers check visibility first. The last answer
 * is memoised (objects records are immutable), since one step asks several times. Do not mutate.
 */
export function objectsIn(state: WorldState, receptacleId: string): readonly string[] {
  if (state.objects === lastObjects && receptacleId === lastReceptacle) return lastContents;
  const found: string[] = [];
  for (const id in state.objects) if (state.objects[id]!.location === receptacleId) found.push(id);
  lastObjects = state.objects;
  lastReceptacle = receptacleId;
  lastContents = found;
  return found;
}

/** The state with a new step count, built field by field so every state has one V8 shape. */
export function withStep(state: WorldState, step: number): WorldState {
  return {
    formatVersion: state.formatVersion,
    step,
    agent: state.agent,
    objects: state.objects,
    receptacles: state.receptacles,
    doors: state.doors,
    movables: state.movables,
    examinedUnderLight: state.examinedUnderLight,
  };
}

/** Objects the agent can see now: at its receptacle if open/not openable, plus the held one. */
export function visibleObjects(world: CompiledWorld, state: WorldState): string[] {
  const { at, holding } = state.agent;
  const seen = at !== null && isReceptacleOpen(world, state, at) ? [...objectsIn(state, at)] : [];
  if (holding !== null) seen.push(holding);
  return seen;
}

/** Is this object visible to the agent now? */
export function isVisible(world: CompiledWorld, state: WorldState, objectId: string): boolean {
  const object = state.objects[objectId];
  if (!object) return false;
  if (object.location === HELD) return true;
  const { at } = state.agent;
  return at !== null && object.location === at && isReceptacleOpen(world, state, at);
}

/** Returns a copy of the state with one object replaced. */
export function withObject(state: WorldState, id: string, object: ObjectState): WorldState {
  return { ...state, objects: { ...state.objects, [id]: object } };
}

/** Returns the states list with `add` set and `remove` cleared, kept in canonical order. */
export function changeStates(states: readonly ObjectStateName[], add: ObjectStateName, remove: readonly ObjectStateName[]): ObjectStateName[] {
  return OBJECT_STATE_NAMES.filter((name) => name === add || (states.includes(name) && !remove.includes(name)));
}
