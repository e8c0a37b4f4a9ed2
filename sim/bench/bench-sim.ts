/**
 * Simulator throughput on one core, a few seconds in all:
 * - symbolic steps/s: random valid actions (go to included) chosen with a seeded generator;
 * - the same without go to, and go to alone;
 * - resets/s (same scenario object, and a fresh scenario object each time, which recompiles);
 * - physics `go to` actions/s with the matter-js motion system, when sim/physics provides it.
 * Usage: node cli/run-ts.js sim/bench/bench-sim.ts [--json] [--seconds S]
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createEnv } from '../core/env.ts';
import type { HearthEnvExtended } from '../core/env.ts';
import type { Action } from '../core/env-api.ts';
import type { MotionSystem } from '../core/motion-system.ts';
import { createRng } from '../core/rng.ts';
import type { Rng } from '../core/rng.ts';
import { formatAction } from '../core/valid-actions.ts';
import { twoRoomHouse } from '../core/test-worlds.ts';

const args = process.argv.slice(2);
const asJson = args.includes('--json');
const secondsIndex = args.indexOf('--seconds');
const perMeasure = secondsIndex >= 0 ? Number(args[secondsIndex + 1]) : 0.8;

/** Runs `body` in batches until `seconds` pass; returns operations per second. */
function measure(seconds: number, body: () => number): number {
  const end = performance.now() + seconds * 1000;
  const start = performance.now();
  let ops = 0;
  while (performance.now() < end) ops += body();
  return ops / ((performance.now() - start) / 1000);
}

function randomSteps(env: HearthEnvExtended, pick: (env: HearthEnvExtended) => Action | null): () => number {
  const scenario = twoRoomHouse({ stepLimit: 1_000_000 });
  env.reset({ scenario, seed: 1 });
  return () => {
    for (let i = 0; i < 1000; i++) {
      const action = pick(env);
      const result = action ? env.step(action) : null;
      if (!action || result!.terminated || result!.truncated) env.reset({ scenario, seed: 1 });
    }
    return 1000;
  };
}

/** Worst case for a text agent: format, parse a string and read every view each step. */
function textSteps(env: HearthEnvExtended, rng: Rng): () => number {
  const scenario = twoRoomHouse({ stepLimit: 1_000_000 });
  env.reset({ scenario, seed: 1 });
  return () => {
    for (let i = 0; i < 100; i++) {
      const result = env.step(formatAction(env.sampleValidAction(rng)));
      if (result.observation.text.length + result.observation.ascii.length === 0 || !result.observation.json) throw new Error('empty view');
      if (result.terminated) env.reset({ scenario, seed: 1 });
    }
    return 100;
  };
}

function symbolicFigures() {
  const rng = createRng(1);
  const any = (env: HearthEnvExtended) => env.sampleValidAction(rng);
  const cheap = (env: HearthEnvExtended) => {
    const actions = env.validActionList().filter((a) => a.type !== 'go-to');
    return actions[rng.nextInt(actions.length)] ?? null;
  };
  const goTo = (env: HearthEnvExtended) => {
    const ids = env.getWorld().receptacleIds;
    const target = ids[rng.nextInt(ids.length)]!;
    return target === env.getState().agent.at ? { type: 'look' as const } : { type: 'go-to' as const, target };
  };
  const symbolicStepsPerSec = measure(perMeasure * 2, randomSteps(createEnv(), any));
  const symbolicStepsNoGoToPerSec = measure(perMeasure, randomSteps(createEnv(), cheap));
  const goToStepsPerSec = measure(perMeasure, randomSteps(createEnv(), goTo));
  const textStepsPerSec = measure(perMeasure, textSteps(createEnv(), rng));
  return { symbolicStepsPerSec, symbolicStepsNoGoToPerSec, goToStepsPerSec, textStepsPerSec };
}

function resetFigures() {
  const env = createEnv();
  const scenario = twoRoomHouse();
  const resetsPerSec = measure(perMeasure / 2, () => {
    for (let i = 0; i < 200; i++) env.reset({ scenario, seed: i });
    return 200;
  });
  const freshResetsPerSec = measure(perMeasure / 2, () => {
    for (let i = 0; i < 50; i++) env.reset({ scenario: twoRoomHouse(), seed: i });
    return 50;
  });
  return { resetsPerSec, freshResetsPerSec };
}

async function physicsFigure(): Promise<number | null> {
  const file = fileURLToPath(new URL('../physics/matter-motion.ts', import.meta.url));
  if (!existsSync(file)) return null;
  // A variable specifier: the bench must run (and typecheck) before sim/physics exists.
  const specifier = '../physics/matter-motion.ts';
  const module = (await import(specifier)) as { createMatterMotion?: () => MotionSystem };
  if (!module.createMatterMotion) return null;
  const env = createEnv({ motion: module.createMatterMotion() });
  const scenario = twoRoomHouse({ stepLimit: 1_000_000 });
  env.reset({ scenario, seed: 1 });
  const ids = env.getWorld().receptacleIds;
  let i = 0;
  return measure(perMeasure * 2, () => {
    const target = ids[i++ % ids.length]!;
    env.step({ type: 'go-to', target });
    return 1;
  });
}

const symbolic = symbolicFigures();
const resets = resetFigures();
const physicsActionsPerSec = await physicsFigure();
const report = {
  symbolicStepsPerSec: Math.round(symbolic.symbolicStepsPerSec),
  physicsActionsPerSec: physicsActionsPerSec === null ? null : Math.round(physicsActionsPerSec),
  resetsPerSec: Math.round(resets.resetsPerSec),
  freshScenarioResetsPerSec: Math.round(resets.freshResetsPerSec),
  symbolicStepsNoGoToPerSec: Math.round(symbolic.symbolicStepsNoGoToPerSec),
  goToStepsPerSec: Math.round(symbolic.goToStepsPerSec),
  textStepsWithAllViewsPerSec: Math.round(symbolic.textStepsPerSec),
  scenario: 'test/two-room-house',
  node: process.version,
};

if (asJson) console.log(JSON.stringify(report));
else {
  console.log('Hearth simulator benchmark (one core, two-room test house)');
  console.log(`  symbolic steps/s (random valid actions incl. go to): ${report.symbolicStepsPerSec.toLocaleString('en')}`);
  console.log(`  symbolic steps/s without go to:                      ${report.symbolicStepsNoGoToPerSec.toLocaleString('en')}`);
  console.log(`  go to steps/s (random targets):                      ${report.goToStepsPerSec.toLocaleString('en')}`);
  console.log(`  text steps/s (parse + all three views):              ${report.textStepsWithAllViewsPerSec.toLocaleString('en')}`);
  console.log(`  resets/s (same scenario / fresh scenario object):    ${report.resetsPerSec.toLocaleString('en')} / ${report.freshScenarioResetsPerSec.toLocaleString('en')}`);
  console.log(`  physics go to actions/s (matter-js):                 ${report.physicsActionsPerSec === null ? 'n/a (sim/physics/matter-motion.ts missing)' : report.physicsActionsPerSec.toLocaleString('en')}`);
}
