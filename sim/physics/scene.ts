/**
 * Builds matter-js bodies from the plain MotionWorld. Static geometry (walls merged into
 * rectangles, furniture cells, closed doors) is built once per `load`; the agent and movable
 * items are created fresh for every action, so each action starts from a scene that is a pure
 * function of the symbolic cells (see matter-motion.ts for the determinism argument).
 *
 * No trigonometry anywhere: the agent is an octagon with hard-coded vertex ratios rather than
 * `Bodies.circle` (which calls Math.cos/sin, not guaranteed bit-identical across JS engines).
 */
import Matter from 'matter-js';
import type { Cell } from '../core/world-spec.ts';
import type { MotionWorld } from '../core/motion-system.ts';

const { Bodies, Body, Composite, Engine } = Matter;

/** World units per grid cell. */
export const CELL = 32;
/** Agent "radius" (centre to flat side of the octagon). Leaves 5 units to a neighbouring wall. */
export const AGENT_RADIUS = 11;
/** tan(22.5°) written out, so octagon vertices never depend on Math.sin/cos. */
const OCTAGON_RATIO = 0.4142135623730951;

/** Half the side of a movable's square body, per type (fractions of a cell, as units). */
const MOVABLE_HALF: Readonly<Record<string, number>> = { chair: 12, box: 13, laundrybasket: 11 };
const DEFAULT_MOVABLE_HALF = 12;

/** Centre of a cell in world units. */
export function cellCentre(cell: Cell): { x: number; y: number } {
  return { x: cell[0] * CELL + CELL / 2, y: cell[1] * CELL + CELL / 2 };
}

/** The cell a world position lies in (positions are rounded to cells; cells are truth). */
export function cellOf(position: { x: number; y: number }): [number, number] {
  return [Math.floor(position.x / CELL), Math.floor(position.y / CELL)];
}

export function movableHalfSize(type: string): number {
  return MOVABLE_HALF[type] ?? DEFAULT_MOVABLE_HALF;
}

/** Axis-aligned cell rectangle `[x0, y0, x1, y1]` (inclusive cells). */
export type CellRect = [number, number, number, number];

/**
 * Wall cells merged into few rectangles: horizontal runs per row, then runs with the same x-span
 * in consecutive rows joined. A 16×7 house becomes ~4 bodies instead of ~50.
 */
export function mergeWallRuns(map: readonly string[]): CellRect[] {
  const done: CellRect[] = [];
  let open = new Map<string, CellRect>();
  map.forEach((row, y) => {
    const next = new Map<string, CellRect>();
    let x = 0;
    while (x < row.length) {
      if (row[x] !== '#') { x++; continue; }
      const x0 = x;
      while (x < row.length && row[x] === '#') x++;
      const key = `${x0},${x - 1}`;
      const rect = open.get(key);
      if (rect) { rect[3] = y; open.delete(key); next.set(key, rect); }
      else next.set(key, [x0, y, x - 1, y]);
    }
    for (const rect of open.values()) done.push(rect);
    open = next;
  });
  for (const rect of open.values()) done.push(rect);
  return done.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
}

/** A static body covering whole cells. */
function staticRect(rect: CellRect, label: string): Matter.Body {
  const [x0, y0, x1, y1] = rect;
  const width = (x1 - x0 + 1) * CELL;
  const height = (y1 - y0 + 1) * CELL;
  return Bodies.rectangle(x0 * CELL + width / 2, y0 * CELL + height / 2, width, height, {
    isStatic: true,
    label,
    friction: 0,
    restitution: 0,
  });
}

/** Static geometry plus its cell bounds, for picking the bodies near a path. */
export interface StaticPiece {
  body: Matter.Body;
  rect: CellRect;
}

export function buildStatics(world: MotionWorld): StaticPiece[] {
  const pieces: StaticPiece[] = mergeWallRuns(world.map).map((rect) => ({ rect, body: staticRect(rect, 'wall') }));
  const single = (cell: Cell, label: string): StaticPiece => {
    const rect: CellRect = [cell[0], cell[1], cell[0], cell[1]];
    return { rect, body: staticRect(rect, label) };
  };
  for (const cell of world.furnitureCells) pieces.push(single(cell, 'furniture'));
  for (const cell of world.closedDoorCells) pieces.push(single(cell, 'closed-door'));
  return pieces;
}

function lockRotation(body: Matter.Body): Matter.Body {
  Body.setInertia(body, Infinity);
  Body.setAngularVelocity(body, 0);
  return body;
}

/** The agent: a heavy, frictionless octagon driven by setting its velocity every tick. */
export function createAgentBody(cell: Cell): Matter.Body {
  const r = AGENT_RADIUS;
  const k = r * OCTAGON_RATIO;
  const vertices = [
    { x: r, y: k }, { x: k, y: r }, { x: -k, y: r }, { x: -r, y: k },
    { x: -r, y: -k }, { x: -k, y: -r }, { x: k, y: -r }, { x: r, y: -k },
  ];
  const body = Body.create({
    label: 'agent',
    position: cellCentre(cell),
    vertices,
    density: 0.02,
    friction: 0,
    frictionAir: 0,
    frictionStatic: 0,
    restitution: 0,
    inertia: Infinity,
  });
  return lockRotation(body);
}

/** A movable floor item: a light square with air friction, so it slides a little and stops. */
export function createMovableBody(id: string, type: string, cell: Cell): Matter.Body {
  const half = movableHalfSize(type);
  const { x, y } = cellCentre(cell);
  const body = Bodies.rectangle(x, y, half * 2, half * 2, {
    label: id,
    density: 0.002,
    friction: 0.05,
    frictionAir: 0.25,
    restitution: 0,
    inertia: Infinity,
  });
  return lockRotation(body);
}

/** A fresh engine (zero gravity, default iterations) holding the given bodies in order. */
export function createEngine(bodies: Matter.Body[]): Matter.Engine {
  const engine = Engine.create({ gravity: { x: 0, y: 0, scale: 0 }, enableSleeping: false });
  Composite.add(engine.world, bodies);
  return engine;
}
