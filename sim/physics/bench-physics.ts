/**
 * Physics throughput on one core: raw `drive`s of a ~10-cell path straight on the motion system,
 * and `go to` actions through the Env (planning + physics + state update), plus how often a push
 * needed the fallback placement in random rollouts.
 * Usage: node cli/run-ts.js sim/physics/bench-physics.ts [--json] [--seconds S]
 * `measurePhysics` is exported for other benchmarks.
 */
import { fileURLToPath } from 'node:url';
import { createEnv } from '../core/env.ts';
import { createRng } from '../core/rng.ts';
import { compileWorld } from '../core/compiled-world.ts';
import { motionWorld } from '../core/motion-world.ts';
import { initialState } from '../core/world-state.ts';
import { twoRoomHouse } from '../core/test-worlds.ts';
import type { Cell } from '../core/world-spec.ts';
import { createMatterMotion } from './matter-motion.ts';
import type { MatterMotionOptions } from './matter-motion.ts';

export interface PhysicsFigures {
  /** `drive` calls per second along a 10-step path (there and back), motion system only. */
  rawDrivesPerSec: number;
  /** `go to` steps per second through the Env, cycling over every receptacle. */
  envGoToPerSec: number;
  /** Mean fixed ticks per Env `go to`. */
  ticksPerGoTo: number;
  /** Random valid-action rollouts with matter motion: pushes done and fallback placements. */
  pushes: number;
  pushFallbacks: number;
  pushesFromOtherSide: number;
  pushesDragged: number;
}

/** Kitchen (2,2) → living room (9,3): 10 steps through the open door, turning four times. */
const TEN_STEP_PATH: readonly Cell[] = [[2, 2], [2, 3], [2, 4], [3, 4], [4, 4], [5, 4], [6, 4], [6, 3], [7, 3], [8, 3], [9, 3]];

function timed(seconds: number, body: () => number): number {
  const start = performance.now();
  const end = start + seconds * 1000;
  let ops = 0;
  while (performance.now() < end) ops += body();
  return ops / ((performance.now() - start) / 1000);
}

function rawDrives(seconds: number, options: MatterMotionOptions): number {
  const world = compileWorld(twoRoomHouse());
  const motion = createMatterMotion(options);
  const there = [...TEN_STEP_PATH];
  const back = there.slice().reverse();
  motion.load({ ...motionWorld(world, initialState(world)), agentCell: there[0]! });
  return timed(seconds, () => {
    if (!motion.drive(there).reached || !motion.drive(back).reached) throw new Error('bench drive did not arrive');
    return 2;
  });
}

function envGoTos(seconds: number, options: MatterMotionOptions): { perSec: number; ticks: number } {
  const motion = createMatterMotion(options);
  const env = createEnv({ motion });
  env.reset({ scenario: twoRoomHouse({ stepLimit: 1_000_000 }), seed: 1 });
  const ids = env.getWorld().receptacleIds;
  let i = 0;
  const before = motion.stats();
  const perSec = timed(seconds, () => {
    env.step({ type: 'go-to', target: ids[i++ % ids.length]! });
    return 1;
  });
  const after = motion.stats();
  return { perSec, ticks: (after.ticks - before.ticks) / Math.max(1, after.drives - before.drives) };
}

function pushRollouts(episodes: number): Pick<PhysicsFigures, 'pushes' | 'pushFallbacks' | 'pushesFromOtherSide' | 'pushesDragged'> {
  const motion = createMatterMotion();
  const env = createEnv({ motion });
  const rng = createRng(7);
  for (let e = 0; e < episodes; e++) {
    env.reset({ scenario: twoRoomHouse({ stepLimit: 60 }), seed: e });
    for (let s = 0; s < 60; s++) {
      const pushes = env.validActionList().filter((a) => a.type === 'push');
      const action = pushes.length > 0 && rng.nextInt(3) === 0 ? pushes[rng.nextInt(pushes.length)]! : env.sampleValidAction(rng);
      const result = env.step(action);
      if (result.terminated || result.truncated) break;
    }
  }
  const { pushes, pushFallbacks, pushesFromOtherSide, pushesDragged } = motion.stats();
  return { pushes, pushFallbacks, pushesFromOtherSide, pushesDragged };
}

/** Measures physics throughput; `seconds` per timed figure. */
export function measurePhysics(seconds = 1, options: MatterMotionOptions = {}): PhysicsFigures {
  const env = envGoTos(seconds, options);
  return { rawDrivesPerSec: rawDrives(seconds, options), envGoToPerSec: env.perSec, ticksPerGoTo: env.ticks, ...pushRollouts(40) };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--seconds');
  const seconds = at >= 0 ? Number(args[at + 1]) : 1;
  const near = measurePhysics(seconds);
  const whole = measurePhysics(seconds, { margin: Infinity });
  const round = (f: PhysicsFigures) => Object.fromEntries(Object.entries(f).map(([k, v]) => [k, Math.round(v * 10) / 10]));
  const report = { nearPathBodies: round(near), wholeHouseBodies: round(whole), node: process.version };
  console.log(args.includes('--json') ? JSON.stringify(report) : JSON.stringify(report, null, 2));
}
