/**
 * The default motion system: no physics. The agent teleports along the path (always arriving),
 * a pushed item lands exactly on its target. Keeps its own copy of the cells only to answer
 * consistently; the core's state stays the source of truth.
 */
import type { Cell } from './world-spec.ts';
import type { MotionOutcome, MotionSystem, MotionWorld } from './motion-system.ts';

export function createKinematicMotion(): MotionSystem {
  let agentCell: Cell = [0, 0];
  return {
    mode: 'kinematic',
    load(world: MotionWorld) {
      agentCell = world.agentCell;
    },
    drive(path: Cell[]): MotionOutcome {
      agentCell = path[path.length - 1] ?? agentCell;
      return { agentCell, movedMovables: [], reached: true, ticks: 0 };
    },
    push(movableId: string, approach: Cell[], target: Cell): MotionOutcome {
      agentCell = approach[approach.length - 1] ?? agentCell;
      return { agentCell, movedMovables: [{ id: movableId, cell: target }], reached: true, ticks: 0 };
    },
  };
}
