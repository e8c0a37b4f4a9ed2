import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hearth } from '../testing/run-hearth.ts';
import { fileLines as lines, spawnHearth } from '../testing/spawn-hearth.ts';

const temporary = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-bench-cli-'));
afterAll(() => fs.rmSync(temporary, { recursive: true, force: true }));

// The null chooser keeps the runs fast and exactly repeatable; real models are in the README's benchmark.
const ARGS = ['--models', 'random,random:2', '--harness', 'minimal,evolved-smollm2', '--suite', 'scenarios/library/*.json', '--seeds', '0..2', '--concurrency', '2'];
const outcomes = (file: string) => new Map(lines(file).map((line) => JSON.parse(line)).map((r) => [r.key, [r.success, r.steps, r.termination]]));

describe('hearth bench', () => {
  it('continues a run killed with SIGKILL: every episode exactly once, the same outcomes as an uninterrupted run', async () => {
    const straight = path.join(temporary, 'straight');
    const whole = await spawnHearth(['bench', ...ARGS, '--out', straight]);
    expect(whole.code, whole.stderr).toBe(0);
    const total = lines(path.join(straight, 'episodes.jsonl')).length;
    expect(total).toBe(2 * 2 * 23 * 3);
    const killed = path.join(temporary, 'killed');
    const log = path.join(killed, 'episodes.jsonl');
    const first = await spawnHearth(['bench', ...ARGS, '--out', killed], { file: log, lines: 60 });
    expect(first.signal).toBe('SIGKILL');
    const before = lines(log).length;
    expect(before).toBeGreaterThanOrEqual(60);
    expect(before).toBeLessThan(total);
    const rest = await spawnHearth(['bench', ...ARGS, '--out', killed]);
    expect(rest.code, rest.stderr).toBe(0);
    const keys = lines(log).map((line) => JSON.parse(line).key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.length).toBe(total);
    expect(outcomes(log)).toEqual(outcomes(path.join(straight, 'episodes.jsonl')));
    // Every logged episode's trace is there and whole.
    for (const line of lines(log)) expect(fs.existsSync(path.join(killed, JSON.parse(line).traceFile))).toBe(true);
  }, 300_000);

  it('prints a success table and merges shards', async () => {
    const args = ['--models', 'random', '--harness', 'evolved-smollm2', '--suite', 'scenarios/library/*.json', '--limit', '6'];
    const one = await hearth('bench', ...args, '--shard', '1/2', '--out', path.join(temporary, 's1'));
    expect(one.code, one.err).toBe(0);
    expect(one.out).toMatch(/random\s+evolved-smollm2\s+\d+\/3 /);
    const two = await hearth('bench', ...args, '--shard', '2/2', '--out', path.join(temporary, 's2'));
    expect(two.code, two.err).toBe(0);
    const merged = await hearth('bench', 'merge', path.join(temporary, 's1'), path.join(temporary, 's2'), '--out', path.join(temporary, 'merged'));
    expect(merged.code, merged.err).toBe(0);
    expect(merged.out).toContain('6 episodes added, 0 already there; 6/6 of the benchmark present');
  });

  it('refuses bad options with what is allowed', async () => {
    const shard = await hearth('bench', '--models', 'random', '--shard', '3/2');
    expect(shard.code).toBe(2);
    expect(shard.err).toContain("--shard must be i/n with 1 ≤ i ≤ n (e.g. 2/4), got '3/2'");
    const concurrency = await hearth('bench', '--models', 'random', '--concurrency', '0');
    expect(concurrency.code).toBe(2);
    expect(concurrency.err).toContain("--concurrency must be a whole number ≥ 1, got '0'");
    const seeds = await hearth('bench', '--models', 'random', '--seeds', '');
    expect(seeds.code).toBe(2);
    expect(seeds.err).toContain("option '--seeds' got an empty value");
    const model = await hearth('bench', '--models', 'nope', '--out', path.join(temporary, 'nope'));
    expect(model.code).toBe(2);
    expect(model.err).toContain("unknown model 'nope'");
    const merge = await hearth('bench', 'merge', path.join(temporary, 'missing'), '--out', path.join(temporary, 'm2'));
    expect(merge.code).toBe(2);
    expect(merge.err).toContain('is not a folder');
  });
});
