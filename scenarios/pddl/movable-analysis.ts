/**
 * Where the movable floor items (chair, box, laundry basket) stand, told in rooms and doors: which
 * doorway each one blocks, and where the agent can stand to push it (a room's walkable area, or a
 * doorway entered from one of its rooms). Each room must stay one walkable
 * area that reaches all of its furniture; a movable that splits a room, hides furniture, blocks
 * two doors, or shares a doorway with another movable is refused with a sentence saying so — those
 * cannot be told in plain STRIPS rooms and doors.
 */
import { CELL_DOOR, CELL_FLOOR } from '../../sim/index.ts';
import { cellText, neighbours, type HouseLayout, type LayoutDoor } from './house-layout.ts';

export interface FloorFacts {
  /** Usable doors whose doorway is free (whether open or closed is told elsewhere). */
  clearDoors: string[];
  /** Which movable blocks which doorway (each at most one). */
  blocks: [movable: string, door: string][];
  /** A free cell beside the movable lies in the room's walkable area (push it from there). */
  reach: [movable: string, room: string][];
  /** The movable stands beside the doorway of the door: push it from there, entering from the room. */
  reachVia: [movable: string, room: string, door: string][];
  /** Per room, the cells of its one walkable area. */
  mainArea: Map<string, Set<number>>;
}

export type FloorResult = { ok: true; facts: FloorFacts } | { ok: false; error: string };

type Occupancy = Map<number, string>;

function components(layout: HouseLayout, room: string, occupied: Occupancy): Map<number, number> {
  const label = new Map<number, number>();
  let next = 0;
  for (let start = 0; start < layout.kind.length; start++) {
    if (label.has(start) || !walkable(layout, room, occupied, start)) continue;
    const queue = [start];
    label.set(start, next);
    while (queue.length) {
      const cell = queue.pop()!;
      for (const n of neighbours(layout, cell)) {
        if (!label.has(n) && walkable(layout, room, occupied, n)) {
          label.set(n, next);
          queue.push(n);
        }
      }
    }
    next += 1;
  }
  return label;
}

function walkable(layout: HouseLayout, room: string, occupied: Occupancy, cell: number): boolean {
  return layout.kind[cell] === CELL_FLOOR && layout.roomOf[cell] === room && !occupied.has(cell);
}

/**
 * The walkable area of a room: the part of its free floor from which every piece of its furniture
 * can be used (pockets behind furniture are ignored), or why there is none.
 */
function mainAreaOf(layout: HouseLayout, room: string, occupied: Occupancy): { area: Set<number> } | { error: string } {
  const label = components(layout, room, occupied);
  // Per piece of furniture, the areas it can be used from.
  const usableFrom: Set<number | undefined>[] = [];
  for (const [id, home] of layout.receptacleRoom) {
    if (home !== room) continue;
    const stands = neighbours(layout, layout.receptacleCell.get(id)!).filter((c) => layout.kind[c] === CELL_FLOOR);
    const free = stands.filter((c) => !occupied.has(c));
    if (stands.length > 0 && free.length === 0) {
      return { error: `${[...new Set(stands.map((c) => occupied.get(c)))].join(' and ')} cover(s) every free side of ${id}; the PDDL export cannot tell that` };
    }
    usableFrom.push(new Set(free.map((c) => label.get(c))));
  }
  let candidates: (number | undefined)[];
  if (usableFrom.length > 0) candidates = [...usableFrom[0]!].filter((l) => usableFrom.every((set) => set.has(l)));
  else {
    const doorSides = layout.doors.filter((d) => d.rooms.includes(room)).flatMap((d) => neighbours(layout, d.cell).filter((c) => walkable(layout, room, occupied, c)));
    candidates = [...new Set(doorSides.map((c) => label.get(c)))];
  }
  if (candidates.length > 1 || (candidates.length === 0 && usableFrom.length > 0)) {
    return { error: `room '${room}' is split into separate areas (by furniture or movables) and no one area reaches all its furniture; the PDDL export needs each room to be one walkable area` };
  }
  const only = candidates[0];
  return { area: new Set([...label].filter(([, l]) => only !== undefined && l === only).map(([cell]) => cell)) };
}

function sideOpen(layout: HouseLayout, door: LayoutDoor, room: string, area: Set<number> | undefined, occupied: Occupancy): 'open' | 'blocked' | 'split' {
  const side = neighbours(layout, door.cell).filter((c) => layout.kind[c] === CELL_FLOOR && layout.roomOf[c] === room);
  if (side.some((c) => area?.has(c))) return 'open';
  return side.some((c) => !occupied.has(c)) ? 'split' : 'blocked';
}

function doorFacts(layout: HouseLayout, occupied: Occupancy, mainArea: Map<string, Set<number>>): { clear: string[]; blocks: [string, string][] } | { error: string } {
  const clear: string[] = [];
  const blocks: [string, string][] = [];
  for (const door of layout.doors) {
    const blockers = new Set<string>();
    if (occupied.has(door.cell)) blockers.add(occupied.get(door.cell)!);
    for (const room of door.rooms) {
      const side = sideOpen(layout, door, room, mainArea.get(room), occupied);
      if (side === 'split') return { error: `the doorway of ${door.id} leads into a part of room '${room}' cut off from the rest; the PDDL export cannot tell that` };
      if (side === 'blocked') {
        for (const c of neighbours(layout, door.cell)) if (layout.roomOf[c] === room && occupied.has(c)) blockers.add(occupied.get(c)!);
      }
    }
    if (blockers.size === 0) clear.push(door.id);
    else if (blockers.size === 1) blocks.push([[...blockers][0]!, door.id]);
    else return { error: `${door.id} is blocked by several movables at once (${[...blockers].join(', ')}); the PDDL export supports one per doorway` };
  }
  const perMovable = new Map<string, string[]>();
  for (const [m, d] of blocks) perMovable.set(m, [...(perMovable.get(m) ?? []), d]);
  for (const [m, list] of perMovable) if (list.length > 1) return { error: `${m} blocks several doorways at once (${list.join(', ')}); the PDDL export supports one per movable` };
  return { clear, blocks };
}

function pushFacts(layout: HouseLayout, movables: Record<string, readonly [number, number]>, occupied: Occupancy, mainArea: Map<string, Set<number>>): Pick<FloorFacts, 'reach' | 'reachVia'> {
  const reach: FloorFacts['reach'] = [];
  const reachVia: FloorFacts['reachVia'] = [];
  for (const id of Object.keys(movables).sort()) {
    const [x, y] = movables[id]!;
    const around = neighbours(layout, y * layout.width + x);
    for (const room of layout.rooms) {
      const area = mainArea.get(room);
      if (around.some((c) => area?.has(c))) reach.push([id, room]);
      for (const door of layout.doors) {
        if (!door.rooms.includes(room) || !around.includes(door.cell) || occupied.has(door.cell)) continue;
        if (sideOpen(layout, door, room, area, occupied) === 'open') reachVia.push([id, room, door.id]);
      }
    }
  }
  return { reach, reachVia };
}

/** Facts about doorways and movables for movables standing at these cells. */
export function analyzeFloor(layout: HouseLayout, movables: Record<string, readonly [number, number]>): FloorResult {
  const occupied: Occupancy = new Map(Object.entries(movables).map(([id, [x, y]]) => [y * layout.width + x, id]));
  for (const [cell, id] of occupied) {
    if (layout.kind[cell] !== CELL_FLOOR && layout.kind[cell] !== CELL_DOOR) return { ok: false, error: `${id} stands on a wall or furniture cell ${cellText(layout, cell)}` };
  }
  const mainArea = new Map<string, Set<number>>();
  for (const room of layout.rooms) {
    const found = mainAreaOf(layout, room, occupied);
    if ('error' in found) return { ok: false, error: found.error };
    mainArea.set(room, found.area);
  }
  const doors = doorFacts(layout, occupied, mainArea);
  if ('error' in doors) return { ok: false, error: doors.error };
  return { ok: true, facts: { clearDoors: doors.clear, blocks: doors.blocks, ...pushFacts(layout, movables, occupied, mainArea), mainArea } };
}
