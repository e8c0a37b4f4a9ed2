/**
 * The default motion system: no physics. The agent teleports along the path (always arriving),
 * a pushed item lands exactly on its target. Keeps its own copy of the cells only to answer
 * consistently (and to record frames when asked); the core's state stays the source of truth.
 */
import type { Cell } from './world-spec.ts';
import { cellFrame, KINEMATIC_FRAME_SECONDS } from './motion-frames.ts';
import type { MotionRecording } from './motion-frames.ts';
import type { MotionOutcome, MotionSystem, MotionWorld } from './motion-system.ts';

export function createKinematicMotion(): MotionSystem {
  let agentCell: Cell = [0, 0];
  const movableCells = new Map<string, Cell>();

  /** Frames: one per cell walked; after a push, one more with the item on its target. */
  function record(recording: MotionRecording, walked: readonly Cell[], pushed?: { id: string; from: Cell; to: Cell }): void {
    recording.frameSeconds = KINEMATIC_FRAME_SECONDS;
    const cells = walked.length > 0 ? walked : [agentCell];
    for (const cell of cells) recording.frames.push(cellFrame(cell, pushed && [{ id: pushed.id, cell: pushed.from }]));
    if (pushed) recording.frames.push(cellFrame(cells[cells.length - 1]!, [{ id: pushed.id, cell: pushed.to }]));
  }

  return {
    mode: 'kinematic',
    load(world: MotionWorld) {
      agentCell = world.agentCell;
      movableCells.clear();
      for (const movable of world.movables) movableCells.set(movable.id, movable.cell);
    },
    drive(path: Cell[], recording?: MotionRecording): MotionOutcome {
      if (recording) record(recording, path);
      agentCell = path[path.length - 1] ?? agentCell;
      return { agentCell, movedMovables: [], reached: true, ticks: 0 };
    },
    push(movableId: string, approach: Cell[], target: Cell, recording?: MotionRecording): MotionOutcome {
      if (recording) record(recording, approach, { id: movableId, from: movableCells.get(movableId) ?? target, to: target });
      agentCell = approach[approach.length - 1] ?? agentCell;
      movableCells.set(movableId, target);
      return { agentCell, movedMovables: [{ id: movableId, cell: target }], reached: true, ticks: 0 };
    },
  };
}
