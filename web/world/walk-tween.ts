/**
 * The walking animation's arithmetic, apart from pixi: where the agent (and any item it moved) is
 * drawn a given time into a step's motion frames (sim/core/motion-frames.ts), at a speed setting.
 * Frames are a `frameSeconds` apart at 1×; between two frames positions are interpolated linearly.
 */
import type { MotionPoint, StepMotion } from '../../sim/index.ts';

/** The speed settings offered in the views; `instant` draws the step's end at once. */
export const WALK_SPEEDS = ['1x', '4x', 'instant'] as const;
export type WalkSpeed = (typeof WALK_SPEEDS)[number];

const MULTIPLIER: Record<WalkSpeed, number> = { '1x': 1, '4x': 4, instant: Infinity };

/** Playback rate of a setting: Infinity (no animation) for `instant`, and whenever reduced motion is asked for. */
export function walkRate(speed: WalkSpeed, reducedMotion: boolean): number {
  return reducedMotion ? Infinity : MULTIPLIER[speed];
}

/** How long the motion plays at `rate`, in ms (0 when instant or when there is nothing to play). */
export function walkDurationMs(motion: StepMotion, rate: number): number {
  if (!Number.isFinite(rate) || rate <= 0) return 0;
  return (Math.max(0, motion.frames.length - 1) * motion.frameSeconds * 1000) / rate;
}

/** The movables the motion moves (those any frame names): a walk draws them apart from the still house. */
export function movedMovables(motion: StepMotion): Set<string> {
  return new Set(motion.frames.flatMap((frame) => Object.keys(frame.movables ?? {})));
}

/**
 * Whether the agent or a moved item, drawn a cell wide from its position, overlaps a cell for
 * which `test(x, y)` holds at any time of the walk (between two frames it moves in a straight line).
 */
export function walkTouches(motion: StepMotion, test: (x: number, y: number) => boolean): boolean {
  const tracks = [motion.frames.map((frame) => frame.agent)];
  for (const id of movedMovables(motion)) tracks.push(motion.frames.flatMap((frame) => (frame.movables?.[id] ? [frame.movables[id]] : [])));
  for (const track of tracks) {
    for (const [i, from] of track.entries()) {
      const to = track[i + 1] ?? from;
      for (let x = Math.floor(Math.min(from[0], to[0])); x <= Math.ceil(Math.max(from[0], to[0])); x++) {
        for (let y = Math.floor(Math.min(from[1], to[1])); y <= Math.ceil(Math.max(from[1], to[1])); y++) if (test(x, y)) return true;
      }
    }
  }
  return false;
}

export interface WalkPose {
  agent: MotionPoint;
  /** The movables this motion moves, where they are drawn now (cell units). */
  movables: Record<string, MotionPoint>;
  /** The motion has played to its last frame. */
  done: boolean;
}

const lerp = (a: MotionPoint, b: MotionPoint, t: number): MotionPoint => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];

/** The pose `elapsedMs` after the motion started, at `rate`. At or past the end: exactly the last frame. */
export function walkPose(motion: StepMotion, elapsedMs: number, rate: number): WalkPose {
  const { frames } = motion;
  const last = frames[frames.length - 1];
  if (!last) throw new Error('walkPose: the motion has no frames; a StepMotion always has at least one (its start).');
  const duration = walkDurationMs(motion, rate);
  if (elapsedMs >= duration) return { agent: last.agent, movables: { ...last.movables }, done: true };
  const position = Math.max(0, elapsedMs / duration) * (frames.length - 1);
  const index = Math.floor(position);
  const t = position - index;
  const [from, to] = [frames[index]!, frames[index + 1]!];
  const movables: Record<string, MotionPoint> = {};
  for (const [id, at] of Object.entries(to.movables ?? {})) movables[id] = lerp(from.movables?.[id] ?? at, at, t);
  return { agent: lerp(from.agent, to.agent, t), movables, done: false };
}
