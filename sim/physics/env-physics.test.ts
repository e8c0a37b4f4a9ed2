import { describe, expect, it } from 'vitest';
import { createEnv } from '../core/env.ts';
import type { HearthEnvExtended } from '../core/env.ts';
import type { Action, PhysicsMode } from '../core/env-api.ts';
import { createRng } from '../core/rng.ts';
import type { Rng } from '../core/rng.ts';
import { blockedDoorHouse, twoRoomHouse } from '../core/test-worlds.ts';
import type { WorldSpec } from '../core/world-spec.ts';
import { createMatterMotion } from './matter-motion.ts';
import type { MatterMotionSystem } from './matter-motion.ts';

const MODES: PhysicsMode[] = ['kinematic', 'matter'];

function envFor(mode: PhysicsMode): HearthEnvExtended {
  return createEnv(mode === 'matter' ? { motion: createMatterMotion() } : {});
}

/** A random valid action; pushes (rare among ~40 actions) get a third of the draws when offered. */
function pickAction(env: HearthEnvExtended, rng: Rng): Action {
  const pushes = env.validActionList().filter((a) => a.type === 'push');
  if (pushes.length > 0 && rng.nextInt(3) === 0) return pushes[rng.nextInt(pushes.length)]!;
  return env.sampleValidAction(rng);
}

/** Runs `steps` random valid actions; returns the hash after reset and after every step, and the actions. */
function rollout(env: HearthEnvExtended, spec: WorldSpec, seed: number, steps: number, actions?: Action[]): { hashes: string[]; actions: Action[] } {
  const rng = createRng(seed);
  env.reset({ scenario: spec, seed });
  const hashes = [env.stateHash()];
  const taken: Action[] = [];
  for (let i = 0; i < steps; i++) {
    const action = actions ? actions[i]! : pickAction(env, rng);
    taken.push(action);
    env.step(action);
    hashes.push(env.stateHash());
  }
  return { hashes, actions: taken };
}

const longHouse = (): WorldSpec => twoRoomHouse({ stepLimit: 1000 });

describe('env determinism with each motion system', () => {
  // Seeds that move the start (seeds 2 and 3 happen to keep the written cell in this house), so the reset seed is really exercised.
  it.each(MODES.flatMap((mode) => [1, 4, 5].map((seed) => ({ mode, seed }))))(
    'same seed, 50 random valid actions → identical hash at every step ($mode, seed $seed)',
    ({ mode, seed }) => {
      expect(rollout(envFor(mode), longHouse(), seed, 0).hashes[0]).not.toBe(rollout(envFor(mode), longHouse(), 0, 0).hashes[0]);
      const a = rollout(envFor(mode), longHouse(), seed, 50);
      const b = rollout(envFor(mode), longHouse(), seed, 50);
      expect(b.hashes).toEqual(a.hashes);
      expect(new Set(a.hashes).size).toBeGreaterThan(10);
    },
  );

  it('a matter env restored from a snapshot continues exactly like the uninterrupted run', () => {
    const spec = longHouse();
    const full = rollout(envFor('matter'), spec, 4, 60);
    const env = envFor('matter');
    rollout(env, spec, 4, 30, full.actions);
    const snapshot = JSON.parse(JSON.stringify(env.snapshot()));
    const resumed = envFor('matter');
    resumed.restore(snapshot);
    const after = full.actions.slice(30).map((action) => (resumed.step(action), resumed.stateHash()));
    expect(after).toEqual(full.hashes.slice(31));
  });
});

describe('kinematic and matter motion agree on a hazard-free house', () => {
  it.each([1, 2, 3, 4, 5, 6])('same actions → same symbolic state hash at every step (seed %i)', (seed) => {
    const kinematic = rollout(envFor('kinematic'), longHouse(), seed, 50);
    const motion = createMatterMotion();
    const matter = rollout(createEnv({ motion }), longHouse(), seed, 50, kinematic.actions);
    expect(matter.hashes).toEqual(kinematic.hashes);
    expect(motion.stats().drives).toBeGreaterThan(5);
    expect(motion.stats().pushFallbacks).toBe(0);
  });

  it('the agreement runs exercise pushes, and physics moved every pushed chair itself', () => {
    const motions: MatterMotionSystem[] = [];
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const kinematic = rollout(envFor('kinematic'), longHouse(), seed, 50);
      const motion = createMatterMotion();
      motions.push(motion);
      expect(rollout(createEnv({ motion }), longHouse(), seed, 50, kinematic.actions).hashes).toEqual(kinematic.hashes);
    }
    const pushes = motions.reduce((n, m) => n + m.stats().pushes, 0);
    const fallbacks = motions.reduce((n, m) => n + m.stats().pushFallbacks, 0);
    expect(pushes).toBeGreaterThan(3);
    expect(fallbacks).toBe(0);
    expect(Math.max(...motions.map((m) => m.stats().maxAbsAngle))).toBe(0);
  });
});

describe('a doorway blocked by a chair, in both modes', () => {
  it.each(MODES)('go to across the doorway fails naming the chair; after push chair 1 it succeeds (%s)', (mode) => {
    const env = envFor(mode);
    env.reset({ scenario: blockedDoorHouse(), seed: 1 });
    const blocked = env.step('go to sofa 1');
    expect(blocked.info).toMatchObject({ success: false, reason: 'path-blocked' });
    expect(blocked.feedback).toContain('chair 1');
    expect(blocked.feedback).toContain('push chair 1');
    const pushed = env.step('push chair 1');
    expect(pushed.info.success).toBe(true);
    const chair = env.getState().movables['chair 1']!;
    expect(chair).not.toEqual([8, 3]);
    const arrived = env.step('go to sofa 1');
    expect(arrived.info).toMatchObject({ success: true, reason: 'ok' });
    expect(env.getState().agent.at).toBe('sofa 1');
  });

  it('both modes leave the same state after the blocked go to, the push and the second go to', () => {
    const hashes = MODES.map((mode) => {
      const env = envFor(mode);
      env.reset({ scenario: blockedDoorHouse(), seed: 1 });
      return ['go to sofa 1', 'push chair 1', 'go to sofa 1'].map((text) => (env.step(text), env.stateHash()));
    });
    expect(hashes[1]).toEqual(hashes[0]);
  });
});
