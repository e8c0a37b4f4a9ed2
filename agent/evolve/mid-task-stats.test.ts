import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { HarnessEdit } from '../harness/harness-edits.ts';
import type { Trace, TraceEvent } from '../trace/trace-events.ts';
import { traceToJsonl } from '../trace/trace-io.ts';
import { formatMidTaskStats, midTaskStats, readTraceFolder } from './mid-task-stats.ts';

const EDITS: HarnessEdit[] = [{ op: 'insert', slot: 'control', part: 'loop-detection', params: {} }];
const WITH_PART = [{ part: 'mid-task-rewrite', params: { remedies: [{ category: 'loop', edits: EDITS, lever: 'loop-detection' }] } }];

/** A hand-built trace: `rewrites` as [trigger, category, lever] at steps 3, 6, …; `success`; `part`: whether the harness has the part; `ended`: false cuts the episode-end. */
function trace(seed: number, options: { rewrites?: [string, string, string | null][]; success: boolean; part?: boolean; ended?: boolean }): Trace {
  const rewrites: TraceEvent[] = (options.rewrites ?? []).map(([trigger, category, lever], index) => ({ type: 'harness-rewrite', step: 3 * (index + 1), part: 'mid-task-rewrite', trigger, detail: '', category, lever, edits: EDITS, harnessId: 'h-rewritten' }));
  const end: TraceEvent = { type: 'episode-end', step: 12, success: options.success, steps: 12, termination: options.success ? 'success' : 'step-limit', reward: options.success ? 1 : 0, modelCalls: 12, tokens: 0 };
  return {
    header: {
      type: 'header', formatVersion: 1, harnessId: 'h-test', model: { id: 'scripted', backend: 'scripted', source: 'scripted', contextSize: 1, settings: {} },
      harness: { formatVersion: 1, name: 'test', description: '', slots: { summarizers: [], decomposer: null, memory: [], promptBuilder: { part: 'chat-prompt', params: {} }, selector: { part: 'free-generation', params: {} }, validators: [], control: options.part === false ? [] : WITH_PART }, texts: {}, parent: null },
      scenario: { id: 's', seed, taskType: null }, physics: 'kinematic',
    },
    events: [{ type: 'episode-start', step: 0, goal: 'g', stepLimit: 12, observation: 'o' }, ...rewrites, ...(options.ended === false ? [] : [end])],
  };
}

const TRACES = [
  trace(1, { rewrites: [['loop', 'loop', 'loop-detection']], success: true }),
  trace(2, { rewrites: [['loop', 'loop', 'loop-detection'], ['failed-actions', 'precondition', 'preconditions']], success: false }),
  trace(3, { rewrites: [['no-progress', 'other', null]], success: false }),
  trace(4, { success: true }),
  trace(5, { success: true }),
  trace(6, { success: false }),
  trace(7, { success: false, part: false }),
];

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

describe('midTaskStats', () => {
  it('counts episodes with a rewrite, rewrites per trigger, category and lever', () => {
    const stats = midTaskStats(TRACES);
    expect(stats).toMatchObject({ episodes: 7, withPart: 6, episodesWithRewrite: 3, rewrites: 4, unfinished: 0 });
    expect(stats.byTrigger).toEqual({ loop: { episodes: 2, rewrites: 2 }, 'failed-actions': { episodes: 1, rewrites: 1 }, 'no-progress': { episodes: 1, rewrites: 1 } });
    expect(stats.byCategory).toEqual({ loop: { episodes: 2, rewrites: 2 }, precondition: { episodes: 1, rewrites: 1 }, other: { episodes: 1, rewrites: 1 } });
    expect(stats.byLever).toEqual({ 'loop-detection': { episodes: 2, rewrites: 2 }, preconditions: { episodes: 1, rewrites: 1 }, '(none)': { episodes: 1, rewrites: 1 } });
  });

  it('compares success with a rewrite against episodes that had the part and did not rewrite (not those without the part)', () => {
    const stats = midTaskStats(TRACES);
    expect(stats.withRewrite).toMatchObject({ episodes: 3, successes: 1 });
    expect(stats.withRewrite.rate).toBeCloseTo(1 / 3);
    expect(stats.withoutRewrite).toMatchObject({ episodes: 3, successes: 2 });
    expect(stats.withoutRewrite.low).toBeLessThan(stats.withoutRewrite.rate);
    expect(stats.withoutRewrite.high).toBeGreaterThan(stats.withoutRewrite.rate);
  });

  it('counts a trace without an episode-end as an unfinished failure', () => {
    const stats = midTaskStats([trace(1, { rewrites: [['loop', 'loop', 'loop-detection']], success: true, ended: false })]);
    expect(stats).toMatchObject({ unfinished: 1, withRewrite: { episodes: 1, successes: 0 } });
  });

  it('formats the counts readably', () => {
    const text = formatMidTaskStats(midTaskStats(TRACES));
    expect(text).toContain('3 of 7 episodes rewrote their harness mid-task (4 rewrite(s); 6 episode(s) had the part)');
    expect(text).toContain('  loop: 2 rewrite(s) in 2 episode(s)');
    expect(text).toContain('success with a rewrite: 1/3 = 33%');
    expect(text).toContain('success with the part but no rewrite: 2/3 = 67%');
  });

  it('reads the traces of a folder (recursively), skipping episode logs, and names a broken file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-midtask-'));
    dirs.push(dir);
    fs.mkdirSync(path.join(dir, 'traces', 'b-1'), { recursive: true });
    TRACES.forEach((t, index) => fs.writeFileSync(path.join(dir, 'traces', 'b-1', `t${index}.jsonl`), traceToJsonl(t)));
    fs.writeFileSync(path.join(dir, 'episodes.jsonl'), '{"formatVersion":1,"key":"k"}\n');
    const read = readTraceFolder(dir);
    expect(read).toHaveLength(7);
    expect(midTaskStats(read)).toEqual(midTaskStats(TRACES));
    fs.writeFileSync(path.join(dir, 'traces', 'b-1', 'broken.jsonl'), `${JSON.stringify(TRACES[0]!.header)}\n{"type":"nope"}\n`);
    expect(() => readTraceFolder(dir)).toThrow(/broken\.jsonl: line 2: bad event/);
    expect(() => readTraceFolder(path.join(dir, 'missing'))).toThrow(/is not a folder/);
  });
});
