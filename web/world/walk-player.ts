/**
 * Plays a step's walk on a pixi ticker: the drawn agent (and any item it moved) starts offset
 * from its final place by where the motion starts, and the offset goes down to exactly 0 along
 * the frames (walk-tween.ts). The house itself is drawn once, in the final state.
 */
import type { Container, Ticker } from 'pixi.js';
import type { StepMotion } from '../../sim/index.ts';
import { walkDurationMs, walkPose, type WalkPose } from './walk-tween.ts';

/** The drawn pieces a walk moves: the agent (with what it holds) and each movable it moves, by id. */
export interface MovingParts {
  agent: Container;
  movables: Map<string, Container>;
}

/**
 * Starts the walk; returns a function that ends it at once (drawing its last frame), or null when
 * there is nothing to play (instant rate, a single frame). `onEnd` runs when it ends either way.
 */
export function playWalk(ticker: Ticker, parts: MovingParts, motion: StepMotion, rate: number, cell: number, onEnd: () => void): (() => void) | null {
  if (walkDurationMs(motion, rate) === 0) return null;
  const end = walkPose(motion, Infinity, rate);
  const place = (pose: WalkPose): void => {
    parts.agent.position.set((pose.agent[0] - end.agent[0]) * cell, (pose.agent[1] - end.agent[1]) * cell);
    for (const [id, at] of Object.entries(pose.movables)) {
      const [group, last] = [parts.movables.get(id), end.movables[id]];
      if (group && last) group.position.set((at[0] - last[0]) * cell, (at[1] - last[1]) * cell);
    }
  };
  const started = performance.now();
  let stopped = false;
  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    ticker.remove(onTick);
    place(end);
    onEnd();
  };
  function onTick(): void {
    const pose = walkPose(motion, performance.now() - started, rate);
    place(pose);
    if (pose.done) stop();
  }
  place(walkPose(motion, 0, rate));
  ticker.add(onTick);
  return stop;
}
