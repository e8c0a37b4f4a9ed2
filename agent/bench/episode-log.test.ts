import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HOT_MUG_PLAN, runScripted, testHouse, testSpec } from '../harness/testing/harness-test-kit.ts';
import type { Trace } from '../trace/trace-events.ts';
import { openEpisodeLog, type EpisodeResult } from './episode-log.ts';

let trace: Trace;
let shortTrace: Trace;
beforeAll(async () => {
  trace = await runScripted(testSpec(), HOT_MUG_PLAN);
  shortTrace = await runScripted(testSpec(), [], { scenario: testHouse(1) });
});

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-episode-log-'));
  dirs.push(dir);
  return dir;
}

/** What `runEpisodes` appends for one episode of seed `seed`. */
function result(seed: number, success = true): Omit<EpisodeResult, 'traceFile' | 'formatVersion'> {
  return {
    key: `b-abc|scripted|model|test/two-room-house|${seed}|kinematic`, behaviourId: 'b-abc', harnessId: 'h-abc', model: 'scripted', chooser: 'model',
    scenarioId: 'test/two-room-house', seed, success, steps: 7, termination: success ? 'success' : 'step-limit', tokens: 71, modelCalls: 7, seconds: 0.25,
  };
}
const logFile = (dir: string): string => path.join(dir, 'episodes.jsonl');

describe('openEpisodeLog', () => {
  it('finds appended results by key after reopening', () => {
    const dir = tempDir();
    const log = openEpisodeLog(dir);
    expect(log.size()).toBe(0);
    const written = log.append(result(1), trace);
    log.append(result(2, false), shortTrace);
    expect(log.get(written.key)).toEqual(written);
    const reopened = openEpisodeLog(dir);
    expect(reopened.size()).toBe(2);
    expect(reopened.get(result(1).key)).toEqual({ formatVersion: 1, ...result(1), traceFile: written.traceFile });
    expect(reopened.get(result(2).key)?.success).toBe(false);
    expect(reopened.get('no such key')).toBeUndefined();
    expect(fs.readFileSync(logFile(dir), 'utf8').split('\n')).toHaveLength(3); // two lines and the final newline
  });

  it('cuts a torn last line on reopening, and the next append is readable', () => {
    const dir = tempDir();
    openEpisodeLog(dir).append(result(1), trace);
    fs.appendFileSync(logFile(dir), '{"formatVersion":1,"key":"b-abc|scripted|mo');
    const reopened = openEpisodeLog(dir);
    expect(reopened.size()).toBe(1);
    expect(fs.readFileSync(logFile(dir), 'utf8').endsWith('}\n')).toBe(true);
    reopened.append(result(2), shortTrace);
    const again = openEpisodeLog(dir);
    expect(again.size()).toBe(2);
    expect(again.get(result(1).key)?.seed).toBe(1);
    expect(again.get(result(2).key)?.seed).toBe(2);
  });

  it('read-only, leaves a line still being written alone and refuses appends', () => {
    const dir = tempDir();
    openEpisodeLog(dir).append(result(1), trace);
    const partial = '{"formatVersion":1,"key":"b-abc|scripted|mo';
    fs.appendFileSync(logFile(dir), partial);
    const before = fs.readFileSync(logFile(dir), 'utf8');
    const reader = openEpisodeLog(dir, { readOnly: true });
    expect(reader.all().map((r) => r.seed)).toEqual([1]);
    expect(fs.readFileSync(logFile(dir), 'utf8')).toBe(before);
    expect(() => reader.append(result(2), shortTrace)).toThrow(/read-only/);
  });

  it('throws naming file and line when a line was edited into something that is not an episode result', () => {
    const dir = tempDir();
    const log = openEpisodeLog(dir);
    log.append(result(1), trace);
    log.append(result(2), shortTrace);
    const lines = fs.readFileSync(logFile(dir), 'utf8').split('\n');
    lines[1] = JSON.stringify({ ...JSON.parse(lines[1]!), success: 'yes' });
    fs.writeFileSync(logFile(dir), lines.join('\n'));
    expect(() => openEpisodeLog(dir)).toThrow(`${logFile(dir)}:2: not an episode result`);
  });

  it('reads back the trace of a result, equal to the one appended', () => {
    const dir = tempDir();
    const written = openEpisodeLog(dir).append(result(1), trace);
    expect(fs.existsSync(path.join(dir, written.traceFile))).toBe(true);
    expect(written.traceFile.startsWith(`traces${path.sep}b-abc${path.sep}`)).toBe(true);
    const reopened = openEpisodeLog(dir);
    expect(reopened.readTrace(reopened.get(written.key)!)).toEqual(trace);
  });
});
