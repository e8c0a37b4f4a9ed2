/**
 * The room-level picture of a house that the PDDL export rests on: which room each receptacle is
 * in, which doors join which rooms (a door whose doorway furniture blocks for good is left out),
 * and every simple route between two rooms as a list of doors. A house whose rooms touch without
 * a door cannot be told in rooms and doors, so it is refused with a sentence saying where.
 */
import { CELL_FLOOR, type CompiledWorld } from '../../sim/index.ts';

export interface LayoutDoor {
  id: string;
  cell: number;
  rooms: [string, string];
}

/** A way from one room to another through `doors`, in order (at least one door, no room twice). */
export interface Route {
  from: string;
  dest: string;
  doors: string[];
}

export interface HouseLayout {
  width: number;
  /** The simulator's CELL_* kind per cell index `y * width + x`. */
  kind: Uint8Array;
  /** Room id per cell (room floor and furniture cells), else undefined. */
  roomOf: (string | undefined)[];
  /** Room ids in file order. */
  rooms: string[];
  receptacleRoom: Map<string, string>;
  receptacleCell: Map<string, number>;
  /** Every door of the file, usable or not (a movable beside any door of a room is seen from it). */
  allDoors: LayoutDoor[];
  /** Doors a body can pass when open and clear (each side has a floor cell in its room). */
  doors: LayoutDoor[];
  routes: Route[];
  /** The most doors on one route (0 in a one-room house). */
  maxRouteDoors: number;
}

export type LayoutResult = { ok: true; layout: HouseLayout } | { ok: false; error: string };

/** The four neighbours of a cell (N, E, S, W) that lie on the map. */
export function neighbours(layout: { width: number; kind: Uint8Array }, cell: number): number[] {
  const { width, kind } = layout;
  const x = cell % width;
  return [cell - width, x < width - 1 ? cell + 1 : -1, cell + width, x > 0 ? cell - 1 : -1].filter((c) => c >= 0 && c < kind.length);
}

/** `[x, y]` text of a cell index, for messages. */
export function cellText(layout: { width: number }, cell: number): string {
  return `[${cell % layout.width}, ${Math.floor(cell / layout.width)}]`;
}

/** The simulator's own compiled grid, with room ids per cell. */
function gridOf(compiled: CompiledWorld): { width: number; kind: Uint8Array; roomOf: (string | undefined)[] } {
  return { width: compiled.width, kind: compiled.base, roomOf: Array.from(compiled.roomByCell, (r) => compiled.rooms[r]?.id) };
}

/** Two cells of different rooms side by side: the sim walks between them with no door. */
function touchingRooms(grid: ReturnType<typeof gridOf>): string | null {
  for (let cell = 0; cell < grid.kind.length; cell++) {
    const room = grid.roomOf[cell];
    if (room === undefined) continue;
    for (const next of neighbours(grid, cell)) {
      const other = grid.roomOf[next];
      if (other !== undefined && other !== room) {
        return `rooms '${room}' and '${other}' touch at ${cellText(grid, cell)} without a wall or door; the PDDL export needs rooms joined only by doors`;
      }
    }
  }
  return null;
}

function simpleRoutes(rooms: string[], doors: LayoutDoor[]): Route[] {
  const routes: Route[] = [];
  const walk = (from: string, here: string, visited: string[], through: string[]): void => {
    for (const door of doors) {
      const [a, b] = door.rooms;
      const next = a === here ? b : b === here ? a : null;
      if (next === null || visited.includes(next)) continue;
      routes.push({ from, dest: next, doors: [...through, door.id] });
      walk(from, next, [...visited, next], [...through, door.id]);
    }
  };
  for (const room of rooms) walk(room, room, [room], []);
  return routes;
}

/** Reads the rooms, doors and routes of a compiled world. */
export function buildLayout(compiled: CompiledWorld): LayoutResult {
  const world = compiled.spec;
  const grid = gridOf(compiled);
  const touching = touchingRooms(grid);
  if (touching) return { ok: false, error: touching };
  const receptacleRoom = new Map([...compiled.receptacles.values()].map((r) => [r.id, r.room]));
  const receptacleCell = new Map([...compiled.receptacles.values()].map((r) => [r.id, r.cellIndex]));
  const allDoors: LayoutDoor[] = world.doors.map((d) => ({ id: d.id, cell: d.cell[1] * grid.width + d.cell[0], rooms: [d.rooms[0], d.rooms[1]] }));
  // A door is usable when, on each side, a floor cell of that room lies beside it.
  const doors = allDoors.filter((door) =>
    door.rooms.every((room) => neighbours(grid, door.cell).some((c) => grid.kind[c] === CELL_FLOOR && grid.roomOf[c] === room)),
  );
  const rooms = world.rooms.map((room) => room.id);
  const routes = simpleRoutes(rooms, doors);
  const maxRouteDoors = routes.reduce((max, route) => Math.max(max, route.doors.length), 0);
  return { ok: true, layout: { ...grid, rooms, receptacleRoom, receptacleCell, allDoors, doors, routes, maxRouteDoors } };
}
