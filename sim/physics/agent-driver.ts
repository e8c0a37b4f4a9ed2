/**
 * The tick loop: steers the agent body through waypoints and shoves an item, at a fixed 1/60 s
 * step. Velocity is set every tick (capped speed, straight at the waypoint), so the agent's
 * motion never accumulates drift; every loop has a tick cap and a no-progress cap, so nothing
 * can hang whatever the bodies do.
 */
import Matter from 'matter-js';
import { AGENT_RADIUS, CELL } from './scene.ts';

const { Body, Composite, Constraint, Engine } = Matter;

/** The fixed physics step, in ms. Equal to matter-js's base delta, so no time correction applies. */
export const TICK_MS = 1000 / 60;
/** Agent speed cap in units per tick (a cell every 6.4 ticks). */
export const AGENT_SPEED = 5;
/** A waypoint counts as reached within this distance. */
const WAYPOINT_TOLERANCE = 0.5;
/** Stop when the distance to the waypoint has not shrunk by this much … */
const PROGRESS_EPSILON = 0.05;
/** … for this many ticks in a row. */
export const STALL_TICKS = 12;
/** Hard cap per waypoint: four times the free-running time of one cell, plus slack. */
const WAYPOINT_TICK_CAP = Math.ceil((4 * CELL) / AGENT_SPEED) + 30;
/** Hard cap on the shove itself (approach + push one cell + settling). */
const PUSH_TICK_CAP = 240;
/** Ticks to let a shoved item slide to rest after the agent stops. */
const SETTLE_TICK_CAP = 40;

type Point = { x: number; y: number };
/** matter-js keeps this per body (warm starting) but @types/matter-js does not declare it. */
type WarmStarted = Matter.Body & { constraintImpulse: { x: number; y: number; angle: number } };

/** One action's live bodies plus counters. */
export interface Scene {
  engine: Matter.Engine;
  agent: Matter.Body;
  /** Dynamic bodies whose angle must stay 0 (agent and movables). */
  dynamic: Matter.Body[];
  ticks: number;
  /** Largest |angle| seen on any dynamic body after any tick (0 when rotation is locked). */
  maxAbsAngle: number;
  /** Called after every tick when the caller records frames (motion-tape.ts); only reads. */
  onTick?: () => void;
}

/** Advances the scene one fixed step and records the largest angle seen. */
export function tick(scene: Scene): void {
  Engine.update(scene.engine, TICK_MS);
  scene.ticks++;
  for (const body of scene.dynamic) {
    const angle = Math.abs(body.angle);
    if (angle > scene.maxAbsAngle) scene.maxAbsAngle = angle;
  }
  scene.onTick?.();
}

function distance(a: Point, b: Point): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  return Math.sqrt(dx * dx + dy * dy);
}

/** Sets the agent's velocity toward `goal`, at most `speed` (landing exactly when close). */
function steer(agent: Matter.Body, goal: Point, speed: number): void {
  const dx = goal.x - agent.position.x;
  const dy = goal.y - agent.position.y;
  const dist = Math.sqrt(dx * dx + dy * dy);
  if (dist === 0) return Body.setVelocity(agent, { x: 0, y: 0 });
  const scale = Math.min(speed, dist) / dist;
  Body.setVelocity(agent, { x: dx * scale, y: dy * scale });
}

/** Drives to one point; false when stalled or over the tick cap. */
export function driveToPoint(scene: Scene, goal: Point, speed = AGENT_SPEED, cap = WAYPOINT_TICK_CAP): boolean {
  let best = distance(scene.agent.position, goal);
  let stall = 0;
  for (let used = 0; best > WAYPOINT_TOLERANCE; used++) {
    if (used >= cap || stall >= STALL_TICKS) return false;
    steer(scene.agent, goal, speed);
    tick(scene);
    const now = distance(scene.agent.position, goal);
    if (now < best - PROGRESS_EPSILON) {
      best = now;
      stall = 0;
    } else stall++;
  }
  return true;
}

/**
 * Drives through the points in order. Returns how many were reached (all of them on success);
 * the agent is stopped (zero velocity) either way.
 */
export function driveThrough(scene: Scene, points: readonly Point[]): number {
  let reached = 0;
  for (const point of points) {
    if (!driveToPoint(scene, point)) break;
    reached++;
  }
  Body.setVelocity(scene.agent, { x: 0, y: 0 });
  return reached;
}

/**
 * Shoves `item` one cell along the unit axis `dir` (the agent must stand behind it, on the same
 * line). The agent heads for the spot where it would touch the item resting on `goal`, slowing
 * as it nears so the item does not slide past; then the item is left to come to rest.
 */
export function shove(scene: Scene, item: Matter.Body, itemHalf: number, goal: Point, dir: Point): void {
  const reach = AGENT_RADIUS + itemHalf;
  const stop = { x: goal.x - dir.x * reach, y: goal.y - dir.y * reach };
  let best = distance(scene.agent.position, stop);
  let stall = 0;
  for (let used = 0; used < PUSH_TICK_CAP && best > WAYPOINT_TOLERANCE && stall < STALL_TICKS; used++) {
    // Slow down over the last cell so the item arrives with little speed left.
    steer(scene.agent, stop, Math.max(0.5, Math.min(AGENT_SPEED, best * 0.2)));
    tick(scene);
    const now = distance(scene.agent.position, stop);
    if (now < best - PROGRESS_EPSILON) {
      best = now;
      stall = 0;
    } else stall++;
  }
  settle(scene, item);
}

/** Holds the agent still while a moving item comes to rest (capped). */
function settle(scene: Scene, item: Matter.Body): void {
  Body.setVelocity(scene.agent, { x: 0, y: 0 });
  for (let used = 0; used < SETTLE_TICK_CAP && item.speed > 0.01; used++) {
    Body.setVelocity(scene.agent, { x: 0, y: 0 });
    tick(scene);
  }
}

/**
 * Drags `item` sideways: a rigid link (a matter-js constraint) ties it to the agent, which walks
 * to `agentGoal` parallel to the item's way; the link is removed and the item left to rest.
 * Used when the core's target is beside the item and nobody can stand behind it to push.
 */
export function drag(scene: Scene, item: Matter.Body, agentGoal: Point): void {
  // Zero-length link to a point fixed beside the agent, so the item moves parallel, not trailing.
  const offset = { x: item.position.x - scene.agent.position.x, y: item.position.y - scene.agent.position.y };
  const link = Constraint.create({ bodyA: scene.agent, pointA: offset, bodyB: item, pointB: { x: 0, y: 0 }, length: 0, stiffness: 1, damping: 0 });
  Composite.add(scene.engine.world, link);
  driveToPoint(scene, agentGoal, AGENT_SPEED / 2);
  Composite.remove(scene.engine.world, link);
  // matter-js warm-starts constraints; drop the leftover impulse so nothing drifts afterwards.
  for (const body of [scene.agent, item] as WarmStarted[]) body.constraintImpulse = { x: 0, y: 0, angle: 0 };
  settle(scene, item);
}
