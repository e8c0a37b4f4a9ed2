/**
 * A benchmark run folder:
 *
 *   config.json        the run's configuration (BenchConfig), written once
 *   episodes.jsonl     one EpisodeResult per finished episode, fsync'd (agent/bench/episode-log.ts)
 *   traces/…/*.jsonl   one trace per episode, written before its line
 *   invocations.jsonl  per finished invocation: when, how long, episodes run, shard, concurrency, machine
 *
 * A folder holds one configuration: running, sharding into or merging into it with another is
 * refused with what differs.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchConfigDifferences, benchConfigSchema, type BenchConfig } from './bench-config.ts';
import { BenchError } from './bench-plan.ts';

const CONFIG_FILE = 'config.json';
const INVOCATIONS_FILE = 'invocations.jsonl';

/** The folder's config, or null when it has none yet. */
export function readBenchConfig(dir: string): BenchConfig | null {
  const file = path.join(dir, CONFIG_FILE);
  if (!fs.existsSync(file)) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new BenchError(`${file} is not JSON (${(error as Error).message}); restore it or use a new --out folder`);
  }
  const parsed = benchConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new BenchError(`${file} is not a benchmark config (${issue.path.join('.') || '(root)'}: ${issue.message}); is it another kind of run folder? Use a new --out folder`);
  }
  return parsed.data;
}

/** Writes config.json into a new folder, or checks that an existing one is the same run. */
export function claimBenchFolder(dir: string, config: BenchConfig): void {
  const previous = readBenchConfig(dir);
  if (previous) {
    const differences = benchConfigDifferences(previous, config);
    if (differences.length) throw new BenchError(`${dir} holds a different benchmark; differs in ${differences.join('; ')}. Use the same options to continue it, or a new --out folder`);
    return;
  }
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, CONFIG_FILE);
  fs.writeFileSync(`${file}.tmp`, `${JSON.stringify(config, null, 2)}\n`);
  fs.renameSync(`${file}.tmp`, file);
}

export interface Invocation {
  formatVersion: 1;
  startedAt: string;
  seconds: number;
  episodesRun: number;
  shard: string;
  concurrency: number;
  threads: number | null;
  machine: { cpus: number; cpuModel: string; memoryGB: number; platform: string; arch: string; node: string };
  /** For a merge: the folders merged. */
  mergedFrom?: string[];
}

export function machineInfo(): Invocation['machine'] {
  const cpus = os.cpus();
  return { cpus: cpus.length, cpuModel: cpus[0]?.model ?? 'unknown', memoryGB: Math.round(os.totalmem() / 2 ** 30), platform: os.platform(), arch: os.arch(), node: process.version };
}

export function appendInvocation(dir: string, invocation: Invocation): void {
  fs.appendFileSync(path.join(dir, INVOCATIONS_FILE), `${JSON.stringify(invocation)}\n`);
}

export function readInvocations(dir: string): Invocation[] {
  const file = path.join(dir, INVOCATIONS_FILE);
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').split('\n').filter((line) => line.trim()).flatMap((line) => {
    try {
      return [JSON.parse(line) as Invocation];
    } catch {
      return []; // a torn last line of a killed invocation
    }
  });
}
