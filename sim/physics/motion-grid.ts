/**
 * The static occupancy of a loaded MotionWorld as a flat grid, for two questions the physics
 * adapter asks in cell terms: "may a body rest on this cell?" and "how does the agent get round
 * an item to the side it must push from?" (the core picks sideways targets; physics can only
 * push straight, so the agent walks round first).
 */
import type { Cell } from '../core/world-spec.ts';
import type { MotionWorld } from '../core/motion-system.ts';
import { KIND_BLOCKED, KIND_FREE, findPath } from '../core/path-finding.ts';

export class MotionGrid {
  readonly width: number;
  readonly height: number;
  /** KIND_BLOCKED for walls, furniture and closed doors; KIND_FREE elsewhere. */
  private readonly base: Uint8Array;

  constructor(world: MotionWorld) {
    this.height = world.map.length;
    this.width = world.map.reduce((w, row) => Math.max(w, row.length), 0);
    this.base = new Uint8Array(this.width * this.height).fill(KIND_BLOCKED);
    world.map.forEach((row, y) => {
      for (let x = 0; x < row.length; x++) if (row[x] === '.' || row[x] === '+') this.base[y * this.width + x] = KIND_FREE;
    });
    for (const [x, y] of [...world.furnitureCells, ...world.closedDoorCells]) this.base[y * this.width + x] = KIND_BLOCKED;
  }

  /** Inside the map and not a wall, furniture or closed door. */
  isFloor(cell: Cell): boolean {
    const [x, y] = cell;
    return x >= 0 && y >= 0 && x < this.width && y < this.height && this.base[y * this.width + x] === KIND_FREE;
  }

  /** A 4-neighbour route `from` → `to` over floor cells, never entering `avoid`; null if none. */
  route(from: Cell, to: Cell, avoid: readonly Cell[]): Cell[] | null {
    if (!this.isFloor(to)) return null;
    const kinds = this.base.slice();
    for (const [x, y] of avoid) if (x >= 0 && y >= 0 && x < this.width && y < this.height) kinds[y * this.width + x] = KIND_BLOCKED;
    const start = from[1] * this.width + from[0];
    kinds[start] = KIND_FREE;
    const path = findPath(kinds, this.width, start, [to[1] * this.width + to[0]]);
    return path ? path.map((i) => [i % this.width, Math.floor(i / this.width)] as const) : null;
  }
}

export function sameCell(a: Cell, b: Cell): boolean {
  return a[0] === b[0] && a[1] === b[1];
}
