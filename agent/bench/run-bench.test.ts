import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { traceFingerprint } from '../trace/trace-io.ts';
import { benchTasks, parseShard, type BenchRequest } from './bench-plan.ts';
import { readBenchConfig } from './bench-folder.ts';
import { openEpisodeLog } from './episode-log.ts';
import { mergeBenchRuns } from './merge-bench.ts';
import { runBench } from './run-bench.ts';

const temporary = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-bench-'));
afterAll(() => fs.rmSync(temporary, { recursive: true, force: true }));
const dir = (name: string) => path.join(temporary, name);

// The null chooser is real (it plays every episode in the simulator) and fast and exactly repeatable.
const REQUEST: BenchRequest = { models: ['random', 'random:1'], harnesses: ['minimal', 'evolved-smollm2'], scenarios: 'scenarios/library/*.json', limit: 5, seeds: [0, 1] };

/** What an episode did, minus wall time: key → outcome and trace fingerprint. */
function episodesOf(folder: string): Map<string, unknown> {
  const log = openEpisodeLog(folder);
  return new Map(log.all().map((result) => [result.key, { success: result.success, steps: result.steps, termination: result.termination, trace: traceFingerprint(log.readTrace(result)) }]));
}

describe('hearth bench run folders', () => {
  it('splits into shards that partition the episodes in canonical order', async () => {
    await runBench({ out: dir('whole'), request: REQUEST });
    const config = readBenchConfig(dir('whole'))!;
    const all = benchTasks(config).map((task) => task.position);
    expect(all).toHaveLength(2 * 2 * 5 * 2);
    const shards = [1, 2, 3].map((index) => benchTasks(config, { index, count: 3 }).map((task) => task.position));
    expect(shards.flat().sort((a, b) => a - b)).toEqual(all);
    expect(shards[1]![0]).toBe(1);
    expect(() => parseShard('0/2')).toThrow(/1 ≤ i ≤ n/);
    expect(() => parseShard('two')).toThrow(/got 'two'/);
  });

  it('records the configuration once: model hashes, harness ids, scenario hashes, oracle lengths, version', () => {
    const config = readBenchConfig(dir('whole'))!;
    expect(config.models.map((model) => [model.spec, model.id, model.backend, model.sha256])).toEqual([['random', 'random', 'null', null], ['random:1', 'random:1', 'null', null]]);
    expect(config.harnesses.map((harness) => harness.ref)).toEqual(['minimal', 'evolved-smollm2']);
    expect(config.scenarios).toHaveLength(5);
    expect(config.scenarios.every((scenario) => /^[0-9a-f]{64}$/.test(scenario.sha256) && (scenario.oracleSteps ?? 0) > 0)).toBe(true);
  });

  it('gives, sharded in two and merged, exactly the episodes and traces of the unsharded run', async () => {
    for (const index of [1, 2]) await runBench({ out: dir(`shard${index}`), request: REQUEST, shard: { index, count: 2 } });
    expect(openEpisodeLog(dir('shard1')).size()).toBe(20);
    const merged = mergeBenchRuns([dir('shard1'), dir('shard2')], dir('merged'));
    expect(merged).toEqual({ added: 40, duplicates: 0, missing: 0, total: 40 });
    expect(episodesOf(dir('merged'))).toEqual(episodesOf(dir('whole')));
    // Merging again changes nothing; continuing the merged folder runs nothing.
    expect(mergeBenchRuns([dir('shard1')], dir('merged'))).toMatchObject({ added: 0, duplicates: 20 });
    const again = await runBench({ out: dir('merged'), request: REQUEST });
    expect(again.episodesRun).toBe(0);
    expect(again.results).toHaveLength(40);
  });

  it('gives the same episodes with several at once', async () => {
    const concurrent = await runBench({ out: dir('concurrent'), request: REQUEST, concurrency: 3 });
    expect(concurrent.episodesRun).toBe(40);
    expect(episodesOf(dir('concurrent'))).toEqual(episodesOf(dir('whole')));
    // Results come back in canonical order whatever order the episodes finished in.
    expect(concurrent.results.map((result) => result.key)).toEqual((await runBench({ out: dir('whole'), request: REQUEST })).results.map((result) => result.key));
  });

  it('refuses a different configuration in a folder, and mismatched shards in a merge, saying what differs', async () => {
    await expect(runBench({ out: dir('whole'), request: { ...REQUEST, seeds: [0] } })).rejects.toThrow(/holds a different benchmark; differs in seeds: \[0,1\] → \[0\]/);
    await runBench({ out: dir('other'), request: { ...REQUEST, harnesses: ['minimal'] } });
    expect(() => mergeBenchRuns([dir('shard1'), dir('other')], dir('merged2'))).toThrow(/is a different benchmark .* differs in harnesses: \["minimal","evolved-smollm2"\] → \["minimal"\]/);
    expect(() => mergeBenchRuns([dir('nothing-here')], dir('merged3'))).toThrow(/is not a folder/);
  });

  it('names bad requests precisely', async () => {
    await expect(runBench({ out: dir('bad1'), request: { ...REQUEST, scenarios: 'household-v1:test-unsen' } })).rejects.toThrow(/unknown split 'test-unsen'/);
    await expect(runBench({ out: dir('bad2'), request: { ...REQUEST, harnesses: ['minimal', 'minimal'] } })).rejects.toThrow(/behaves exactly like an earlier harness/);
    await expect(runBench({ out: dir('bad3'), request: { ...REQUEST, scenarios: 'no/such/*.json' } })).rejects.toThrow(/neither a suite/);
  });
});
