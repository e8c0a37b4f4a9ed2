/**
 * Small hand-built worlds for tests and benchmarks (the simulator's own tests and the physics
 * adapter's). Stable API: `twoRoomHouse(overrides?)` and `blockedDoorHouse()`.
 *
 * Layout (x → right, y ↓); kitchen on the left, living room on the right, open door 1 between
 * (as drawn by the ASCII view; `@` is the agent):
 *
 * ```
 * ################
 * #G.BIN.#..J..DC#     A cabinet 1, B countertop 1, C desk 1, D desklamp 1,
 * #......#.......#     E diningtable 1, F drawer 1, G fridge 1, H garbagecan 1,
 * #.@E.../...h...#     I microwave 1, J shelf 1, K sidetable 1, L sinkbasin 1,
 * #......#.......#     M sofa 1, N stoveburner 1; h chair 1; / door 1 (open)
 * #L.AF.H#K.....M#
 * ################
 * ```
 */
import type { Cell, ObjectSpec, ReceptacleSpec, RoomSpec, WorldSpec } from './world-spec.ts';

/** `#` wall, `.` floor, `+` door. Kitchen x 1–6, living room x 8–14, door at (7, 3). */
export const TWO_ROOM_MAP: readonly string[] = [
  '################',
  '#......#.......#',
  '#......#.......#',
  '#......+.......#',
  '#......#.......#',
  '#......#.......#',
  '################',
];

function roomCells(x0: number, x1: number, y0: number, y1: number): Cell[] {
  const cells: Cell[] = [];
  for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) cells.push([x, y]);
  return cells;
}

const ROOMS: RoomSpec[] = [
  { id: 'kitchen', name: 'kitchen', cells: roomCells(1, 6, 1, 5) },
  { id: 'livingroom', name: 'living room', cells: roomCells(8, 14, 1, 5) },
];

const RECEPTACLES: ReceptacleSpec[] = [
  { id: 'fridge 1', type: 'fridge', cell: [1, 1], open: false },
  { id: 'countertop 1', type: 'countertop', cell: [3, 1] },
  { id: 'microwave 1', type: 'microwave', cell: [4, 1], open: false },
  { id: 'stoveburner 1', type: 'stoveburner', cell: [5, 1] },
  { id: 'diningtable 1', type: 'diningtable', cell: [3, 3] },
  { id: 'sinkbasin 1', type: 'sinkbasin', cell: [1, 5] },
  { id: 'cabinet 1', type: 'cabinet', cell: [3, 5], open: false },
  { id: 'drawer 1', type: 'drawer', cell: [4, 5], open: false },
  { id: 'garbagecan 1', type: 'garbagecan', cell: [6, 5] },
  { id: 'shelf 1', type: 'shelf', cell: [10, 1] },
  { id: 'desklamp 1', type: 'desklamp', cell: [13, 1], on: false },
  { id: 'desk 1', type: 'desk', cell: [14, 1] },
  { id: 'sidetable 1', type: 'sidetable', cell: [8, 5] },
  { id: 'sofa 1', type: 'sofa', cell: [14, 5] },
];

const OBJECTS: ObjectSpec[] = [
  { id: 'apple 1', type: 'apple', in: 'countertop 1' },
  { id: 'knife 1', type: 'knife', in: 'countertop 1' },
  { id: 'apple 2', type: 'apple', in: 'fridge 1' },
  { id: 'egg 1', type: 'egg', in: 'fridge 1' },
  { id: 'mug 1', type: 'mug', in: 'cabinet 1' },
  { id: 'plate 1', type: 'plate', in: 'cabinet 1', states: { dirty: true } },
  { id: 'spoon 1', type: 'spoon', in: 'drawer 1' },
  { id: 'bread 1', type: 'bread', in: 'diningtable 1' },
  { id: 'potato 1', type: 'potato', in: 'diningtable 1' },
  { id: 'soapbar 1', type: 'soapbar', in: 'sinkbasin 1' },
  { id: 'book 1', type: 'book', in: 'desk 1' },
  { id: 'keychain 1', type: 'keychain', in: 'shelf 1' },
  { id: 'remotecontrol 1', type: 'remotecontrol', in: 'sidetable 1' },
  { id: 'cellphone 1', type: 'cellphone', in: 'sofa 1' },
  { id: 'pillow 1', type: 'pillow', in: 'sofa 1' },
];

/**
 * A kitchen + living room house joined by open door 1, with a chair in the living room and the
 * agent in the middle of the kitchen. Default goal: put a hot mug in a countertop. `overrides`
 * replace top-level fields (shallow); arrays are deep-copied so callers may mutate the result.
 */
export function twoRoomHouse(overrides: Partial<WorldSpec> = {}): WorldSpec {
  const base: WorldSpec = {
    formatVersion: 1,
    id: 'test/two-room-house',
    title: 'Two-room test house',
    map: [...TWO_ROOM_MAP],
    rooms: ROOMS,
    doors: [{ id: 'door 1', cell: [7, 3], open: true, rooms: ['kitchen', 'livingroom'] }],
    receptacles: RECEPTACLES,
    objects: OBJECTS,
    movables: [{ id: 'chair 1', type: 'chair', cell: [11, 3] }],
    agent: { cell: [2, 3], at: null, holding: null },
    goal: { type: 'in', object: { type: 'mug', states: ['hot'] }, receptacle: { type: 'countertop' } },
    tags: ['test', 'heat-then-place'],
  };
  return structuredClone({ ...base, ...overrides });
}

/**
 * The same house with chair 1 in the living-room cell just past door 1, so nothing can pass the
 * doorway until the chair is pushed aside. The goal (book on the dining table) needs the trip.
 */
export function blockedDoorHouse(): WorldSpec {
  return twoRoomHouse({
    id: 'test/blocked-door-house',
    title: 'Two-room test house with a chair in the doorway',
    movables: [{ id: 'chair 1', type: 'chair', cell: [8, 3] }],
    goal: { type: 'in', object: { type: 'book' }, receptacle: { type: 'diningtable' } },
    tags: ['test', 'pick-and-place', 'hazard:blocked-door'],
  });
}
