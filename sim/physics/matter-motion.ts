/**
 * The matter-js motion system: drives an agent body through the house at a fixed 1/60 s step;
 * movable floor items (chair, box, laundry basket) are dynamic bodies that get bumped and pushed.
 *
 * Why the outcomes are deterministic (same `load` + same calls → bit-identical results, in Node
 * and in browsers):
 * - Symbolic cells are the truth. Every action rebuilds its scene (fresh engine, fresh dynamic
 *   bodies at cell centres, zero velocities, no contact cache) from plain cells, and reports
 *   positions rounded down to cells. Nothing physical carries over between actions, so a
 *   restored snapshot behaves exactly like the run it was taken from.
 * - No rotation: every dynamic body has infinite inertia, so angles and angular velocities stay
 *   exactly 0 and matter-js never calls Math.sin/cos (which JS engines may round differently —
 *   the known cross-engine divergence). The agent is an octagon with written-out vertices rather
 *   than `Bodies.circle`, which computes its vertices with sin/cos.
 * - The rest is IEEE arithmetic and Math.sqrt (correctly rounded everywhere) at a fixed step
 *   (`Engine.update(engine, 1000/60)`), in a fixed body order; no randomness, no wall clock.
 *   (The drag constraint rotates its anchor by angle 0; cos(0) = 1 and sin(0) = 0 exactly by
 *   the ECMAScript spec. The broadphase sort is stable since ES2019.)
 * - Every loop has tick caps, so even a stuck body ends the action.
 *
 * If physics fails to bring a pushed item onto the core's target cell, the item is placed there
 * (the symbolic outcome wins); `stats().pushFallbacks` counts how often.
 *
 * With a `MotionRecording` passed to `drive`/`push`, a MotionTape (motion-tape.ts) reads the
 * bodies' positions after every tick for the renderer; without one nothing is recorded.
 */
import Matter from 'matter-js';
import { closest } from 'fastest-levenshtein';
import type { Cell } from '../core/world-spec.ts';
import type { MotionOutcome, MotionSystem, MotionWorld } from '../core/motion-system.ts';
import { cellFrame } from '../core/motion-frames.ts';
import type { MotionRecording } from '../core/motion-frames.ts';
import { drag, driveThrough, shove, TICK_MS } from './agent-driver.ts';
import type { Scene } from './agent-driver.ts';
import { MotionGrid, sameCell } from './motion-grid.ts';
import { MotionTape } from './motion-tape.ts';
import { buildStatics, cellCentre, cellOf, createAgentBody, createEngine, createMovableBody, movableHalfSize } from './scene.ts';
import type { StaticPiece } from './scene.ts';

const { Body } = Matter;

export interface MatterMotionOptions {
  /**
   * Build only the static bodies (and movables) within this many cells of the cells an action
   * touches; default 2. `Infinity` builds the whole house every action.
   */
  margin?: number;
}

/** Counters since creation (not reset by `load`). */
export interface MatterMotionStats {
  drives: number;
  pushes: number;
  /** Pushes whose target was not straight ahead, so the agent walked round the item first. */
  pushesFromOtherSide: number;
  /** Sideways targets nobody could get behind: the agent dragged the item alongside instead. */
  pushesDragged: number;
  /** Pushes where physics did not bring the item onto the target and it was placed there. */
  pushFallbacks: number;
  /** Final positions that rounded onto an impossible cell and were replaced by a safe one. */
  cellConflicts: number;
  ticks: number;
  /** Largest |angle| any dynamic body ever had (0 while rotation is locked). */
  maxAbsAngle: number;
  /** Bodies in the last action's engine. */
  lastBodyCount: number;
}

/** A body's raw state at the end of the last action (for determinism checks and debugging). */
export interface BodyState {
  label: string;
  x: number;
  y: number;
  angle: number;
}

export interface MatterMotionSystem extends MotionSystem {
  readonly mode: 'matter';
  stats(): MatterMotionStats;
  /** Raw positions of the dynamic bodies when the last action ended, agent last. */
  bodyStates(): BodyState[];
}

/** Thrown by `push` for an id that is not a loaded movable. */
export class UnknownMovableError extends Error {
  constructor(
    readonly id: string,
    readonly known: readonly string[],
  ) {
    const hint = known.length > 0 ? ` Did you mean "${closest(id, [...known])}"?` : '';
    super(`push: no movable "${id}" in the loaded world.${hint} Known movables: ${known.join(', ') || 'none'}.`);
    this.name = 'UnknownMovableError';
  }
}

interface Item {
  id: string;
  type: string;
  cell: Cell;
}

interface LiveScene extends Scene {
  items: { item: Item; body: Matter.Body }[];
  /** Only when the caller records frames. */
  tape?: MotionTape;
}

type Box = [number, number, number, number];

function boxAround(cells: readonly Cell[], margin: number): Box {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of cells) [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
  return [x0 - margin, y0 - margin, x1 + margin, y1 + margin];
}

const overlaps = (a: Box, b: Box): boolean => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];

/** The axis step from `a` to its 4-neighbour `b`, or null when they are not neighbours. */
function axisStep(a: Cell, b: Cell): { x: number; y: number } | null {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  return Math.abs(dx) + Math.abs(dy) === 1 ? { x: dx, y: dy } : null;
}

/** Creates the matter-js motion system. Call `load` before `drive`/`push`. */
export function createMatterMotion(options: MatterMotionOptions = {}): MatterMotionSystem {
  const margin = options.margin ?? 2;
  const stats: MatterMotionStats = { drives: 0, pushes: 0, pushesFromOtherSide: 0, pushesDragged: 0, pushFallbacks: 0, cellConflicts: 0, ticks: 0, maxAbsAngle: 0, lastBodyCount: 0 };
  let grid: MotionGrid | null = null;
  let statics: StaticPiece[] = [];
  let agentCell: Cell = [0, 0];
  let items: Item[] = [];
  let last: LiveScene | null = null;

  function loadedGrid(method: string): MotionGrid {
    if (!grid) throw new Error(`matter motion: ${method}() called before load(world). Call load() with the MotionWorld first.`);
    return grid;
  }

  /** A fresh scene holding the bodies near `cells` (statics first, then movables, agent last). */
  function buildScene(cells: readonly Cell[], recording: MotionRecording | undefined): LiveScene {
    const box = boxAround([agentCell, ...cells], margin);
    const staticBodies = statics.filter((piece) => overlaps(piece.rect, box)).map((piece) => piece.body);
    const near = items.filter(({ cell: [x, y] }) => overlaps([x, y, x, y], box));
    const sceneItems = near.map((item) => ({ item, body: createMovableBody(item.id, item.type, item.cell) }));
    const agent = createAgentBody(agentCell);
    const dynamic = [...sceneItems.map((s) => s.body), agent];
    const engine = createEngine([...staticBodies, ...dynamic]);
    stats.lastBodyCount = staticBodies.length + dynamic.length;
    const scene: LiveScene = { engine, agent, dynamic, items: sceneItems, ticks: 0, maxAbsAngle: 0 };
    if (recording) {
      const tape = new MotionTape(agent, sceneItems.map(({ item, body }) => ({ id: item.id, body })));
      scene.tape = tape;
      scene.onTick = () => tape.sample();
    }
    return scene;
  }

  /** Rounds bodies to cells, keeps them consistent, updates the plain copy, builds the outcome. */
  function finish(scene: LiveScene, safeAgentCell: Cell, goal: Cell, recording: MotionRecording | undefined): MotionOutcome {
    const g = loadedGrid('finish');
    const taken: Cell[] = [];
    const movedMovables: MotionOutcome['movedMovables'] = [];
    for (const { item, body } of scene.items) {
      let cell: Cell = cellOf(body.position);
      if (!g.isFloor(cell) || taken.some((c) => sameCell(c, cell))) {
        stats.cellConflicts++;
        cell = item.cell;
      }
      taken.push(cell);
      if (!sameCell(cell, item.cell)) {
        item.cell = cell;
        movedMovables.push({ id: item.id, cell });
      }
    }
    let cell: Cell = cellOf(scene.agent.position);
    if (!g.isFloor(cell) || taken.some((c) => sameCell(c, cell))) {
      stats.cellConflicts++;
      cell = safeAgentCell;
    }
    agentCell = cell;
    stats.ticks += scene.ticks;
    stats.maxAbsAngle = Math.max(stats.maxAbsAngle, scene.maxAbsAngle);
    last = scene;
    const outcome: MotionOutcome = { agentCell: cell, movedMovables, reached: sameCell(cell, goal), ticks: scene.ticks };
    if (recording) scene.tape!.writeTo(recording, outcome);
    return outcome;
  }

  function drive(path: Cell[], recording?: MotionRecording): MotionOutcome {
    loadedGrid('drive');
    stats.drives++;
    if (path.length === 0) {
      const outcome: MotionOutcome = { agentCell, movedMovables: [], reached: true, ticks: 0 };
      if (recording) {
        recording.frameSeconds = TICK_MS / 1000;
        recording.frames.push(cellFrame(agentCell));
      }
      return outcome;
    }
    const scene = buildScene(path, recording);
    const reached = driveThrough(scene, path.map(cellCentre));
    return finish(scene, path[Math.max(0, reached - 1)] ?? agentCell, path[path.length - 1]!, recording);
  }

  /** Walks from the approach cell round to the side opposite the target (null when impossible). */
  function routeBehind(from: Cell, itemCell: Cell, target: Cell): Cell[] | null {
    const behind: Cell = [2 * itemCell[0] - target[0], 2 * itemCell[1] - target[1]];
    if (sameCell(behind, from)) return [from];
    stats.pushesFromOtherSide++;
    const others = items.map((i) => i.cell);
    return loadedGrid('push').route(from, behind, [itemCell, target, ...others]);
  }

  /**
   * Moves the item onto `target` by physics, from the agent standing at `stand`: a straight
   * shove (walking round behind the item first if needed), else a sideways drag. Returns the
   * cells that lead the agent back to `stand`.
   */
  function moveItem(scene: LiveScene, live: LiveScene['items'][number], stand: Cell, target: Cell, behind: Cell[] | null): Cell[] {
    const start = live.item.cell;
    const dir = axisStep(start, target)!;
    if (behind) {
      const walked = driveThrough(scene, behind.map(cellCentre));
      if (walked < behind.length) return behind.slice(0, walked).reverse();
      shove(scene, live.body, movableHalfSize(live.item.type), cellCentre(target), dir);
      return [start, ...behind.slice().reverse()];
    }
    const beside: Cell = [stand[0] + dir.x, stand[1] + dir.y];
    if (!loadedGrid('push').isFloor(beside) || items.some((i) => sameCell(i.cell, beside))) return [];
    stats.pushesDragged++;
    drag(scene, live.body, cellCentre(beside));
    return [stand];
  }

  function push(movableId: string, approach: Cell[], target: Cell, recording?: MotionRecording): MotionOutcome {
    loadedGrid('push');
    stats.pushes++;
    const item = items.find((i) => i.id === movableId);
    if (!item) throw new UnknownMovableError(movableId, items.map((i) => i.id));
    const stand = approach[approach.length - 1] ?? agentCell;
    const adjacent = axisStep(item.cell, target) !== null;
    const behind = adjacent ? routeBehind(stand, item.cell, target) : null;
    const beside: Cell = [stand[0] + target[0] - item.cell[0], stand[1] + target[1] - item.cell[1]];
    const scene = buildScene([...approach, item.cell, target, beside, ...(behind ?? [])], recording);
    const walked = driveThrough(scene, approach.map(cellCentre));
    if (walked < approach.length) return finish(scene, approach[Math.max(0, walked - 1)] ?? agentCell, stand, recording);
    const live = scene.items.find((s) => s.item === item)!;
    const back = adjacent ? moveItem(scene, live, stand, target, behind) : [];
    if (!sameCell(cellOf(live.body.position), target)) {
      // Physics fell short: the symbolic outcome wins.
      stats.pushFallbacks++;
      Body.setPosition(live.body, cellCentre(target));
      Body.setVelocity(live.body, { x: 0, y: 0 });
    }
    // Step back to the approach cell, where the kinematic mode leaves the agent too.
    driveThrough(scene, back.map(cellCentre));
    return finish(scene, stand, stand, recording);
  }

  return {
    mode: 'matter',
    load(world: MotionWorld) {
      grid = new MotionGrid(world);
      statics = buildStatics(world);
      agentCell = [world.agentCell[0], world.agentCell[1]];
      items = world.movables.map((m) => ({ id: m.id, type: m.type, cell: [m.cell[0], m.cell[1]] as const }));
      last = null;
    },
    drive,
    push,
    stats: () => ({ ...stats }),
    bodyStates: () => (last?.dynamic ?? []).map((b) => ({ label: b.label, x: b.position.x, y: b.position.y, angle: b.angle })),
  };
}
