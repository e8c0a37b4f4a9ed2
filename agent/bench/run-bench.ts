/**
 * `hearth bench`: every model × harness × scenario × seed of a config (or one shard of them),
 * through the run folder's episode log — each episode's result and trace are written as it ends,
 * so the same command continues a stopped run and never runs an episode twice. Models are opened
 * one at a time; `concurrency` episodes run at once against the one loaded model (llama.cpp: that
 * many sequences in one context, batched; a server: its own batching).
 */
import type { EnvTask } from '../../envs/protocol.ts';
import { envKeyOf, hearthEnvSource, type EnvSource } from '../../envs/hearth/hearth-env.ts';
import { openModel as openAnyModel, type OpenModelOptions } from '../models/open-model.ts';
import type { ModelBackend } from '../models/model-backend.ts';
import type { HarnessSpec } from '../harness/harness-spec.ts';
import type { BenchConfig } from './bench-config.ts';
import { appendInvocation, claimBenchFolder, machineInfo } from './bench-folder.ts';
import { BenchError, benchTasks, describeModel, resolveBench, type BenchRequest, type BenchTask, type Shard } from './bench-plan.ts';
import { openEpisodeLog, type EpisodeLog, type EpisodeResult } from './episode-log.ts';
import { episodeKey, runEpisodeJobs } from './run-episodes.ts';

export type ModelOpener = (spec: string, options: OpenModelOptions) => Promise<ModelBackend>;

export interface BenchProgress {
  done: number;
  total: number;
  result: EpisodeResult;
  /** False when read back from the log. */
  fresh: boolean;
}

export interface RunBenchOptions {
  out: string;
  request: BenchRequest;
  shard?: Shard;
  concurrency?: number;
  /** CPU threads for local models. */
  threads?: number;
  openModel?: ModelOpener;
  onProgress?: (progress: BenchProgress) => void;
  /** A line of news (a model loading, a model done). */
  onNote?: (text: string) => void;
  shouldStop?: () => boolean;
}

export interface BenchOutcome {
  config: BenchConfig;
  /** This shard's episodes, in canonical order (all of them unless stopped). */
  results: EpisodeResult[];
  episodesRun: number;
  seconds: number;
}

/** The log key of a task (what `runEpisodeJobs` will look up). */
export function taskKey(config: BenchConfig, task: BenchTask): string {
  const model = config.models[task.model]!;
  return episodeKey({
    behaviourId: config.harnesses[task.harness]!.behaviourId, model: model.id, chooser: model.backend === 'null' ? 'null' : 'model',
    scenarioId: config.scenarios[task.scenario]!.id, seed: task.seed, env: envKeyOf(config.env ?? hearthEnvSource({ physics: config.physics }).description),
  });
}

async function describeModels(request: BenchRequest, open: ModelOpener): Promise<BenchConfig['models']> {
  const models: BenchConfig['models'] = [];
  for (const spec of request.models) {
    const model = await open(spec, { threads: 1 });
    try {
      models.push(await describeModel(spec, model.info));
    } finally {
      await model.close();
    }
  }
  return models;
}

async function runModel(config: BenchConfig, index: number, tasks: BenchTask[], context: { log: EpisodeLog; tasks: EnvTask[]; env: EnvSource; specs: HarnessSpec[]; options: RunBenchOptions; progress: (result: EpisodeResult, fresh: boolean) => void }): Promise<EpisodeResult[]> {
  const { options } = context;
  const described = config.models[index]!;
  const concurrency = options.concurrency ?? 1;
  options.onNote?.(`${described.spec}: ${tasks.length} episodes${concurrency > 1 ? `, ${concurrency} at once` : ''}`);
  const model = await (options.openModel ?? openAnyModel)(described.spec, { threads: options.threads, sequences: concurrency });
  try {
    if (model.info.id !== described.id) throw new BenchError(`model '${described.spec}' now opens as '${model.info.id}', but this run recorded '${described.id}'; use a new --out folder`);
    const jobs = tasks.map((task) => ({ spec: context.specs[task.harness]!, task: context.tasks[task.scenario]!, seed: task.seed }));
    return await runEpisodeJobs(jobs, { log: context.log, model, env: context.env, runner: config.runner, concurrency, onEpisode: context.progress, shouldStop: options.shouldStop });
  } finally {
    await model.close();
  }
}

export async function runBench(options: RunBenchOptions): Promise<BenchOutcome> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const open = options.openModel ?? openAnyModel;
  const concurrency = options.concurrency ?? 1;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new BenchError(`--concurrency must be a whole number ≥ 1, got ${concurrency}`);
  const models = await describeModels(options.request, open);
  const { config, tasks: envTasks, specs, env } = await resolveBench(options.request, models);
  claimBenchFolder(options.out, config);
  const log = openEpisodeLog(options.out);
  const shard = options.shard ?? { index: 1, count: 1 };
  const tasks = benchTasks(config, shard);
  let done = 0;
  let episodesRun = 0;
  const progress = (result: EpisodeResult, fresh: boolean) => {
    done += 1;
    if (fresh) episodesRun += 1;
    options.onProgress?.({ done, total: tasks.length, result, fresh });
  };
  const results: EpisodeResult[] = [];
  for (let index = 0; index < config.models.length; index += 1) {
    const mine = tasks.filter((task) => task.model === index);
    const known = mine.map((task) => log.get(taskKey(config, task)));
    if (known.every(Boolean)) {
      // Nothing left for this model: do not even load it.
      for (const result of known) progress(result!, false);
      results.push(...(known as EpisodeResult[]));
      continue;
    }
    if (options.shouldStop?.()) break;
    results.push(...(await runModel(config, index, mine, { log, tasks: envTasks, env, specs, options, progress })));
  }
  const seconds = Math.round(performance.now() - started) / 1000;
  appendInvocation(options.out, { formatVersion: 1, startedAt, seconds, episodesRun, shard: `${shard.index}/${shard.count}`, concurrency, threads: options.threads ?? null, machine: machineInfo() });
  return { config, results, episodesRun, seconds };
}
