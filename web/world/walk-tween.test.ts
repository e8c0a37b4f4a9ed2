import { describe, expect, it } from 'vitest';
import { createEnvWithPhysics, twoRoomHouse, type StepMotion } from '../../sim/index.ts';
import { movedMovables, walkDurationMs, walkPose, walkRate, walkTouches } from './walk-tween.ts';

const motion = (frames: StepMotion['frames'], frameSeconds = 0.1): StepMotion => ({ formatVersion: 1, step: 1, action: 'go to x 1', mode: 'kinematic', frameSeconds, frames });
const walk = motion([{ agent: [2, 3] }, { agent: [3, 3] }, { agent: [3, 4] }]);

describe('walk tween', () => {
  it('plays frames a frameSeconds apart, divided by the rate; instant and reduced motion play nothing', () => {
    expect(walkDurationMs(walk, 1)).toBeCloseTo(200, 9);
    expect(walkDurationMs(walk, 4)).toBeCloseTo(50, 9);
    expect(walkRate('1x', false)).toBe(1);
    expect(walkRate('4x', false)).toBe(4);
    expect(walkRate('instant', false)).toBe(Infinity);
    expect(walkRate('4x', true)).toBe(Infinity);
    expect(walkDurationMs(walk, walkRate('1x', true))).toBe(0);
    expect(walkPose(walk, 0, Infinity)).toEqual({ agent: [3, 4], movables: {}, done: true });
    expect(walkDurationMs(motion([{ agent: [1, 1] }]), 1)).toBe(0);
  });

  it('starts at the first frame, interpolates between frames and ends exactly at the last', () => {
    expect(walkPose(walk, 0, 1)).toMatchObject({ agent: [2, 3], done: false });
    expect(walkPose(walk, 50, 1).agent).toEqual([2.5, 3]);
    expect(walkPose(walk, 150, 1).agent[0]).toBeCloseTo(3, 9);
    expect(walkPose(walk, 150, 1).agent[1]).toBeCloseTo(3.5, 9);
    expect(walkPose(walk, 37.5, 4).agent[1]).toBeCloseTo(3.5, 9);
    expect(walkPose(walk, 200, 1)).toEqual({ agent: [3, 4], movables: {}, done: true });
    expect(walkPose(walk, 1e9, 1).done).toBe(true);
  });

  it('moves a pushed item with the agent, from its old cell to its new one', () => {
    const push = motion([{ agent: [1, 1], movables: { 'chair 1': [2, 1] } }, { agent: [1, 1], movables: { 'chair 1': [3, 1] } }]);
    expect(walkPose(push, 50, 1).movables).toEqual({ 'chair 1': [2.5, 1] });
    expect(walkPose(push, 100, 1).movables).toEqual({ 'chair 1': [3, 1] });
  });

  it('names the movables a motion moves (any frame), none for a plain walk', () => {
    const push = motion([{ agent: [1, 1] }, { agent: [1, 1], movables: { 'chair 1': [3, 1] } }, { agent: [2, 1], movables: { 'box 2': [4, 1] } }]);
    expect([...movedMovables(push)].sort()).toEqual(['box 2', 'chair 1']);
    expect(movedMovables(walk).size).toBe(0);
  });

  it('tells whether the drawn agent or a pushed item ever overlaps a cell, between frames too', () => {
    const at = (cx: number, cy: number) => (x: number, y: number) => x === cx && y === cy;
    // walk: (2,3) → (3,3) → (3,4); drawn a cell wide, it overlaps only cells in those frames' boxes.
    expect(walkTouches(walk, at(2, 3))).toBe(true);
    expect(walkTouches(walk, at(3, 4))).toBe(true);
    expect(walkTouches(walk, at(2, 4))).toBe(false);
    expect(walkTouches(walk, at(4, 3))).toBe(false);
    // A diagonal step also passes over the two cells beside it.
    expect(walkTouches(motion([{ agent: [2, 3] }, { agent: [3, 4] }]), at(2, 4))).toBe(true);
    const push = motion([{ agent: [1, 1], movables: { 'chair 1': [2, 1] } }, { agent: [1, 1], movables: { 'chair 1': [3, 1] } }]);
    expect(walkTouches(push, at(3, 1))).toBe(true);
    expect(walkTouches(push, at(4, 1))).toBe(false);
  });

  it('rejects a motion without frames, saying why', () => {
    expect(() => walkPose(motion([]), 0, 1)).toThrow(/no frames/);
  });

  it.each(['kinematic', 'matter'] as const)('follows a real %s go to from the start cell to the end cell', (mode) => {
    const motions: StepMotion[] = [];
    const env = createEnvWithPhysics(mode, { onMotion: (m) => motions.push(m) });
    env.reset({ scenario: twoRoomHouse(), seed: 0 });
    const start = env.getState().agent.cell;
    env.step('go to sofa 1');
    const [recorded] = motions;
    const duration = walkDurationMs(recorded!, 1);
    expect(duration).toBeGreaterThan(1000);
    expect(walkPose(recorded!, 0, 1).agent).toEqual([...start]);
    expect(walkPose(recorded!, duration, 1).agent).toEqual([...env.getState().agent.cell]);
    // Sampled every 16 ms the drawn agent never jumps more than a fraction of a cell.
    let previous = walkPose(recorded!, 0, 1).agent;
    for (let t = 16; t <= duration + 16; t += 16) {
      const now = walkPose(recorded!, t, 1).agent;
      expect(Math.hypot(now[0] - previous[0], now[1] - previous[1])).toBeLessThan(0.5);
      previous = now;
    }
  });
});
