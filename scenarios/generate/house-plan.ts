/**
 * Procedural houses of 1–4 rooms: rectangular rooms on a grid of columns and rows (1×1, 1×2, 2×1,
 * 1×3, 2×2), random sizes, doors in shared walls (a spanning set, plus sometimes one more to make a
 * loop), and furniture along the walls from each room kind's pool (see room-kinds.ts). Furniture
 * never stands in a corner or in front of a door, so every piece keeps a free side and the middle
 * of each room stays open.
 */
import { chance, intBetween, pick, shuffled, type Rng } from './random-tools.ts';
import { ROOM_KINDS, type RoomKindName } from './room-kinds.ts';

export type Cell = [number, number];

export interface PlannedRoom {
  name: string;
  kind: RoomKindName;
  /** Map character of its floor. */
  symbol: string;
  /** Interior box: first floor column and row, width and height in cells. */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PlannedDoor {
  cell: Cell;
  rooms: [number, number];
}

export interface PlannedFurniture {
  id: string;
  cell: Cell;
  room: number;
  open?: boolean;
}

export interface HousePlan {
  map: string[];
  legend: Record<string, string>;
  rooms: PlannedRoom[];
  doors: PlannedDoor[];
  furniture: PlannedFurniture[];
}

const GRIDS: Record<number, [number, number][]> = {
  1: [[1, 1]],
  2: [[2, 1], [1, 2]],
  3: [[3, 1]],
  4: [[2, 2]],
};

/** Room kinds by room count: the kitchen is always there (heating, cooling, cleaning). */
function chooseKinds(rng: Rng, count: number): RoomKindName[] {
  const others: RoomKindName[] = shuffled(rng, ['living room', 'bedroom', 'bathroom']);
  return shuffled(rng, ['kitchen', ...others.slice(0, count - 1)] as RoomKindName[]);
}

/** A house with `roomCount` rooms (1–4). */
export function planHouse(rng: Rng, roomCount: number): HousePlan {
  const [columns, rows] = pick(rng, GRIDS[roomCount]!);
  const widths = Array.from({ length: columns }, () => intBetween(rng, 5, 8));
  const heights = Array.from({ length: rows }, () => intBetween(rng, 4, 6));
  const kinds = chooseKinds(rng, roomCount);
  const rooms: PlannedRoom[] = [];
  const xs = widths.map((_, i) => 1 + widths.slice(0, i).reduce((sum, w) => sum + w + 1, 0));
  const ys = heights.map((_, j) => 1 + heights.slice(0, j).reduce((sum, h) => sum + h + 1, 0));
  for (let j = 0; j < rows; j++) {
    for (let i = 0; i < columns; i++) {
      const kind = kinds[rooms.length]!;
      rooms.push({ name: kind, kind, symbol: ROOM_KINDS[kind].symbol, x: xs[i]!, y: ys[j]!, width: widths[i]!, height: heights[j]! });
    }
  }
  const mapWidth = 1 + widths.reduce((sum, w) => sum + w + 1, 0);
  const mapHeight = 1 + heights.reduce((sum, h) => sum + h + 1, 0);
  const grid = Array.from({ length: mapHeight }, () => Array.from({ length: mapWidth }, () => '#'));
  for (const room of rooms) {
    for (let y = room.y; y < room.y + room.height; y++) for (let x = room.x; x < room.x + room.width; x++) grid[y]![x] = room.symbol;
  }
  const doors = placeDoors(rng, rooms, columns, rows);
  for (const door of doors) grid[door.cell[1]]![door.cell[0]] = '+';
  const furniture = furnish(rng, rooms, doors);
  return {
    map: grid.map((row) => row.join('')),
    legend: Object.fromEntries(rooms.map((room) => [room.symbol, room.name])),
    rooms,
    doors,
    furniture,
  };
}

/** Doors between grid neighbours: all of a 1-row or 1-column house, 3 or 4 of a 2×2 one. */
function placeDoors(rng: Rng, rooms: PlannedRoom[], columns: number, rows: number): PlannedDoor[] {
  const index = (i: number, j: number): number => j * columns + i;
  const pairs: [number, number][] = [];
  for (let j = 0; j < rows; j++) for (let i = 0; i + 1 < columns; i++) pairs.push([index(i, j), index(i + 1, j)]);
  for (let j = 0; j + 1 < rows; j++) for (let i = 0; i < columns; i++) pairs.push([index(i, j), index(i, j + 1)]);
  let chosen = pairs;
  if (pairs.length === 4) {
    // 2×2: drop one door (a ring of 4 rooms minus one wall is still connected) unless we keep the loop.
    const dropped = rng.nextInt(4);
    chosen = chance(rng, 0.3) ? pairs : pairs.filter((_, k) => k !== dropped);
  }
  return chosen.map(([a, b]) => {
    const first = rooms[a]!;
    const second = rooms[b]!;
    if (second.x > first.x) {
      // Side by side: a door in the vertical wall, away from the corners.
      return { cell: [first.x + first.width, intBetween(rng, first.y + 1, first.y + first.height - 2)] as Cell, rooms: [a, b] };
    }
    return { cell: [intBetween(rng, first.x + 1, first.x + first.width - 2), first.y + first.height] as Cell, rooms: [a, b] };
  });
}

/** Wall-side cells of a room that are not corners and not in front of a door. */
function wallCells(room: PlannedRoom, doors: PlannedDoor[]): Cell[] {
  const blocked = new Set<string>();
  for (const door of doors) {
    const [x, y] = door.cell;
    for (const [dx, dy] of [[1, 0], [-1, 0], [0, 1], [0, -1]]) blocked.add(`${x + dx!},${y + dy!}`);
  }
  const cells: Cell[] = [];
  const right = room.x + room.width - 1;
  const bottom = room.y + room.height - 1;
  for (let x = room.x + 1; x < right; x++) cells.push([x, room.y], [x, bottom]);
  for (let y = room.y + 1; y < bottom; y++) cells.push([room.x, y], [right, y]);
  return cells.filter(([x, y]) => !blocked.has(`${x},${y}`));
}

/** Furniture for every room from its kind's pool; ids numbered through the house. */
function furnish(rng: Rng, rooms: PlannedRoom[], doors: PlannedDoor[]): PlannedFurniture[] {
  const counters = new Map<string, number>();
  const furniture: PlannedFurniture[] = [];
  rooms.forEach((room, roomIndex) => {
    const kind = ROOM_KINDS[room.kind];
    const cells = shuffled(rng, wallCells(room, doors));
    const extras = shuffled(rng, kind.optional).slice(0, intBetween(rng, kind.extra[0], kind.extra[1]));
    // Every house gets a lamp (look-at-in-light tasks): a floorlamp in the last room if none has one yet.
    const lampSoFar = furniture.some((piece) => piece.id.startsWith('desklamp') || piece.id.startsWith('floorlamp'));
    const types = [...kind.required, ...extras];
    const needsLamp = roomIndex === rooms.length - 1 && !lampSoFar && !types.some((type) => type.endsWith('lamp'));
    if (needsLamp) types.unshift('floorlamp');
    for (const type of types) {
      const cell = cells.pop();
      if (!cell) break;
      const number = (counters.get(type) ?? 0) + 1;
      counters.set(type, number);
      const piece: PlannedFurniture = { id: `${type} ${number}`, cell, room: roomIndex };
      if (OPENABLE.has(type)) piece.open = false;
      furniture.push(piece);
    }
  });
  return furniture;
}

const OPENABLE = new Set(['fridge', 'microwave', 'cabinet', 'drawer', 'safe']);
