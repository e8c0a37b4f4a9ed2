/**
 * Runs episodes through an episode log: episodes already logged are read back, the rest are run
 * (up to `concurrency` at once against the one model) and logged as each finishes. The one way
 * episodes are run for evolution and the benchmark, so both resume exactly.
 */
import type { PhysicsMode, WorldSpec } from '../../sim/index.ts';
import type { EnvTask, Environment } from '../../envs/protocol.ts';
import { envKeyOf, hearthEnvSource, type EnvSource } from '../../envs/hearth/hearth-env.ts';
import { buildHarness, type BuiltHarness } from '../harness/build-harness.ts';
import { behaviourId, type HarnessSpec } from '../harness/harness-spec.ts';
import { builtInParts } from '../harness/all-parts.ts';
import { runEpisode } from '../harness/run-episode.ts';
import { assertHarnessFits } from '../harness/capabilities.ts';
import type { ModelBackend } from '../models/model-backend.ts';
import type { EventOf } from '../trace/trace-events.ts';
import type { EpisodeLog, EpisodeResult } from './episode-log.ts';

export interface EpisodePlan {
  scenarios: readonly WorldSpec[];
  seeds: readonly number[];
}

/** One episode to run: a harness on a task (a Hearth scenario, an ALFWorld game …) from a seed. */
export interface EpisodeJob {
  spec: HarnessSpec;
  task: EnvTask;
  seed: number;
}

/** A Hearth scenario as a task of Hearth's environment. */
export const scenarioTask = (scenario: WorldSpec): EnvTask => ({ id: scenario.id, data: scenario });

export interface RunEpisodesOptions {
  log: EpisodeLog;
  model: ModelBackend;
  /** Where episodes run (default: Hearth's simulator with `physics`); one environment is opened per concurrent episode. */
  env?: EnvSource;
  physics?: PhysicsMode;
  /** Runner options (the runner's defaults unless set). */
  runner?: { maxRetries: number; modelTimeoutMs: number };
  /** Episodes run at once (default 1). Results do not depend on it: each episode is its own world. */
  concurrency?: number;
  /** After each episode (run or read back), in the order they finish. */
  onEpisode?: (result: EpisodeResult, fresh: boolean) => void;
  /** Checked before each new episode: true stops starting new ones (those running finish and are kept). */
  shouldStop?: () => boolean;
}

/** The log key of one episode: same behaviour, model, chooser, task, seed and environment (`envKeyOf`) → same episode. */
export function episodeKey(parts: { behaviourId: string; model: string; chooser: string; scenarioId: string; seed: number; env: string }): string {
  return [parts.behaviourId, parts.model, parts.chooser, parts.scenarioId, parts.seed, parts.env].join('|');
}

/** The jobs of one harness on a plan, scenario-major. */
export function planJobs(spec: HarnessSpec, plan: EpisodePlan): EpisodeJob[] {
  return plan.scenarios.flatMap((scenario) => plan.seeds.map((seed) => ({ spec, task: scenarioTask(scenario), seed })));
}

/** Results in job order; fewer than the jobs only when `shouldStop` said so. */
export async function runEpisodeJobs(jobs: readonly EpisodeJob[], options: RunEpisodesOptions): Promise<EpisodeResult[]> {
  const source = options.env ?? hearthEnvSource({ physics: options.physics ?? 'kinematic' });
  const envKey = envKeyOf(source.description);
  const chooser = options.model.pick ? 'null' : 'model';
  const harnesses = new Map<string, BuiltHarness>();
  const harnessOf = (spec: HarnessSpec): BuiltHarness => {
    const id = JSON.stringify(spec);
    if (!harnesses.has(id)) harnesses.set(id, buildHarness(spec, builtInParts));
    return harnesses.get(id)!;
  };
  const keyOf = (job: EpisodeJob) => episodeKey({ behaviourId: behaviourId(job.spec), model: options.model.info.id, chooser, scenarioId: job.task.id, seed: job.seed, env: envKey });
  // A harness that needs what the environment lacks is refused before any episode.
  for (const job of jobs) assertHarnessFits(harnessOf(job.spec), source.description);
  const results: (EpisodeResult | undefined)[] = jobs.map((job) => options.log.get(keyOf(job)));
  for (const known of results) if (known) options.onEpisode?.(known, false);
  const pending = jobs.map((job, index) => ({ job, index })).filter(({ index }) => !results[index]);
  // Two jobs with the same key (a plan listing an episode twice) run once.
  const running = new Map<string, Promise<EpisodeResult>>();

  const runOne = async (job: EpisodeJob, env: Environment): Promise<EpisodeResult> => {
    const key = keyOf(job);
    const known = options.log.get(key);
    if (known) return known;
    const harness = harnessOf(job.spec);
    const started = performance.now();
    const trace = await runEpisode({ env, task: job.task, seed: job.seed, model: options.model, harness, ...options.runner });
    const end = trace.events.at(-1) as EventOf<'episode-end'>;
    const result = options.log.append({
      key, behaviourId: behaviourId(job.spec), harnessId: harness.id, model: options.model.info.id, chooser, scenarioId: job.task.id, seed: job.seed,
      success: end.success, ...(end.score !== undefined ? { score: end.score } : {}), steps: end.steps, termination: end.termination, tokens: end.tokens, ...(end.computedTokens !== undefined ? { computedTokens: end.computedTokens } : {}), modelCalls: end.modelCalls,
      seconds: Math.round(performance.now() - started) / 1000,
    }, trace);
    options.onEpisode?.(result, true);
    return result;
  };

  let next = 0;
  let stopped = false;
  let failed = false;
  // Each worker opens its own environment when it first needs one (a peer: one bridge process) and closes it at the end.
  const worker = async (): Promise<void> => {
    let env: Environment | null = null;
    try {
      while (next < pending.length && !failed) {
        if (options.shouldStop?.()) stopped = true;
        if (stopped) return;
        const { job, index } = pending[next]!;
        next += 1;
        const key = keyOf(job);
        env ??= await source.open();
        if (!running.has(key)) running.set(key, runOne(job, env));
        try {
          results[index] = await running.get(key)!;
        } catch (error) {
          failed = true; // the other workers finish their episodes and start no new ones
          throw error;
        }
      }
    } finally {
      await env?.close();
    }
  };
  const concurrency = Math.max(1, Math.min(options.concurrency ?? 1, pending.length || 1));
  const outcomes = await Promise.allSettled(Array.from({ length: concurrency }, worker));
  const failure = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (failure) throw failure.reason;
  // Stopped early: keep the plan-order prefix semantics of a partial batch.
  return stopped ? results.filter((result): result is EpisodeResult => result !== undefined) : (results as EpisodeResult[]);
}

/** One harness on a plan of scenarios × seeds; results in plan order (scenario-major). */
export function runEpisodes(spec: HarnessSpec, plan: EpisodePlan, options: RunEpisodesOptions): Promise<EpisodeResult[]> {
  return runEpisodeJobs(planJobs(spec, plan), options);
}
