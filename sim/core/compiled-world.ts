/**
 * The static part of a world, compiled once per reset from a WorldSpec: the grid as typed arrays,
 * lookup tables for rooms, receptacles, doors, objects and movables. Never changes during an
 * episode, so caches (paths, visibility) may key on it by identity.
 */
import { closest } from 'fastest-levenshtein';
import { movableType, objectType, receptacleType, typeOfId } from './catalog.ts';
import type { ObjectTypeInfo, ReceptacleTypeInfo } from './catalog.ts';
import { WORLD_SPEC_FORMAT_VERSION, type Cell, type RoomSpec, type WorldSpec } from './world-spec.ts';

/** Static cell kinds in `CompiledWorld.base`. */
export const CELL_FLOOR = 0;
export const CELL_WALL = 1;
export const CELL_FURNITURE = 2;
export const CELL_DOOR = 3;

export interface CompiledReceptacle {
  id: string;
  type: string;
  info: ReceptacleTypeInfo;
  cell: Cell;
  cellIndex: number;
  room: string;
}

export interface CompiledDoor {
  id: string;
  cell: Cell;
  cellIndex: number;
  rooms: [string, string];
}

export interface CompiledWorld {
  spec: WorldSpec;
  width: number;
  height: number;
  /** One of the CELL_* kinds per cell index `y * width + x`. */
  base: Uint8Array;
  /** Room index per cell (-1: none — walls and doors). */
  roomByCell: Int16Array;
  rooms: RoomSpec[];
  roomById: Map<string, RoomSpec>;
  receptacles: Map<string, CompiledReceptacle>;
  /** Receptacle ids sorted by their text (for stable listings). */
  receptacleIds: string[];
  doors: Map<string, CompiledDoor>;
  doorIds: string[];
  objectTypes: Map<string, string>;
  objectInfo: Map<string, ObjectTypeInfo>;
  movableTypes: Map<string, string>;
  /** Every id in the house that the agent may name without seeing it (receptacles, doors, movables). */
  knownIds: Set<string>;
}

/** A WorldSpec that cannot be compiled: where (JSON path), what, and how to fix it. */
export class WorldSpecError extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
    readonly value: unknown,
  ) {
    super(`Invalid world at ${path}: ${problem} (got ${JSON.stringify(value)}).`);
    this.name = 'WorldSpecError';
  }
}

/**
 * Ordering for ids: by type (code units), then instance number (`cabinet 2` before `cabinet 10`).
 * No localeCompare — its order may differ between JS engines, and the order must not.
 */
export function compareIds(a: string, b: string): number {
  const ta = typeOfId(a);
  const tb = typeOfId(b);
  if (ta !== tb) return ta < tb ? -1 : 1;
  return Number(a.slice(ta.length + 1)) - Number(b.slice(tb.length + 1));
}

function compileGrid(spec: WorldSpec): { width: number; height: number; base: Uint8Array } {
  const height = spec.map.length;
  const width = spec.map[0]?.length ?? 0;
  if (height === 0 || width === 0) throw new WorldSpecError('map', 'the map is empty', spec.map);
  const base = new Uint8Array(width * height);
  spec.map.forEach((row, y) => {
    if (row.length !== width) throw new WorldSpecError(`map[${y}]`, `every row must have ${width} characters`, row);
    for (let x = 0; x < width; x++) {
      const ch = row[x];
      base[y * width + x] = ch === '#' ? CELL_WALL : ch === '+' ? CELL_DOOR : ch === '.' ? CELL_FLOOR : 255;
      if (base[y * width + x] === 255) throw new WorldSpecError(`map[${y}][${x}]`, "allowed characters are '#', '.', '+'", ch);
    }
  });
  return { width, height, base };
}

function checkCell(world: { width: number; height: number; base: Uint8Array }, cell: Cell, path: string, allowed: number): number {
  const [x, y] = cell;
  if (!Number.isInteger(x) || !Number.isInteger(y) || x < 0 || y < 0 || x >= world.width || y >= world.height) {
    throw new WorldSpecError(path, `the cell is outside the ${world.width}×${world.height} map`, cell);
  }
  const index = y * world.width + x;
  if (world.base[index] !== allowed) {
    throw new WorldSpecError(path, allowed === CELL_DOOR ? "a door must stand on a '+' cell" : "it must stand on a free '.' floor cell", cell);
  }
  return index;
}

/** Ids are `type N` with the item's own type, so goals and text can read the type off the id. */
function uniqueIds(items: { id: string; type: string }[], path: string, seen: Set<string>): void {
  items.forEach(({ id, type }, i) => {
    if (seen.has(id)) throw new WorldSpecError(`${path}[${i}].id`, 'ids must be unique in the world', id);
    if (!/^[a-z]+ \d+$/.test(id) || typeOfId(id) !== type) {
      throw new WorldSpecError(`${path}[${i}].id`, `ids are 'type N' with the item's type, e.g. '${type} 1'`, id);
    }
    seen.add(id);
  });
}

type Grid = { width: number; height: number; base: Uint8Array };

function compileRooms(spec: WorldSpec, grid: Grid): Int16Array {
  const roomByCell = new Int16Array(grid.base.length).fill(-1);
  spec.rooms.forEach((room, r) =>
    room.cells.forEach((cell, c) => {
      roomByCell[checkCell(grid, cell, `rooms[${r}].cells[${c}]`, CELL_FLOOR)] = r;
    }),
  );
  return roomByCell;
}

/** Receptacles, marking their cells as furniture in `grid.base`. */
function compileReceptacles(spec: WorldSpec, grid: Grid, roomByCell: Int16Array): Map<string, CompiledReceptacle> {
  const receptacles = new Map<string, CompiledReceptacle>();
  spec.receptacles.forEach((r, i) => {
    const cellIndex = checkCell(grid, r.cell, `receptacles[${i}].cell`, CELL_FLOOR);
    const room = spec.rooms[roomByCell[cellIndex] ?? -1];
    if (!room) throw new WorldSpecError(`receptacles[${i}].cell`, 'the cell belongs to no room', r.cell);
    receptacles.set(r.id, { id: r.id, type: r.type, info: receptacleType(r.type, `receptacles[${i}].type`), cell: r.cell, cellIndex, room: room.id });
    grid.base[cellIndex] = CELL_FURNITURE;
  });
  return receptacles;
}

function compileDoors(spec: WorldSpec, grid: Grid, roomById: Map<string, RoomSpec>): Map<string, CompiledDoor> {
  const doors = new Map<string, CompiledDoor>();
  spec.doors.forEach((d, i) => {
    const cellIndex = checkCell(grid, d.cell, `doors[${i}].cell`, CELL_DOOR);
    d.rooms.forEach((room, k) => {
      if (!roomById.has(room)) throw new WorldSpecError(`doors[${i}].rooms[${k}]`, `unknown room; rooms: ${[...roomById.keys()].join(', ')}`, room);
    });
    doors.set(d.id, { id: d.id, cell: d.cell, cellIndex, rooms: d.rooms });
  });
  return doors;
}

function compileObjects(spec: WorldSpec, receptacles: Map<string, CompiledReceptacle>): { objectTypes: Map<string, string>; objectInfo: Map<string, ObjectTypeInfo> } {
  const objectTypes = new Map<string, string>();
  const objectInfo = new Map<string, ObjectTypeInfo>();
  spec.objects.forEach((o, i) => {
    objectInfo.set(o.id, objectType(o.type, `objects[${i}].type`));
    objectTypes.set(o.id, o.type);
    if (o.in !== null && !receptacles.has(o.in)) {
      throw new WorldSpecError(`objects[${i}].in`, `no such receptacle; did you mean "${closest(o.in, [...receptacles.keys()])}"?`, o.in);
    }
    if (o.in !== null && !receptacles.get(o.in)?.info.holds) throw new WorldSpecError(`objects[${i}].in`, 'this receptacle cannot hold objects', o.in);
  });
  return { objectTypes, objectInfo };
}

/** Movables on free floor cells, one per cell, not under the agent. */
function compileMovables(spec: WorldSpec, grid: Grid): Map<string, string> {
  const movableTypes = new Map<string, string>();
  const taken = new Set<number>([spec.agent.cell[1] * grid.width + spec.agent.cell[0]]);
  spec.movables.forEach((m, i) => {
    movableType(m.type, `movables[${i}].type`);
    const cell = checkCell(grid, m.cell, `movables[${i}].cell`, CELL_FLOOR);
    if (taken.has(cell)) throw new WorldSpecError(`movables[${i}].cell`, 'another movable or the agent is already on this cell', m.cell);
    taken.add(cell);
    movableTypes.set(m.id, m.type);
  });
  return movableTypes;
}

/** Compiles and checks a WorldSpec. Throws WorldSpecError or UnknownTypeError on bad input. */
export function compileWorld(spec: WorldSpec): CompiledWorld {
  if (spec.formatVersion !== WORLD_SPEC_FORMAT_VERSION) {
    throw new WorldSpecError('formatVersion', `this Hearth reads world format ${WORLD_SPEC_FORMAT_VERSION} only; compile the world from its scenario file with this Hearth (loadScenarioFile, or hearth scenarios validate FILE)`, spec.formatVersion);
  }
  const grid = compileGrid(spec);
  const roomByCell = compileRooms(spec, grid);
  const seen = new Set<string>();
  uniqueIds(spec.receptacles, 'receptacles', seen);
  uniqueIds(spec.objects, 'objects', seen);
  uniqueIds(spec.doors.map((d) => ({ id: d.id, type: 'door' })), 'doors', seen);
  uniqueIds(spec.movables, 'movables', seen);
  const receptacles = compileReceptacles(spec, grid, roomByCell);
  const roomById = new Map(spec.rooms.map((room) => [room.id, room]));
  const doors = compileDoors(spec, grid, roomById);
  const { objectTypes, objectInfo } = compileObjects(spec, receptacles);
  const agentIndex = spec.agent.cell[1] * grid.width + spec.agent.cell[0];
  checkCell(grid, spec.agent.cell, 'agent.cell', grid.base[agentIndex] === CELL_DOOR ? CELL_DOOR : CELL_FLOOR);
  const movableTypes = compileMovables(spec, grid);
  return {
    spec,
    ...grid,
    roomByCell,
    rooms: spec.rooms,
    roomById,
    receptacles,
    receptacleIds: [...receptacles.keys()].sort(compareIds),
    doors,
    doorIds: [...doors.keys()].sort(compareIds),
    objectTypes,
    objectInfo,
    movableTypes,
    knownIds: new Set([...receptacles.keys(), ...doors.keys(), ...movableTypes.keys()]),
  };
}
