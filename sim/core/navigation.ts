/**
 * Route planning for `go to` and `push`, on top of path-finding.ts. Keeps per-episode caches:
 * the dynamic cell kinds (rebuilt only when the doors or movables objects change identity —
 * states are immutable) and found routes keyed by (doors+movables signature, start, target).
 */
import { CELL_DOOR, CELL_FLOOR } from './compiled-world.ts';
import type { CompiledWorld } from './compiled-world.ts';
import {
  ALLOW_CLOSED_DOORS,
  ALLOW_MOVABLES,
  KIND_BLOCKED,
  KIND_CLOSED_DOOR,
  KIND_FREE,
  KIND_MOVABLE,
  distanceField,
  findPath,
} from './path-finding.ts';
import type { WorldState } from './world-state.ts';
import type { Cell } from './world-spec.ts';

/** A planned `go to`: the cells to walk (agent cell first), or why there is no way. */
export type RoutePlan =
  | { ok: true; path: number[]; cells: Cell[] }
  | { ok: false; reason: 'door-closed'; door: string }
  | { ok: false; reason: 'path-blocked'; movable: string }
  | { ok: false; reason: 'unreachable' };

/** A planned push: walk `approach` (agent cell first), then shove the item into `target`. */
export type PushPlan =
  | { ok: true; approach: number[]; target: number }
  | { ok: false; reason: 'unreachable' | 'nothing-to-push' };

const MAX_CACHED_ROUTES = 20_000;

export class Navigator {
  private kinds: Uint8Array;
  private doorsRef: WorldState['doors'] | null = null;
  private movablesRef: WorldState['movables'] | null = null;
  private signature = '';
  /** Routes per doors+movables signature, then per `start * receptacles + target index`. */
  private readonly routesBySignature = new Map<string, Map<number, RoutePlan>>();
  private routes = new Map<number, RoutePlan>();
  private readonly receptacleIndex: Map<string, number>;
  private readonly pushes = new Map<string, PushPlan>();
  private readonly distances: Int32Array;

  constructor(readonly world: CompiledWorld) {
    this.kinds = new Uint8Array(world.base.length);
    this.distances = new Int32Array(world.base.length);
    this.receptacleIndex = new Map(world.receptacleIds.map((id, i) => [id, i]));
  }

  /** Cell kinds for this state's doors and movables (cached by identity). */
  kindsFor(state: WorldState): Uint8Array {
    if (state.doors === this.doorsRef && state.movables === this.movablesRef) return this.kinds;
    const { world } = this;
    const kinds = this.kinds;
    for (let i = 0; i < kinds.length; i++) kinds[i] = world.base[i] === CELL_FLOOR || world.base[i] === CELL_DOOR ? KIND_FREE : KIND_BLOCKED;
    let signature = '';
    for (const id of world.doorIds) {
      const open = state.doors[id] === true;
      if (!open) kinds[world.doors.get(id)!.cellIndex] = KIND_CLOSED_DOOR;
      signature += open ? '1' : '0';
    }
    for (const id in state.movables) {
      const [x, y] = state.movables[id]!;
      kinds[y * world.width + x] = KIND_MOVABLE;
      signature += `|${x},${y}`;
    }
    this.doorsRef = state.doors;
    this.movablesRef = state.movables;
    this.signature = signature;
    let routes = this.routesBySignature.get(signature);
    if (!routes) {
      if (this.routesBySignature.size >= 64) this.routesBySignature.clear();
      routes = new Map();
      this.routesBySignature.set(signature, routes);
    }
    this.routes = routes;
    return kinds;
  }

  /** Free floor cells next to a receptacle where the agent can stand to use it (never door cells). */
  standCells(receptacleId: string): number[] {
    const { world } = this;
    const index = world.receptacles.get(receptacleId)!.cellIndex;
    const w = world.width;
    const x = index % w;
    const candidates = [index - w, x < w - 1 ? index + 1 : -1, index + w, x > 0 ? index - 1 : -1];
    return candidates.filter((c) => c >= 0 && c < world.base.length && world.base[c] === CELL_FLOOR);
  }

  /** Route from the agent to the nearest stand cell of a receptacle, or the reason there is none. */
  planGoTo(state: WorldState, receptacleId: string): RoutePlan {
    const kinds = this.kindsFor(state);
    const { width } = this.world;
    const start = state.agent.cell[1] * width + state.agent.cell[0];
    const key = start * this.receptacleIndex.size + this.receptacleIndex.get(receptacleId)!;
    const cached = this.routes.get(key);
    if (cached) return cached;
    const plan = this.computeRoute(kinds, start, this.standCells(receptacleId));
    if (this.routes.size >= MAX_CACHED_ROUTES) this.routes.clear();
    this.routes.set(key, plan);
    return plan;
  }

  private computeRoute(kinds: Uint8Array, start: number, stands: number[]): RoutePlan {
    const { width } = this.world;
    const free = stands.filter((c) => kinds[c] === KIND_FREE || c === start);
    const path = findPath(kinds, width, start, free);
    if (path) return { ok: true, path, cells: path.map((index) => [index % width, Math.floor(index / width)] as const) };
    // Explain the failure: would it work with movables out of the way? with doors open?
    const throughMovables = findPath(kinds, width, start, stands, ALLOW_MOVABLES);
    if (throughMovables) return { ok: false, reason: 'path-blocked', movable: this.firstOfKind(throughMovables, kinds, KIND_MOVABLE) };
    const throughDoors = findPath(kinds, width, start, free, ALLOW_CLOSED_DOORS) ?? findPath(kinds, width, start, stands, ALLOW_CLOSED_DOORS | ALLOW_MOVABLES);
    if (throughDoors) return { ok: false, reason: 'door-closed', door: this.firstOfKind(throughDoors, kinds, KIND_CLOSED_DOOR) };
    return { ok: false, reason: 'unreachable' };
  }

  /** The id of the first door or movable on a path (kind tells which). */
  private firstOfKind(path: number[], kinds: Uint8Array, kind: number): string {
    const cell = path.find((c) => kinds[c] === kind)!;
    if (kind === KIND_CLOSED_DOOR) return [...this.world.doors.values()].find((d) => d.cellIndex === cell)!.id;
    return this.movableAt(cell) ?? '';
  }

  private movableAt(cell: number): string | undefined {
    const { width } = this.world;
    for (const id in this.movablesRef ?? {}) {
      const [x, y] = this.movablesRef![id]!;
      if (y * width + x === cell) return id;
    }
    return undefined;
  }

  /** Distances from the agent over free cells (-1 unreachable). Valid until the next call. */
  agentDistances(state: WorldState): Int32Array {
    const kinds = this.kindsFor(state);
    return distanceField(kinds, this.world.width, state.agent.cell[1] * this.world.width + state.agent.cell[0], this.distances);
  }

  /** The four neighbours of a cell (N, E, S, W), -1 off the map. */
  neighbours(cell: number): [number, number, number, number] {
    const { width, base } = this.world;
    const x = cell % width;
    return [cell - width, x < width - 1 ? cell + 1 : -1, cell + width < base.length ? cell + width : -1, x > 0 ? cell - 1 : -1];
  }

  /**
   * Chooses where to stand and where the item goes. Prefers the target that leaves the most floor
   * reachable (so a pushed chair never ends up blocking another doorway), then a straight shove,
   * then the nearest approach cell, then N/E/S/W order — deterministic.
   */
  planPush(state: WorldState, movableId: string): PushPlan {
    this.kindsFor(state);
    const key = `${this.signature}#${state.agent.cell[0]},${state.agent.cell[1]}#${movableId}`;
    const cached = this.pushes.get(key);
    if (cached) return cached;
    const plan = this.computePush(state, movableId);
    if (this.pushes.size >= MAX_CACHED_ROUTES) this.pushes.clear();
    this.pushes.set(key, plan);
    return plan;
  }

  private computePush(state: WorldState, movableId: string): PushPlan {
    const { world } = this;
    const [mx, my] = state.movables[movableId]!;
    const item = my * world.width + mx;
    const kinds = this.kindsFor(state);
    const distances = this.agentDistances(state);
    const around = this.neighbours(item);
    const approaches = around.filter((c) => c >= 0 && distances[c]! >= 0);
    if (approaches.length === 0) return { ok: false, reason: 'unreachable' };
    const targets = around.filter((c) => c >= 0 && world.base[c] === CELL_FLOOR && kinds[c] === KIND_FREE);
    let best: { approach: number; target: number; score: number[] } | null = null;
    for (const approach of approaches) {
      for (const target of targets) {
        if (target === approach) continue;
        const score = [-this.reachableAfterPush(kinds, item, target, approach), target === 2 * item - approach ? 0 : 1, distances[approach]!];
        if (!best || compareScores(score, best.score) < 0) best = { approach, target, score };
      }
    }
    if (!best) return { ok: false, reason: 'nothing-to-push' };
    const start = state.agent.cell[1] * world.width + state.agent.cell[0];
    const approachPath = findPath(kinds, world.width, start, [best.approach]) ?? [start];
    return { ok: true, approach: approachPath, target: best.target };
  }

  private reachableAfterPush(kinds: Uint8Array, item: number, target: number, from: number): number {
    const trial = kinds.slice();
    trial[item] = KIND_FREE;
    trial[target] = KIND_MOVABLE;
    const field = distanceField(trial, this.world.width, from, new Int32Array(trial.length), ALLOW_CLOSED_DOORS);
    let count = 0;
    for (let i = 0; i < field.length; i++) if (field[i]! >= 0) count++;
    return count;
  }
}

function compareScores(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}
