/**
 * `hearth bench`: models × harnesses × scenarios × seeds, headlessly, into a resumable run folder;
 * `hearth bench merge`: shards back into one folder. Thin over agent/bench/run-bench.ts and
 * merge-bench.ts; `hearth report DIR` reads the folder.
 */
import path from 'node:path';
import type { Command } from 'commander';
import type { CommandModule } from './command-module.ts';
import { ensureDir } from '../ensure-dir.ts';
import { episodeProgress } from '../episode-progress.ts';
import { BenchError, parseShard, type BenchRequest } from '../../agent/bench/bench-plan.ts';
import { runBench, type BenchOutcome } from '../../agent/bench/run-bench.ts';
import { mergeBenchRuns } from '../../agent/bench/merge-bench.ts';
import { wilsonInterval } from '../../agent/evolve/stats.ts';
import { HarnessError } from '../../agent/harness/harness-error.ts';
import { ModelError } from '../../agent/models/model-error.ts';
import { SuiteError } from '../../scenarios/suites/suite-registry.ts';
import { ScenarioError } from '../../scenarios/format/scenario-issue.ts';
import { EnvError } from '../../envs/protocol.ts';
import { useAlfworldData } from '../env-options.ts';
import { UsageError } from '../usage-error.ts';

interface BenchOptions {
  models: string;
  harness: string;
  suite: string;
  limit?: string;
  seeds: string;
  out?: string;
  concurrency: string;
  shard?: string;
  threads: string;
  physics: string;
  view: string;
  alfworldData?: string;
}

const list = (text: string): string[] => text.split(',').map((item) => item.trim()).filter(Boolean);

function whole(value: string, name: string, min: number): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isInteger(number) || number < min) throw new BenchError(`--${name} must be a whole number ≥ ${min}, got '${value}'`);
  return number;
}

/** Seeds as a list (`0,1,2`) or a count (`3` → 0,1,2 is not assumed: a bare number is one seed). */
function parseSeeds(text: string): number[] {
  const range = /^(\d+)\.\.(\d+)$/.exec(text.trim());
  if (range) {
    const [from, to] = [Number(range[1]), Number(range[2])];
    if (to < from) throw new BenchError(`--seeds ${text}: the range ends before it starts`);
    return Array.from({ length: to - from + 1 }, (_, index) => from + index);
  }
  const seeds = list(text).map((seed) => whole(seed, 'seeds', 0));
  if (seeds.length === 0) throw new BenchError("--seeds must list seeds (e.g. 0,1,2 or 0..2), got ''");
  return seeds;
}

function requestFrom(options: BenchOptions): BenchRequest {
  if (options.physics !== 'kinematic' && options.physics !== 'matter') throw new BenchError(`--physics must be kinematic or matter, got '${options.physics}'`);
  if (options.view !== 'full' && options.view !== 'text') throw new BenchError(`--view must be full or text, got '${options.view}'`);
  useAlfworldData(options.alfworldData);
  const models = list(options.models);
  if (models.length === 0) throw new BenchError("--models must name at least one model (e.g. smollm2-135m,random), got ''");
  return {
    models, harnesses: list(options.harness), scenarios: options.suite, seeds: parseSeeds(options.seeds), physics: options.physics, view: options.view,
    limit: options.limit === undefined ? undefined : whole(options.limit, 'limit', 1),
  };
}

/** Successes per model × harness, one line each (the full tables: `hearth report`). */
function summaryLines(outcome: BenchOutcome): string[] {
  const lines: string[] = [];
  for (const model of outcome.config.models) {
    for (const harness of outcome.config.harnesses) {
      const mine = outcome.results.filter((result) => result.model === model.id && result.behaviourId === harness.behaviourId);
      if (mine.length === 0) continue;
      const successes = mine.filter((result) => result.success).length;
      const interval = wilsonInterval(successes, mine.length);
      const percent = (value: number) => `${(100 * value).toFixed(1)}%`;
      const scores = mine.map((result) => result.score ?? (result.success ? 1 : 0));
      const partial = scores.some((score) => score > 0 && score < 1);
      const meanScore = scores.reduce((a, b) => a + b, 0) / scores.length;
      lines.push(`${model.spec.padEnd(16)} ${harness.ref.padEnd(20)} ${String(successes).padStart(4)}/${mine.length} ${percent(interval.rate).padStart(6)} (95% ${percent(interval.low)}–${percent(interval.high)})${partial ? `  mean score ${meanScore.toFixed(2)}` : ''}`);
    }
  }
  return lines;
}

const KNOWN_ERRORS = [BenchError, HarnessError, ModelError, SuiteError, EnvError, UsageError];
const isKnown = (error: unknown): error is Error => KNOWN_ERRORS.some((kind) => error instanceof kind) || error instanceof ScenarioError;

async function benchAction(options: BenchOptions): Promise<void> {
  const display = episodeProgress();
  try {
    const request = requestFrom(options);
    const shard = options.shard === undefined ? undefined : parseShard(options.shard);
    const concurrency = whole(options.concurrency, 'concurrency', 1);
    const threads = whole(options.threads, 'threads', 1);
    const out = options.out ?? path.join('runs', `bench-${options.suite.replace(/[^a-z0-9]+/gi, '-')}${options.view === 'text' ? '-text' : ''}`);
    if (out.trim() === '') throw new BenchError("--out must name a folder, got ''");
    ensureDir(out);
    display.note(`bench → ${out}${shard ? ` (shard ${shard.index}/${shard.count})` : ''}: ${request.models.join(', ')} × ${request.harnesses.join(', ')} on ${request.scenarios} (rerun the same command to continue after a stop)`);
    const outcome = await runBench({
      out, request, shard, concurrency, threads,
      onNote: (text) => display.note(text),
      onProgress: (progress) => display.episode('episodes', progress.done, progress.total, progress.result, progress.fresh),
    });
    display.stop();
    console.log(summaryLines(outcome).join('\n'));
    console.log(`${outcome.results.length} episodes (${outcome.episodesRun} run now, ${outcome.seconds.toFixed(0)} s); tables and charts: hearth report ${out}`);
  } catch (error) {
    display.stop();
    if (!isKnown(error)) throw error;
    console.error(`error: ${error.message}`);
    process.exitCode = 2;
  }
}

function mergeAction(dirs: string[], options: { out: string }): void {
  try {
    const outcome = mergeBenchRuns(dirs, options.out);
    console.log(`merged ${dirs.length} folders into ${options.out}: ${outcome.added} episodes added, ${outcome.duplicates} already there; ${outcome.total - outcome.missing}/${outcome.total} of the benchmark present${outcome.missing ? ` (${outcome.missing} still to run)` : ''}`);
  } catch (error) {
    if (!(error instanceof BenchError)) throw error;
    console.error(`error: ${error.message}`);
    process.exitCode = 2;
  }
}

export const benchCommand: CommandModule = {
  register(program: Command): void {
    const bench = program
      .command('bench')
      .description('run models × harnesses × scenarios × seeds into a resumable, shardable run folder (rerun to continue)')
      .enablePositionalOptions()
      .option('--models <list>', 'models, comma-separated: catalog ids, .gguf files, onnx:DIR, http(s)://HOST/v1#MODEL, random', 'smollm2-135m,random')
      .option('--harness <list>', 'harnesses, comma-separated: preset names or spec/version .json files', 'minimal,react-basic')
      .option('--suite <spec>', 'suite[:split,split] (e.g. household-v1:test-unseen), a peer suite (alfworld:valid_seen, twx:twc-easy:test, scienceworld:subset:test; hearth envs list) or a glob of scenario files', 'household-v1:test-unseen')
      .option('--view <view>', "Hearth's suites and files: full (text + Hearth's structure) or text (only what ALFWorld gives: goal, observation, valid actions)", 'full')
      .option('--alfworld-data <dir>', 'ALFWorld data folder (json_2.1.1/…); default $ALFWORLD_DATA')
      .option('--limit <n>', 'at most N scenarios, balanced over task types')
      .option('--seeds <list>', 'episode seeds: 0,1,2 or 0..2', '0')
      .option('--concurrency <n>', 'episodes at once against one loaded model', '1')
      .option('--shard <i/n>', 'run only every n-th episode from the i-th (merge the shards with hearth bench merge)')
      .option('--threads <n>', 'CPU threads for a local model', '2')
      .option('--physics <mode>', 'kinematic or matter', 'kinematic')
      .option('--out <dir>', 'run folder (default runs/bench-<suite>)')
      .action(benchAction);
    bench
      .command('merge')
      .description('combine shards (or partial runs) of one benchmark into one run folder')
      .argument('<dirs...>', 'run folders with the same config.json')
      .requiredOption('--out <dir>', 'the merged run folder')
      .action(mergeAction);
  },
};
