/**
 * Ground PDDL facts for a house: the static ones (rooms of furniture, routes, capabilities, item
 * properties, where movables can be pushed from) and the ones of a simulator state (where the
 * agent is, what it holds, where items are, open/closed, on/off, item states, doorways blocked).
 * The problem's `:init` is static facts + the facts of the initial state; the plan translator
 * compares the facts of each simulator state with the PDDL state it predicted.
 */
import { OBJECT_STATE_NAMES, OBJECT_TYPES, RECEPTACLE_TYPES, type WorldSpec, type WorldState } from '../../sim/index.ts';
import type { HouseLayout } from './house-layout.ts';
import { analyzeFloor, type FloorFacts } from './movable-analysis.ts';
import { floorName, pddlName, roomName } from './pddl-names.ts';

const fact = (...parts: string[]): string => `(${parts.join(' ')})`;

/**
 * Facts no action changes. `floor` is the movable analysis of the initial state, `seen` which
 * movable the agent sees from which room there (pushes need it; a movable is pushed at most once).
 */
export function staticFacts(world: WorldSpec, layout: HouseLayout, floor: FloorFacts, seen: readonly [movable: string, room: string][]): string[] {
  const facts: string[] = [];
  for (const room of layout.rooms) facts.push(fact('floor-of', floorName(room), roomName(room)));
  for (const r of world.receptacles) {
    const name = pddlName(r.id);
    facts.push(fact('in-room', name, roomName(layout.receptacleRoom.get(r.id)!)));
    const info = RECEPTACLE_TYPES[r.type] ?? { holds: false };
    if (info.openable) facts.push(fact('openable', name));
    if (info.holds) facts.push(fact('can-hold', name));
    if (info.heats) facts.push(fact('can-heat', name));
    if (info.cools) facts.push(fact('can-cool', name));
    if (info.cleans) facts.push(fact('can-clean', name));
    if (info.light) facts.push(fact('is-lamp', name));
  }
  for (const o of world.objects) {
    const info = OBJECT_TYPES[o.type] ?? {};
    const name = pddlName(o.id);
    if (info.heatable) facts.push(fact('heatable', name));
    if (info.coolable) facts.push(fact('coolable', name));
    if (info.cleanable) facts.push(fact('cleanable', name));
    if (info.sliceable) facts.push(fact('sliceable', name));
    if (info.knife) facts.push(fact('is-knife', name));
  }
  for (const door of layout.allDoors) {
    const [a, b] = door.rooms.map(roomName) as [string, string];
    facts.push(fact('door-joins', pddlName(door.id), a, b), fact('door-joins', pddlName(door.id), b, a));
  }
  for (const route of layout.routes) facts.push(fact(`route-${route.doors.length}`, roomName(route.from), ...route.doors.map(pddlName), roomName(route.dest)));
  for (const [m, room] of floor.reach) facts.push(fact('reach-movable', pddlName(m), roomName(room)));
  for (const [m, room, door] of floor.reachVia) facts.push(fact('reach-movable-via', pddlName(m), roomName(room), pddlName(door)));
  for (const [m, room] of seen) facts.push(fact('sees-movable', pddlName(m), roomName(room)));
  return facts;
}

export type StateFactsResult = { ok: true; facts: string[] } | { ok: false; error: string };

/** Facts of a simulator state (acting phase). */
export function stateFacts(world: WorldSpec, layout: HouseLayout, state: WorldState): StateFactsResult {
  const floor = analyzeFloor(layout, state.movables);
  if (!floor.ok) return floor;
  const facts = ['(acting)', fact('agent-in', roomName(state.agent.room))];
  facts.push(fact('at', state.agent.at === null ? floorName(state.agent.room) : pddlName(state.agent.at)));
  facts.push(state.agent.holding === null ? '(hand-empty)' : fact('holding', pddlName(state.agent.holding)));
  for (const o of world.objects) {
    const current = state.objects[o.id];
    if (!current) continue;
    const name = pddlName(o.id);
    if (current.location !== 'agent') facts.push(fact('in', name, pddlName(current.location)));
    for (const s of OBJECT_STATE_NAMES) facts.push(current.states.includes(s) ? fact(s, name) : fact(`lacks-${s}`, name));
    facts.push(state.examinedUnderLight.includes(o.id) ? fact('examined-under-light', name) : fact('unexamined', name));
  }
  for (const r of world.receptacles) {
    const info = RECEPTACLE_TYPES[r.type] ?? { holds: false };
    const name = pddlName(r.id);
    facts.push(!info.openable || state.receptacles[r.id]?.open ? fact('opened', name) : fact('closed', name));
    if (info.light) facts.push(state.receptacles[r.id]?.on ? fact('lamp-on', name) : fact('lamp-off', name));
  }
  for (const door of layout.allDoors) facts.push(fact(state.doors[door.id] ? 'door-open' : 'door-closed', pddlName(door.id)));
  for (const door of floor.facts.clearDoors) facts.push(fact('door-clear', pddlName(door)));
  for (const [m, door] of floor.facts.blocks) facts.push(fact('blocks', pddlName(m), pddlName(door)));
  return { ok: true, facts };
}
