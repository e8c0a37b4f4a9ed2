/** Builds the plain MotionWorld a motion system loads, from the compiled world and a state. */
import type { CompiledWorld } from './compiled-world.ts';
import type { MotionWorld } from './motion-system.ts';
import type { WorldState } from './world-state.ts';

export function motionWorld(world: CompiledWorld, state: WorldState): MotionWorld {
  return {
    map: world.spec.map,
    furnitureCells: [...world.receptacles.values()].map((r) => r.cell),
    closedDoorCells: world.doorIds.filter((id) => !state.doors[id]).map((id) => world.doors.get(id)!.cell),
    agentCell: state.agent.cell,
    movables: Object.keys(state.movables).map((id) => ({ id, type: world.movableTypes.get(id)!, cell: state.movables[id]! })),
  };
}
