/**
 * `hearth bench merge DIRS… --out DIR`: the shards of one benchmark (same config.json) become one
 * run folder, as if it had run in one place. Mismatched configurations are refused with what
 * differs; an episode found in several folders is kept once (episodes are keyed by what decides
 * them). The merged folder can be merged into again, and `hearth bench` can continue it.
 */
import { claimBenchFolder, appendInvocation, machineInfo, readBenchConfig } from './bench-folder.ts';
import { benchConfigDifferences } from './bench-config.ts';
import { BenchError, benchTasks } from './bench-plan.ts';
import { openEpisodeLog } from './episode-log.ts';
import { taskKey } from './run-bench.ts';
import fs from 'node:fs';
import path from 'node:path';

export interface MergeOutcome {
  /** Episodes copied into the merged folder. */
  added: number;
  /** Episodes found again (already in the folder, or in an earlier source). */
  duplicates: number;
  /** Episodes of the config in no source, still to run (`hearth bench` with the same options runs them). */
  missing: number;
  total: number;
}

export function mergeBenchRuns(sources: readonly string[], out: string): MergeOutcome {
  const started = performance.now();
  if (sources.length === 0) throw new BenchError('bench merge: name the run folders to merge');
  const configs = sources.map((dir) => {
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new BenchError(`bench merge: ${dir} is not a folder`);
    const config = readBenchConfig(dir);
    if (!config) throw new BenchError(`bench merge: ${dir} has no config.json — is it a benchmark run folder (made by hearth bench)?`);
    return config;
  });
  const config = configs[0]!;
  configs.forEach((other, index) => {
    const differences = benchConfigDifferences(config, other);
    if (differences.length) throw new BenchError(`bench merge: ${sources[index]} is a different benchmark from ${sources[0]}; differs in ${differences.join('; ')}`);
  });
  if (sources.some((dir) => path.resolve(dir) === path.resolve(out))) throw new BenchError('bench merge: --out must not be one of the folders merged');
  claimBenchFolder(out, config);
  const target = openEpisodeLog(out);
  let added = 0;
  let duplicates = 0;
  for (const dir of sources) {
    const source = openEpisodeLog(dir, { readOnly: true });
    for (const result of source.all()) {
      if (target.get(result.key)) {
        duplicates += 1;
        continue;
      }
      const { traceFile, formatVersion, ...rest } = result;
      void traceFile;
      void formatVersion;
      target.append(rest, source.readTrace(result));
      added += 1;
    }
  }
  const tasks = benchTasks(config);
  const missing = tasks.filter((task) => !target.get(taskKey(config, task))).length;
  appendInvocation(out, { formatVersion: 1, startedAt: new Date().toISOString(), seconds: Math.round(performance.now() - started) / 1000, episodesRun: 0, shard: 'merge', concurrency: 0, threads: null, machine: machineInfo(), mergedFrom: sources.map((dir) => path.resolve(dir)) });
  return { added, duplicates, missing, total: tasks.length };
}
