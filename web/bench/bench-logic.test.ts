import { describe, expect, it } from 'vitest';
import { compileWorld, createEnvWithPhysics, type StepMotion } from '../../sim/index.ts';
import { benchScene } from './bench-scene.ts';
import { frameStats, quantile } from './frame-stats.ts';

describe('the frame-time bench scene', () => {
  it('has exactly 200 movable bodies on distinct floor cells and compiles as a world', () => {
    const { scenario } = benchScene(200);
    expect(scenario.movables).toHaveLength(200);
    expect(new Set(scenario.movables.map((m) => m.id)).size).toBe(200);
    expect(new Set(scenario.movables.map((m) => m.cell.join(','))).size).toBe(200);
    const world = compileWorld(scenario);
    expect(world.movableTypes.size).toBe(200);
  });

  it.each([1, 41, 200])('any count works (%i)', (bodies) => {
    expect(benchScene(bodies).scenario.movables).toHaveLength(bodies);
  });

  it('rejects a count it cannot lay out, naming the range', () => {
    expect(() => benchScene(0)).toThrow(/1 to 400/);
    expect(() => benchScene(401)).toThrow(/1 to 400/);
  });

  it.each(['kinematic', 'matter'] as const)('the tour walks round the room: every go to succeeds and records frames (%s)', (mode) => {
    const { scenario, tour } = benchScene(200);
    const motions: StepMotion[] = [];
    const env = createEnvWithPhysics(mode, { onMotion: (m) => motions.push(m) });
    env.reset({ scenario, seed: 0 });
    for (const target of [...tour, ...tour]) {
      const result = env.step(`go to ${target}`);
      expect(result.info, target).toMatchObject({ success: true });
      expect(env.getState().agent.at).toBe(target);
    }
    expect(motions).toHaveLength(tour.length * 2);
    expect(Math.min(...motions.map((m) => m.frames.length))).toBeGreaterThan(10);
  });
});

describe('frame stats', () => {
  it('gives median, p95, max and fps of the intervals', () => {
    // 20 frames of 16 ms and one of 100 ms.
    const times = [0];
    for (let i = 0; i < 20; i++) times.push(times.at(-1)! + 16);
    times.push(times.at(-1)! + 100);
    expect(frameStats(times)).toEqual({ frames: 21, medianMs: 16, p95Ms: 16, maxMs: 100, fps: (21 * 1000) / 420 });
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2);
    expect(quantile([1, 2, 3, 4], 1)).toBe(4);
  });

  it('refuses too few or unordered timestamps', () => {
    expect(() => frameStats([5])).toThrow(/at least 2/);
    expect(() => frameStats([5, 3])).toThrow(/non-decreasing/);
  });
});
