/**
 * The frame-time benchmark's house: one long room with `bodies` movable floor items (chairs,
 * boxes, laundry baskets) in rows with walking lanes between them, and a receptacle in each
 * corner for the agent to walk round. A plain WorldSpec, valid for `compileWorld` like any other.
 */
import type { Cell, MovableSpec, WorldSpec } from '../../sim/index.ts';

/** Movable rows are every other row; a row holds this many items (the room is two cells wider). */
const PER_ROW = 40;
const MOVABLE_KINDS = ['chair', 'box', 'laundrybasket'] as const;

export interface BenchScene {
  scenario: WorldSpec;
  /** The receptacles to visit in turn (the room's four corners): `go to` each, round and round. */
  tour: string[];
}

/** A house with exactly `bodies` movables (1–400). */
export function benchScene(bodies = 200): BenchScene {
  if (!Number.isInteger(bodies) || bodies < 1 || bodies > 400) {
    throw new RangeError(`benchScene: bodies must be a whole number from 1 to 400, got ${bodies}. Pass e.g. 200.`);
  }
  const rows = Math.ceil(bodies / PER_ROW);
  // Interior: x 1..PER_ROW+4, y 1..2*rows+2; items on rows y = 3, 5, …, x = 3..PER_ROW+2.
  const width = PER_ROW + 6;
  const height = 2 * rows + 4;
  const map = Array.from({ length: height }, (_, y) => (y === 0 || y === height - 1 ? '#'.repeat(width) : `#${'.'.repeat(width - 2)}#`));
  const cells: Cell[] = [];
  for (let y = 1; y < height - 1; y++) for (let x = 1; x < width - 1; x++) cells.push([x, y]);
  const counts = new Map<string, number>();
  const movables: MovableSpec[] = Array.from({ length: bodies }, (_, i) => {
    const type = MOVABLE_KINDS[i % MOVABLE_KINDS.length]!;
    const n = (counts.get(type) ?? 0) + 1;
    counts.set(type, n);
    return { id: `${type} ${n}`, type, cell: [3 + (i % PER_ROW), 3 + 2 * Math.floor(i / PER_ROW)] };
  });
  const [right, bottom] = [width - 2, height - 2];
  const scenario: WorldSpec = {
    formatVersion: 1,
    id: `bench/frame-time-${bodies}-bodies`,
    title: `Frame-time bench: a long room with ${bodies} movable items`,
    map,
    rooms: [{ id: 'livingroom', name: 'living room', cells }],
    doors: [],
    receptacles: [
      { id: 'countertop 1', type: 'countertop', cell: [1, 1] },
      { id: 'shelf 1', type: 'shelf', cell: [right, 1] },
      { id: 'sofa 1', type: 'sofa', cell: [right, bottom] },
      { id: 'cabinet 1', type: 'cabinet', cell: [1, bottom], open: false },
    ],
    objects: [
      { id: 'mug 1', type: 'mug', in: 'cabinet 1' },
      { id: 'book 1', type: 'book', in: 'shelf 1' },
      { id: 'remotecontrol 1', type: 'remotecontrol', in: 'sofa 1' },
    ],
    movables,
    agent: { cell: [2, 2], at: null, holding: null },
    goal: { type: 'in', object: { type: 'book' }, receptacle: { type: 'sofa' } },
    stepLimit: 1_000_000,
    tags: ['bench'],
  };
  return { scenario, tour: ['shelf 1', 'sofa 1', 'cabinet 1', 'countertop 1'] };
}
