/**
 * Grid path-finding over typed arrays: A* (4-neighbour, unit costs, Manhattan heuristic to the
 * nearest goal) and a breadth-first distance field. Scratch buffers are module-level and reused,
 * so a search allocates only its result. Cells are indices `y * width + x`.
 */

/** Dynamic cell kinds, built per state by `navigation.ts`. */
export const KIND_FREE = 0;
export const KIND_BLOCKED = 1;
export const KIND_CLOSED_DOOR = 2;
export const KIND_MOVABLE = 3;

/** Bit flags: which normally impassable kinds a search may cross (to explain a failure). */
export const ALLOW_CLOSED_DOORS = 1;
export const ALLOW_MOVABLES = 2;

let capacity = 0;
let gScore = new Int32Array(0);
let parent = new Int32Array(0);
let stamp = new Uint32Array(0);
let closedStamp = new Uint32Array(0);
let heapNode = new Int32Array(0);
let heapKey = new Int32Array(0);
let generation = 0;

function ensureCapacity(cells: number): void {
  if (cells <= capacity) return;
  capacity = cells;
  gScore = new Int32Array(cells);
  parent = new Int32Array(cells);
  stamp = new Uint32Array(cells);
  closedStamp = new Uint32Array(cells);
  // Lazy deletion: a cell can be pushed once per improvement, at most 4 times.
  heapNode = new Int32Array(cells * 4 + 4);
  heapKey = new Int32Array(cells * 4 + 4);
  generation = 0;
}

function nextGeneration(): number {
  generation++;
  if (generation === 0xffffffff) {
    stamp.fill(0);
    closedStamp.fill(0);
    generation = 1;
  }
  return generation;
}

function passable(kind: number, allow: number): boolean {
  return kind === KIND_FREE || (kind === KIND_CLOSED_DOOR && (allow & ALLOW_CLOSED_DOORS) !== 0) || (kind === KIND_MOVABLE && (allow & ALLOW_MOVABLES) !== 0);
}

function heuristic(cell: number, width: number, goals: readonly number[]): number {
  const x = cell % width;
  const y = (cell - x) / width;
  let best = 0x7fffffff;
  for (const goal of goals) {
    const gx = goal % width;
    const d = Math.abs(gx - x) + Math.abs((goal - gx) / width - y);
    if (d < best) best = d;
  }
  return best;
}

function heapPush(size: number, node: number, key: number): number {
  let i = size;
  while (i > 0) {
    const up = (i - 1) >> 1;
    if (heapKey[up]! <= key) break;
    heapNode[i] = heapNode[up]!;
    heapKey[i] = heapKey[up]!;
    i = up;
  }
  heapNode[i] = node;
  heapKey[i] = key;
  return size + 1;
}

function heapPop(size: number): number {
  const top = heapNode[0]!;
  const last = size - 1;
  const node = heapNode[last]!;
  const key = heapKey[last]!;
  let i = 0;
  for (;;) {
    let child = 2 * i + 1;
    if (child >= last) break;
    if (child + 1 < last && heapKey[child + 1]! < heapKey[child]!) child++;
    if (heapKey[child]! >= key) break;
    heapNode[i] = heapNode[child]!;
    heapKey[i] = heapKey[child]!;
    i = child;
  }
  heapNode[i] = node;
  heapKey[i] = key;
  return top;
}

function tracePath(goal: number): number[] {
  const path: number[] = [];
  for (let cell = goal; cell !== -1; cell = parent[cell]!) path.push(cell);
  return path.reverse();
}

/**
 * Shortest 4-neighbour path from `start` to the nearest of `goals`, both ends included, or null.
 * The start cell itself is always allowed; other cells must be passable under `allow`.
 */
export function findPath(kinds: Uint8Array, width: number, start: number, goals: readonly number[], allow = 0): number[] | null {
  if (goals.length === 0) return null;
  ensureCapacity(kinds.length);
  const gen = nextGeneration();
  const height = kinds.length / width;
  gScore[start] = 0;
  parent[start] = -1;
  stamp[start] = gen;
  let size = heapPush(0, start, heuristic(start, width, goals));
  const neighbourOffsets = [-width, 1, width, -1];
  while (size > 0) {
    const cell = heapPop(size--);
    if (closedStamp[cell] === gen) continue;
    closedStamp[cell] = gen;
    if (goals.includes(cell)) return tracePath(cell);
    const x = cell % width;
    const y = (cell - x) / width;
    const g = gScore[cell]! + 1;
    for (let k = 0; k < 4; k++) {
      if ((k === 0 && y === 0) || (k === 1 && x === width - 1) || (k === 2 && y === height - 1) || (k === 3 && x === 0)) continue;
      const next = cell + neighbourOffsets[k]!;
      if (!passable(kinds[next]!, allow) || closedStamp[next] === gen) continue;
      if (stamp[next] === gen && gScore[next]! <= g) continue;
      stamp[next] = gen;
      gScore[next] = g;
      parent[next] = cell;
      // Key = f * 4096 - g: ties on f prefer the deeper node, which keeps the search narrow.
      size = heapPush(size, next, (g + heuristic(next, width, goals)) * 4096 - g);
    }
  }
  return null;
}

/**
 * Breadth-first distances from `start` into `out` (-1 where unreachable). `out.length` must equal
 * `kinds.length`. The start cell is always entered.
 */
export function distanceField(kinds: Uint8Array, width: number, start: number, out: Int32Array, allow = 0): Int32Array {
  out.fill(-1);
  ensureCapacity(kinds.length);
  const queue = heapNode; // reused as a plain FIFO here
  const height = kinds.length / width;
  let head = 0;
  let tail = 0;
  out[start] = 0;
  queue[tail++] = start;
  while (head < tail) {
    const cell = queue[head++]!;
    const x = cell % width;
    const y = (cell - x) / width;
    const d = out[cell]! + 1;
    if (y > 0 && out[cell - width] === -1 && passable(kinds[cell - width]!, allow)) (out[cell - width] = d), (queue[tail++] = cell - width);
    if (x < width - 1 && out[cell + 1] === -1 && passable(kinds[cell + 1]!, allow)) (out[cell + 1] = d), (queue[tail++] = cell + 1);
    if (y < height - 1 && out[cell + width] === -1 && passable(kinds[cell + width]!, allow)) (out[cell + width] = d), (queue[tail++] = cell + width);
    if (x > 0 && out[cell - 1] === -1 && passable(kinds[cell - 1]!, allow)) (out[cell - 1] = d), (queue[tail++] = cell - 1);
  }
  return out;
}
