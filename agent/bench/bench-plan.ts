/**
 * From what a user asks for (models, harnesses, a suite split or scenario files, seeds) to a
 * recorded `BenchConfig` and the episodes it stands for. The episodes are listed in one canonical
 * order — model, harness, scenario, seed — and a shard `i/n` takes every n-th of them from the
 * i-th, so any scheduler (a shell loop, a Slurm array, Kubernetes indexed Jobs) can split the work
 * without coordination, and `hearth bench merge` puts it back together.
 */
import fs from 'node:fs';
import { glob } from 'tinyglobby';
import { hashJson, taskTypeOf, type PhysicsMode, type WorldSpec } from '../../sim/index.ts';
import { loadWorldOrThrow } from '../../scenarios/format/load-scenario.ts';
import { loadSuiteAsync, loadSuiteManifest } from '../../scenarios/suites/load-suite.ts';
import { SPLITS, type SplitName } from '../../scenarios/suites/suite-manifest.ts';
import { solveScenario } from '../../scenarios/oracle/solve.ts';
import { behaviourId, type HarnessSpec } from '../harness/harness-spec.ts';
import { loadHarness } from '../harness/presets/load-harness.ts';
import { RUNNER_DEFAULTS } from '../harness/run-episode.ts';
import { sha256File } from '../models/catalog/sha256-file.ts';
import type { ModelInfo } from '../models/model-backend.ts';
import { HEARTH_VERSION } from '../../sim/version.ts';
import type { EnvTask } from '../../envs/protocol.ts';
import { hearthEnvSource, type EnvSource, type HearthViewMode } from '../../envs/hearth/hearth-env.ts';
import { isPeerSuiteName, resolvePeerSuite } from '../../envs/registry.ts';
import { assertHarnessFits } from '../harness/capabilities.ts';
import { buildHarness } from '../harness/build-harness.ts';
import { builtInParts } from '../harness/all-parts.ts';
import { scenarioTask } from './run-episodes.ts';
import { balancedBy, balancedSample } from './balanced-sample.ts';
import { BENCH_FORMAT_VERSION, type BenchConfig, type BenchModel } from './bench-config.ts';

export class BenchError extends Error {
  override readonly name = 'BenchError';
}

export interface BenchRequest {
  models: readonly string[];
  harnesses: readonly string[];
  /** `household-v1:test-unseen` (splits comma-separated; no split: all), or a glob of scenario files. */
  scenarios: string;
  /** At most this many scenarios, balanced over task types. */
  limit?: number;
  seeds: readonly number[];
  physics?: PhysicsMode;
  /** Hearth's suites and files only: `text` hides Hearth's structure (as ALFWorld gives: text only). */
  view?: HearthViewMode;
  /** Runner options recorded in the config (the runner's defaults unless set). */
  runner?: { maxRetries: number; modelTimeoutMs: number };
}

export interface ResolvedScenarios {
  /** In run order; Hearth's carry their scenario as `data`. */
  tasks: EnvTask[];
  source: BenchConfig['source'];
  oracleSteps: Map<string, number | null>;
  /** Set for a peer suite (its environment); Hearth's suites and files run on Hearth's simulator. */
  env: EnvSource | null;
}

/** A peer suite (`alfworld:valid_seen`, `twx:twc-easy:test` …): its tasks, balanced over task types when limited. */
function resolvePeerScenarios(spec: string, limit?: number): ResolvedScenarios {
  const { source, tasks } = resolvePeerSuite(spec);
  const picked = limit === undefined ? tasks : balancedBy(tasks, limit, (task) => task.taskType ?? 'any');
  return { tasks: picked, source: { suite: spec, splits: [], manifestSha256: null, files: null, limit: limit ?? null }, oracleSteps: new Map(picked.map((task) => [task.id, null])), env: source };
}

/** `suite:split,split`, `suite`, or a glob of files → the scenarios, hash-checked where a suite froze them. */
export async function resolveScenarios(spec: string, limit?: number): Promise<ResolvedScenarios> {
  if (isPeerSuiteName(spec)) return resolvePeerScenarios(spec, limit);
  const suiteMatch = /^([a-z0-9-]+)(?::([a-z,-]+))?$/.exec(spec);
  if (suiteMatch && !fs.existsSync(spec)) {
    const [, suite, splitList] = suiteMatch;
    const splits = splitList ? splitList.split(',') : [...SPLITS];
    const unknown = splits.find((split) => !(SPLITS as readonly string[]).includes(split));
    if (unknown !== undefined) throw new BenchError(`--suite ${spec}: unknown split '${unknown}'; splits are ${SPLITS.join(', ')}`);
    const manifest = loadSuiteManifest(suite!);
    // Sample the manifest first (it knows each member's task type), then build only those.
    const inSplits = manifest.members.filter((member) => splits.includes(member.split));
    const picked = balancedBy(inSplits, limit ?? inSplits.length, (member) => member.taskType).map((member) => member.id);
    const built = new Map((await loadSuiteAsync(suite!, { splits: splits as SplitName[], ids: picked })).map((member) => [member.world.id, member.world]));
    const chosen = picked.map((id) => built.get(id)!);
    const oracle = new Map(manifest.members.map((member) => [member.id, member.oracleLength as number | null]));
    return {
      tasks: chosen.map(scenarioTask),
      source: { suite: suite!, splits, manifestSha256: manifest.hash, files: null, limit: limit ?? null },
      oracleSteps: new Map(chosen.map((scenario) => [scenario.id, oracle.get(scenario.id) ?? null])),
      env: null,
    };
  }
  const files = (await glob(spec, { absolute: false, onlyFiles: true })).filter((file) => file.endsWith('.json') && !file.endsWith('manifest.json')).sort();
  if (files.length === 0) throw new BenchError(`--suite ${spec}: neither a suite (e.g. household-v1:test-unseen, alfworld:valid_seen, twx:twc-easy:test) nor a glob matching scenario files`);
  const scenarios = balancedSample(files.map((file) => loadWorldOrThrow(file)), limit ?? files.length);
  const oracleSteps = new Map(scenarios.map((scenario) => {
    const solved = solveScenario(scenario);
    return [scenario.id, solved.solvable ? solved.length : null] as const;
  }));
  return { tasks: scenarios.map(scenarioTask), source: { suite: null, splits: [], manifestSha256: null, files: spec, limit: limit ?? null }, oracleSteps, env: null };
}

/** A model as recorded: its spec, id and backend, and its file's SHA-256 when it is a local file. */
export async function describeModel(spec: string, info: ModelInfo): Promise<BenchModel> {
  const local = info.backend !== 'openai' && fs.existsSync(info.source) && fs.statSync(info.source).isFile();
  return { spec, id: info.id, backend: info.backend, sha256: local ? await sha256File(info.source) : null };
}

/** The config for a request, given each model's description (opening models is the caller's). */
export async function resolveBench(request: BenchRequest, models: BenchModel[]): Promise<{ config: BenchConfig; tasks: EnvTask[]; specs: HarnessSpec[]; env: EnvSource }> {
  if (request.harnesses.length === 0) throw new BenchError('--harness: name at least one harness (a preset such as react-basic, or a spec .json)');
  if (request.seeds.length === 0) throw new BenchError('--seeds: name at least one seed');
  const harnesses = request.harnesses.map((ref) => {
    const built = loadHarness(ref);
    return { ref, name: built.spec.name, harnessId: built.id, behaviourId: behaviourId(built.spec), spec: built.spec };
  });
  const duplicate = harnesses.find((harness, index) => harnesses.findIndex((other) => other.behaviourId === harness.behaviourId) !== index);
  if (duplicate) throw new BenchError(`--harness: '${duplicate.ref}' behaves exactly like an earlier harness (same behaviour id ${duplicate.behaviourId.slice(0, 12)}); list each behaviour once`);
  const repeatedModel = models.find((model, index) => models.findIndex((other) => other.id === model.id) !== index);
  if (repeatedModel) throw new BenchError(`--models: '${repeatedModel.spec}' is listed twice (as id ${repeatedModel.id})`);
  const resolved = await resolveScenarios(request.scenarios, request.limit);
  if (resolved.env && request.view === 'text') throw new BenchError(`--view text: '${request.scenarios}' is a peer suite, which gives text only already; --view is for Hearth's suites and files`);
  const env = resolved.env ?? hearthEnvSource({ physics: request.physics ?? 'kinematic', view: request.view ?? 'full' });
  // A harness that needs what the environment lacks is refused before any episode.
  for (const harness of harnesses) assertHarnessFits(buildHarness(harness.spec, builtInParts), env.description);
  const fullHearth = env.description.id === 'hearth' && env.description.params.view !== 'text';
  const config: BenchConfig = {
    formatVersion: BENCH_FORMAT_VERSION, kind: 'bench', models, harnesses, source: resolved.source,
    scenarios: resolved.tasks.map((task) => ({ id: task.id, sha256: task.sha256 ?? hashJson(task.data ?? { env: env.description.id, id: task.id }), taskType: task.data ? taskTypeOf(task.data as WorldSpec) : (task.taskType ?? null), oracleSteps: resolved.oracleSteps.get(task.id) ?? null })),
    seeds: [...request.seeds], physics: request.physics ?? 'kinematic', ...(fullHearth ? {} : { env: env.description }), runner: { ...(request.runner ?? RUNNER_DEFAULTS) }, hearthVersion: HEARTH_VERSION,
  };
  return { config, tasks: resolved.tasks, specs: harnesses.map((harness) => harness.spec), env };
}

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

/** `i/n` with 1 ≤ i ≤ n. */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) throw new BenchError(`--shard must be i/n with 1 ≤ i ≤ n (e.g. 2/4), got '${text}'`);
  return { index, count };
}

/** One episode of the benchmark, by position in the canonical order. */
export interface BenchTask {
  position: number;
  model: number;
  harness: number;
  scenario: number;
  seed: number;
}

/** Every episode in canonical order (model-major, so one model is loaded at a time), or one shard's. */
export function benchTasks(config: BenchConfig, shard: Shard = { index: 1, count: 1 }): BenchTask[] {
  const tasks: BenchTask[] = [];
  let position = 0;
  for (let model = 0; model < config.models.length; model += 1) {
    for (let harness = 0; harness < config.harnesses.length; harness += 1) {
      for (let scenario = 0; scenario < config.scenarios.length; scenario += 1) {
        for (const seed of config.seeds) {
          if (position % shard.count === shard.index - 1) tasks.push({ position, model, harness, scenario, seed });
          position += 1;
        }
      }
    }
  }
  return tasks;
}
