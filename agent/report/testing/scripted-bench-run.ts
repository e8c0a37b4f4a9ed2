/**
 * Test helper: a real benchmark folder (episodes run by the harness runner, no language model) —
 * library scenarios × seeds × the `minimal` and `react-basic` presets, each driven by a scripted
 * model that replays the oracle's plan (so model calls exist) and by the null chooser. The scripted
 * model is cut one action short on `sabotaged` (harness, scenario) pairs, so those episodes fail.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashJson, taskTypeOf, type WorldSpec } from '../../../sim/index.ts';
import { loadWorldOrThrow } from '../../../scenarios/format/load-scenario.ts';
import { solveScenario } from '../../../scenarios/oracle/solve.ts';
import type { BenchConfig } from '../../bench/bench-config.ts';
import { openEpisodeLog } from '../../bench/episode-log.ts';
import { runEpisodes } from '../../bench/run-episodes.ts';
import { behaviourId } from '../../harness/harness-spec.ts';
import { loadHarness } from '../../harness/presets/load-harness.ts';
import { createNullChooser } from '../../models/null-chooser.ts';
import { createScriptedBackend } from '../../models/scripted-backend.ts';
import { HEARTH_VERSION } from '../../../sim/version.ts';

export const SCRIPTED_RUN = {
  files: ['scenarios/library/pick-apple-countertop.json', 'scenarios/library/cool-apple-fridge.json', 'scenarios/library/heat-mug-kitchen.json'],
  seeds: [0, 1],
  harnesses: ['minimal', 'react-basic'],
  /** The scripted model leaves out the plan's last action here. */
  sabotaged: [{ harness: 'minimal', scenario: 'household/cool-apple-fridge-v1' }],
} as const;

/** Runs every episode into `dir` (about a second) and writes its config.json. */
export async function writeScriptedBenchRun(dir: string): Promise<BenchConfig> {
  fs.mkdirSync(dir, { recursive: true });
  const worlds: WorldSpec[] = SCRIPTED_RUN.files.map((file) => loadWorldOrThrow(fileURLToPath(new URL(`../../../${file}`, import.meta.url))));
  const plans = new Map(worlds.map((world) => [world.id, solveScenario(world).plan]));
  const harnesses = SCRIPTED_RUN.harnesses.map((ref) => ({ ref, built: loadHarness(ref) }));
  const log = openEpisodeLog(dir);
  for (const { ref, built } of harnesses) {
    for (const world of worlds) {
      const sabotaged = SCRIPTED_RUN.sabotaged.some((s) => s.harness === ref && s.scenario === world.id);
      const plan = plans.get(world.id)!;
      // A fresh script per episode: the replies are one episode's plan.
      for (const seed of SCRIPTED_RUN.seeds) {
        const model = createScriptedBackend({ replies: sabotaged ? plan.slice(0, -1) : [...plan], fallback: 'look' });
        await runEpisodes(built.spec, { scenarios: [world], seeds: [seed] }, { log, model });
      }
    }
    await runEpisodes(built.spec, { scenarios: worlds, seeds: SCRIPTED_RUN.seeds }, { log, model: createNullChooser(0) });
  }
  const config: BenchConfig = {
    formatVersion: 1, kind: 'bench',
    models: [{ spec: 'scripted', id: 'scripted', backend: 'scripted', sha256: null }, { spec: 'random', id: 'random', backend: 'null', sha256: null }],
    harnesses: harnesses.map(({ ref, built }) => ({ ref, name: built.spec.name, harnessId: built.id, behaviourId: behaviourId(built.spec), spec: built.spec })),
    source: { suite: null, splits: [], manifestSha256: null, files: 'scenarios/library/{pick-apple-countertop,cool-apple-fridge,heat-mug-kitchen}.json', limit: null },
    scenarios: worlds.map((world) => ({ id: world.id, sha256: hashJson(world), taskType: taskTypeOf(world), oracleSteps: plans.get(world.id)!.length })),
    seeds: [...SCRIPTED_RUN.seeds], physics: 'kinematic', runner: { maxRetries: 4, modelTimeoutMs: 60_000 }, hearthVersion: HEARTH_VERSION,
  };
  fs.writeFileSync(path.join(dir, 'config.json'), `${JSON.stringify(config, null, 2)}\n`);
  return config;
}
