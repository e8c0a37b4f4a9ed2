import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEnv } from '../core/env.ts';
import type { HearthEnvExtended } from '../core/env.ts';
import type { Action, PhysicsMode, StepResult } from '../core/env-api.ts';
import type { MotionFrame, StepMotion } from '../core/motion-frames.ts';
import { createRng } from '../core/rng.ts';
import { blockedDoorHouse, twoRoomHouse } from '../core/test-worlds.ts';
import type { Cell, WorldSpec } from '../core/world-spec.ts';
import { AGENT_SPEED } from './agent-driver.ts';
import { CELL } from './scene.ts';
import { createMatterMotion } from './matter-motion.ts';

const SCENARIOS: Record<string, () => WorldSpec> = {
  'two-room': () => twoRoomHouse({ stepLimit: 1000 }),
  'blocked-door': () => ({ ...blockedDoorHouse(), stepLimit: 1000 }),
  'boxes': () => twoRoomHouse({
    stepLimit: 1000,
    movables: [{ id: 'chair 1', type: 'chair', cell: [11, 3] }, { id: 'box 1', type: 'box', cell: [4, 3] }, { id: 'box 2', type: 'box', cell: [10, 2] }],
  }),
};

function envFor(mode: PhysicsMode, onMotion?: (motion: StepMotion) => void): HearthEnvExtended {
  return createEnv({ motion: mode === 'matter' ? createMatterMotion() : undefined, onMotion });
}

interface Run {
  hashes: string[];
  results: StepResult[];
  /** The agent's and movables' cells before and after every step. */
  cells: { agent: Cell; movables: Record<string, Cell> }[];
  motions: StepMotion[];
}

/** Random valid actions (pushes get a third of the draws when offered), with or without frames. */
function rollout(mode: PhysicsMode, spec: WorldSpec, seed: number, steps: number, frames: boolean): Run {
  const motions: StepMotion[] = [];
  const env = envFor(mode, frames ? (motion) => motions.push(motion) : undefined);
  const rng = createRng(seed);
  env.reset({ scenario: spec, seed });
  const snap = () => ({ agent: env.getState().agent.cell, movables: { ...env.getState().movables } });
  const run: Run = { hashes: [env.stateHash()], results: [], cells: [snap()], motions };
  for (let i = 0; i < steps; i++) {
    const pushes = env.validActionList().filter((a) => a.type === 'push');
    const action: Action = pushes.length > 0 && rng.nextInt(3) === 0 ? pushes[rng.nextInt(pushes.length)]! : env.sampleValidAction(rng);
    const result = env.step(action);
    run.results.push(result);
    run.hashes.push(env.stateHash());
    run.cells.push(snap());
  }
  return run;
}

/** What a caller sees of a step, as plain JSON (the observation's three views included). */
const plain = (results: StepResult[]) => results.map((r) => ({ ...r, observation: { text: r.observation.text, json: r.observation.json, ascii: r.observation.ascii } }));

const isNeighbour = (a: MotionFrame['agent'], b: MotionFrame['agent']): boolean => Math.abs(a[0] - b[0]) + Math.abs(a[1] - b[1]) === 1;
const distance = (a: MotionFrame['agent'], b: MotionFrame['agent']): number => Math.hypot(a[0] - b[0], a[1] - b[1]);

/** Checks every recorded motion against the cells before and after its step. */
function checkMotions(mode: PhysicsMode, run: Run): void {
  const byStep = new Map(run.motions.map((m) => [m.step, m]));
  expect(byStep.size).toBe(run.motions.length);
  run.results.forEach((result, i) => {
    const before = run.cells[i]!;
    const after = run.cells[i + 1]!;
    const motion = byStep.get(result.info.step);
    const moved = before.agent[0] !== after.agent[0] || before.agent[1] !== after.agent[1];
    const walks = /^(go to|push) /.test(result.info.action ?? '');
    // Every step that moved the agent, and every go to / push that succeeded, has frames; other
    // kinds never do (a go to refused by its preconditions does not move either).
    if (moved || (walks && result.info.success)) expect(motion, `step ${result.info.step} ${result.info.action}`).toBeDefined();
    if (!walks) expect(motion).toBeUndefined();
    if (!motion) return;
    expect(motion).toMatchObject({ formatVersion: 1, mode, action: result.info.action });
    expect(motion.frameSeconds).toBeGreaterThan(0);
    const first = motion.frames[0]!;
    const last = motion.frames.at(-1)!;
    expect(first.agent).toEqual([before.agent[0], before.agent[1]]);
    expect(last.agent).toEqual([after.agent[0], after.agent[1]]);
    for (const [id, at] of Object.entries(last.movables ?? {})) expect(at).toEqual([after.movables[id]![0], after.movables[id]![1]]);
    for (const [id, at] of Object.entries(first.movables ?? {})) expect(distance(at, before.movables[id]!)).toBeLessThan(1e-9);
    for (let k = 1; k < motion.frames.length; k++) {
      const [a, b] = [motion.frames[k - 1]!.agent, motion.frames[k]!.agent];
      if (mode === 'matter') expect(distance(a, b)).toBeLessThanOrEqual(AGENT_SPEED / CELL + 0.05);
      // Kinematic: one cell per frame; only a push's last frame (the item lands) keeps the agent in place.
      else if (!(k === motion.frames.length - 1 && motion.action.startsWith('push') && distance(a, b) === 0)) expect(isNeighbour(a, b)).toBe(true);
    }
  });
}

describe('motion frames (createEnv({ onMotion }))', () => {
  it.each<[PhysicsMode, number]>([['kinematic', 40], ['matter', 10]])(
    'change nothing a caller sees, and start at the old cell and end at the new one (%s)',
    (mode, numRuns) => {
      const seen = { motions: 0, pushes: 0, movedItems: 0 };
      fc.assert(
        fc.property(fc.constantFrom(...Object.keys(SCENARIOS)), fc.integer({ min: 1, max: 10_000 }), (name, seed) => {
          const spec = SCENARIOS[name]!();
          const off = rollout(mode, spec, seed, 30, false);
          const on = rollout(mode, spec, seed, 30, true);
          expect(on.hashes).toEqual(off.hashes);
          expect(plain(on.results)).toEqual(plain(off.results));
          expect(off.motions).toEqual([]);
          checkMotions(mode, on);
          // Frames are plain JSON: they survive a round trip unchanged.
          expect(JSON.parse(JSON.stringify(on.motions))).toEqual(on.motions);
          seen.motions += on.motions.length;
          seen.pushes += on.motions.filter((m) => m.action.startsWith('push')).length;
          seen.movedItems += on.motions.filter((m) => m.frames.some((f) => f.movables)).length;
        }),
        { numRuns, seed: 12 },
      );
      // The property was exercised on real walks and pushes, not vacuously.
      expect(seen.motions).toBeGreaterThan(numRuns * 5);
      expect(seen.pushes).toBeGreaterThan(0);
      expect(seen.movedItems).toBeGreaterThan(0);
    },
  );

  it.each<PhysicsMode>(['kinematic', 'matter'])('a push records the chair going from the doorway to its target (%s)', (mode) => {
    const motions: StepMotion[] = [];
    const env = envFor(mode, (motion) => motions.push(motion));
    env.reset({ scenario: blockedDoorHouse(), seed: 1 });
    env.step('look');
    expect(motions).toEqual([]);
    const pushed = env.step('push chair 1');
    expect(pushed.info.success).toBe(true);
    expect(motions).toHaveLength(1);
    const frames = motions[0]!.frames;
    expect(frames[0]!.movables?.['chair 1']).toEqual([8, 3]);
    const target = env.getState().movables['chair 1']!;
    expect(frames.at(-1)!.movables?.['chair 1']).toEqual([target[0], target[1]]);
    expect(frames.length).toBeGreaterThan(mode === 'matter' ? 20 : 2);
    if (mode === 'kinematic') expect(motions[0]!.frameSeconds).toBe(0.1);
    else expect(motions[0]!.frameSeconds).toBeCloseTo(1 / 60, 12);
  });

  it('a matter walk has one frame per physics tick plus the exact final cell', () => {
    const motions: StepMotion[] = [];
    const motion = createMatterMotion();
    const env = createEnv({ motion, onMotion: (m) => motions.push(m) });
    env.reset({ scenario: twoRoomHouse(), seed: 0 });
    const before = motion.stats().ticks;
    expect(env.step('go to sofa 1').info.success).toBe(true);
    expect(motions[0]!.frames).toHaveLength(motion.stats().ticks - before + 2);
    expect(motions[0]!.frames.at(-1)!.agent).toEqual([...env.getState().agent.cell]);
  });
});
