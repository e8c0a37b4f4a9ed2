/**
 * Records a matter scene's body positions once per tick and turns them into the frames of a
 * `MotionRecording` (sim/core/motion-frames.ts). Attached to a scene only when the caller asked
 * for frames; it only reads positions, so the physics is the same with or without it.
 */
import type Matter from 'matter-js';
import { cellFrame } from '../core/motion-frames.ts';
import type { MotionFrame, MotionPoint, MotionRecording } from '../core/motion-frames.ts';
import type { MotionOutcome } from '../core/motion-system.ts';
import { TICK_MS } from './agent-driver.ts';
import { CELL } from './scene.ts';

const toCellUnits = (position: Matter.Vector): MotionPoint => [position.x / CELL - 0.5, position.y / CELL - 0.5];

export class MotionTape {
  /** Per sample: the agent's position, then each item's, in cell units. */
  private readonly samples: MotionPoint[][] = [];

  constructor(
    private readonly agent: Matter.Body,
    private readonly items: readonly { id: string; body: Matter.Body }[],
  ) {
    this.sample();
  }

  /** Takes one sample (called once after every tick, and once when the scene is built). */
  sample(): void {
    const points = [toCellUnits(this.agent.position)];
    for (const item of this.items) points.push(toCellUnits(item.body.position));
    this.samples.push(points);
  }

  /** Appends one frame per sample, then one exactly at the outcome's cells. */
  writeTo(recording: MotionRecording, outcome: MotionOutcome): void {
    recording.frameSeconds = TICK_MS / 1000;
    const moved = new Set(outcome.movedMovables.map((m) => m.id));
    const shown = this.items.flatMap((item, index) => (moved.has(item.id) ? [{ id: item.id, index: index + 1 }] : []));
    for (const points of this.samples) {
      const frame: MotionFrame = { agent: points[0]! };
      if (shown.length > 0) frame.movables = Object.fromEntries(shown.map(({ id, index }) => [id, points[index]!]));
      recording.frames.push(frame);
    }
    recording.frames.push(cellFrame(outcome.agentCell, outcome.movedMovables));
  }
}
