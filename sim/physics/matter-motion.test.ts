import { describe, expect, it } from 'vitest';
import { compileWorld } from '../core/compiled-world.ts';
import type { MotionWorld } from '../core/motion-system.ts';
import { motionWorld } from '../core/motion-world.ts';
import { blockedDoorHouse, twoRoomHouse } from '../core/test-worlds.ts';
import type { Cell } from '../core/world-spec.ts';
import { initialState } from '../core/world-state.ts';
import { UnknownMovableError, createMatterMotion } from './matter-motion.ts';
import type { MatterMotionSystem } from './matter-motion.ts';

/** The two-room test house as the core would hand it to a motion system. */
function houseWorld(overrides: Partial<MotionWorld> = {}): MotionWorld {
  const world = compileWorld(twoRoomHouse());
  return { ...motionWorld(world, initialState(world)), ...overrides };
}

/** A bare room (x 1–5, y 1–3) with the given movables, agent at (1, 2). */
function bareRoom(movables: MotionWorld['movables'], agentCell: Cell = [1, 2]): MotionWorld {
  return { map: ['#######', '#.....#', '#.....#', '#.....#', '#######'], furnitureCells: [], closedDoorCells: [], agentCell, movables };
}

function loaded(world: MotionWorld): MatterMotionSystem {
  const motion = createMatterMotion();
  motion.load(world);
  return motion;
}

const line = (from: Cell, to: Cell): Cell[] => {
  const cells: Cell[] = [from];
  let [x, y] = from;
  while (x !== to[0] || y !== to[1]) {
    if (x !== to[0]) x += Math.sign(to[0] - x);
    else y += Math.sign(to[1] - y);
    cells.push([x, y]);
  }
  return cells;
};

describe('matter motion: drive', () => {
  it.each<[string, Cell[]]>([
    ['one step', [[2, 3], [2, 2]]],
    ['across the kitchen', line([2, 3], [2, 4]).concat(line([3, 4], [6, 4]))],
    ['through the open door into the living room', [[2, 3], [2, 2], [3, 2], [4, 2], [5, 2], [6, 2], [6, 3], [7, 3], [8, 3], [9, 3], [9, 4]]],
  ])('drives %s to the end cell', (_name, path) => {
    const motion = loaded(houseWorld());
    const outcome = motion.drive(path);
    expect(outcome).toMatchObject({ agentCell: path[path.length - 1], reached: true, movedMovables: [] });
    expect(outcome.ticks).toBeGreaterThan(0);
  });

  it('stays put on a path of length one', () => {
    const outcome = loaded(houseWorld()).drive([[2, 3]]);
    expect(outcome).toMatchObject({ agentCell: [2, 3], reached: true });
  });

  it('is stopped by a wall and reports the last cell it reached', () => {
    const motion = loaded(houseWorld({ agentCell: [5, 2] }));
    const outcome = motion.drive([[5, 2], [6, 2], [7, 2], [8, 2]]);
    expect(outcome).toMatchObject({ agentCell: [6, 2], reached: false });
  });

  it('is stopped by a closed door', () => {
    const motion = loaded(houseWorld({ agentCell: [5, 3], closedDoorCells: [[7, 3]] }));
    expect(motion.drive(line([5, 3], [9, 3]))).toMatchObject({ agentCell: [6, 3], reached: false });
  });

  it('bumps a chair standing on its path and reports where the chair went', () => {
    const motion = loaded(bareRoom([{ id: 'chair 1', type: 'chair', cell: [3, 2] }]));
    const outcome = motion.drive(line([1, 2], [3, 2]));
    expect(outcome.agentCell).toEqual([3, 2]);
    expect(outcome.movedMovables).toEqual([{ id: 'chair 1', cell: [4, 2] }]);
  });

  it('cannot drive through a chair pinned against a wall', () => {
    const motion = loaded(bareRoom([{ id: 'chair 1', type: 'chair', cell: [5, 2] }], [3, 2]));
    expect(motion.drive(line([3, 2], [5, 2]))).toMatchObject({ reached: false, movedMovables: [] });
  });

  it('starts each action from the reported cells, not from where bodies drifted', () => {
    const motion = loaded(bareRoom([{ id: 'chair 1', type: 'chair', cell: [3, 2] }]));
    motion.drive(line([1, 2], [3, 2]));
    const fresh = loaded(bareRoom([{ id: 'chair 1', type: 'chair', cell: [4, 2] }], [3, 2]));
    expect(motion.drive(line([3, 2], [3, 1]))).toEqual(fresh.drive(line([3, 2], [3, 1])));
    expect(motion.bodyStates()).toEqual(fresh.bodyStates());
  });
});

describe('matter motion: push', () => {
  it('pushes a chair off the doorway into the target cell by physics', () => {
    const world = houseWorld({ movables: [{ id: 'chair 1', type: 'chair', cell: [7, 3] }], agentCell: [4, 3] });
    const motion = loaded(world);
    const outcome = motion.push('chair 1', [[4, 3], [4, 4], [5, 4], [6, 4], [6, 3]], [8, 3]);
    expect(outcome).toMatchObject({ agentCell: [6, 3], reached: true, movedMovables: [{ id: 'chair 1', cell: [8, 3] }] });
    expect(motion.stats().pushFallbacks).toBe(0);
  });

  it.each<[string, MotionWorld, Cell[], Cell, 'pushesFromOtherSide' | 'pushesDragged' | null]>([
    ['straight ahead', bareRoom([{ id: 'box 1', type: 'box', cell: [2, 2] }]), [[1, 2]], [3, 2], null],
    ['after walking round behind it', bareRoom([{ id: 'chair 1', type: 'chair', cell: [2, 2] }]), [[1, 2]], [2, 1], 'pushesFromOtherSide'],
    ['sideways by dragging it along a wall', bareRoom([{ id: 'chair 1', type: 'chair', cell: [2, 3] }], [3, 3]), [[3, 3]], [2, 2], 'pushesDragged'],
    ['a laundry basket out of a corner', bareRoom([{ id: 'laundrybasket 1', type: 'laundrybasket', cell: [5, 3] }], [4, 3]), [[4, 3]], [5, 2], 'pushesDragged'],
  ])('moves the item %s without the fallback placement', (_name, world, approach, target, counter) => {
    const motion = loaded(world);
    const id = world.movables[0]!.id;
    const outcome = motion.push(id, approach, target);
    expect(outcome).toMatchObject({ agentCell: approach[approach.length - 1], reached: true, movedMovables: [{ id, cell: target }] });
    expect(motion.stats().pushFallbacks).toBe(0);
    if (counter) expect(motion.stats()[counter]).toBe(1);
  });

  it('places the item on the target when physics cannot move it there (symbolic outcome wins)', () => {
    // The target is a floor nook below the box: nobody fits behind the box (wall), and the cell
    // beside the agent is a wall too, so neither a shove nor a drag can do it.
    const world: MotionWorld = { map: ['#####', '#...#', '##.##', '#####'], furnitureCells: [], closedDoorCells: [], agentCell: [1, 1], movables: [{ id: 'box 1', type: 'box', cell: [2, 1] }] };
    const motion = loaded(world);
    const outcome = motion.push('box 1', [[1, 1]], [2, 2]);
    expect(outcome.movedMovables).toEqual([{ id: 'box 1', cell: [2, 2] }]);
    expect(motion.stats().pushFallbacks).toBe(1);
  });

  it('names the closest movable when asked to push an unknown one', () => {
    const motion = loaded(houseWorld());
    expect(() => motion.push('chiar 1', [[2, 3]], [1, 1])).toThrow(UnknownMovableError);
    expect(() => motion.push('chiar 1', [[2, 3]], [1, 1])).toThrow(/did you mean "chair 1"/i);
  });

  it('refuses to move before load', () => {
    expect(() => createMatterMotion().drive([[1, 1]])).toThrow(/before load/);
  });
});

/** A fixed mixed sequence: drives, a bump, pushes (straight and dragged), a blocked drive. */
function scriptedRun(motion: MatterMotionSystem): unknown[] {
  const world = compileWorld(blockedDoorHouse());
  motion.load(motionWorld(world, initialState(world)));
  const log: unknown[] = [];
  const record = (outcome: unknown) => log.push(outcome, motion.bodyStates());
  record(motion.drive([[2, 3], [2, 2], [3, 2], [4, 2], [5, 2], [6, 2], [6, 3]]));
  record(motion.push('chair 1', [[6, 3], [7, 3]], [9, 3]));
  record(motion.drive([[7, 3], [8, 3], [8, 2], [9, 2], [10, 2], [11, 2], [11, 3], [10, 3], [9, 3], [8, 3]]));
  record(motion.push('chair 1', [[8, 3], [8, 4], [9, 4]], [9, 5]));
  record(motion.drive([[9, 4], [9, 5], [10, 5]]));
  record(motion.drive([[9, 4], [9, 3], [9, 2], [9, 1], [10, 1]]));
  return log;
}

describe('matter motion: determinism', () => {
  it('gives bit-identical outcomes and body positions in two fresh systems', () => {
    const a = JSON.stringify(scriptedRun(createMatterMotion()));
    const b = JSON.stringify(scriptedRun(createMatterMotion()));
    expect(a).toBe(b);
    expect(a).toContain('chair 1');
  });

  it('gives the same outcomes whether it builds the whole house or only bodies near the path', () => {
    const near = scriptedRun(createMatterMotion()).filter((_, i) => i % 2 === 0);
    const whole = scriptedRun(createMatterMotion({ margin: Infinity })).filter((_, i) => i % 2 === 0);
    expect(whole).toEqual(near);
  });

  it('never lets a body rotate, even when bumped off-centre and dragged', () => {
    const motion = createMatterMotion();
    scriptedRun(motion);
    motion.load(bareRoom([{ id: 'chair 1', type: 'chair', cell: [3, 2] }, { id: 'box 1', type: 'box', cell: [4, 1] }]));
    motion.drive(line([1, 2], [3, 2]).concat(line([3, 1], [5, 1])));
    expect(motion.stats().maxAbsAngle).toBe(0);
    expect(motion.stats().ticks).toBeGreaterThan(100);
    for (const body of motion.bodyStates()) expect(body.angle).toBe(0);
  });
});
