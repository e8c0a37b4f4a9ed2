import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEpisodeLog } from '../bench/episode-log.ts';
import { endOf, eventsOf, HOT_MUG_PLAN, runScripted, testSpec } from '../harness/testing/harness-test-kit.ts';
import type { Trace } from '../trace/trace-events.ts';
import { exportSft, sftLinesOf, writeSft, type SkipReason } from './export-sft.ts';
import { ReportInputError } from './read-run.ts';
import { writeScriptedBenchRun } from './testing/scripted-bench-run.ts';

const noSkips = (): Record<SkipReason, number> => ({ noModelCall: 0, guessed: 0, repaired: 0, replaced: 0, refused: 0 });
const assistant = (line: { messages: { role: string; content: string }[] }) => line.messages.at(-1)!;

let dir: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-sft-'));
  await writeScriptedBenchRun(dir);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('exportSft on a benchmark folder (scripted model replaying the oracle, and the null chooser)', () => {
  it('gives one line per step of every successful scripted episode, none from the null chooser', () => {
    const log = openEpisodeLog(dir);
    const solved = log.all().filter((r) => r.success && r.chooser === 'model');
    expect(solved.length).toBe(10); // minimal misses cool-apple-fridge on both seeds
    const data = exportSft(dir);
    expect(data).toMatchObject({ episodes: 24, usedEpisodes: 10, skipped: noSkips() });
    expect(data.lines).toHaveLength(solved.reduce((sum, r) => sum + r.steps, 0));
    expect(new Set(data.lines.map((line) => line.hearth.model))).toEqual(new Set(['scripted']));
  });

  it('holds the exact messages of the deciding model call, then the model\'s raw output', () => {
    const log = openEpisodeLog(dir);
    const data = exportSft(dir);
    for (const result of log.all().filter((r) => r.success && r.chooser === 'model')) {
      const trace = log.readTrace(result);
      const calls = eventsOf(trace, 'model-call');
      const lines = data.lines.filter((line) => line.hearth.scenarioId === result.scenarioId && line.hearth.seed === result.seed && line.hearth.harnessId === result.harnessId);
      expect(lines.map((line) => line.hearth.step)).toEqual(calls.map((call) => call.step));
      lines.forEach((line, index) => {
        const call = calls[index]!;
        expect(line.messages.slice(0, -1)).toEqual((call.input as { messages: unknown[] }).messages);
        expect(assistant(line)).toEqual({ role: 'assistant', content: call.output });
        expect(line.hearth).toMatchObject({ action: call.output, selector: 'free-generation', call: 'generate', model: 'scripted' });
      });
    }
  });

  it('writes JSONL, one object a line', () => {
    const out = path.join(dir, 'sft', 'data.jsonl');
    const data = exportSft(dir);
    writeSft(data, dir, out);
    const lines = fs.readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(lines.map((line) => JSON.parse(line))).toEqual(data.lines);
  });

  it('refuses to write an empty file', () => {
    expect(() => writeSft({ lines: [], episodes: 3, usedEpisodes: 0, skipped: noSkips() }, dir, path.join(dir, 'empty.jsonl'))).toThrow(ReportInputError);
    expect(fs.existsSync(path.join(dir, 'empty.jsonl'))).toBe(false);
  });
});

describe('which steps are training lines', () => {
  const closest = testSpec({ selector: { part: 'free-generation', params: { parse: 'closest' } } });

  it('leaves out a step whose action the selector guessed', async () => {
    const trace = await runScripted(closest, ['go to cabnet', ...HOT_MUG_PLAN.slice(1)]);
    expect(eventsOf(trace, 'action-select')[0]).toMatchObject({ action: 'go to cabinet 1', guessed: true });
    const skipped = noSkips();
    const lines = sftLinesOf(trace, skipped);
    expect(lines.map((line) => line.hearth.action)).toEqual(HOT_MUG_PLAN.slice(1));
    expect(skipped).toEqual({ ...noSkips(), guessed: 1 });
  });

  it('leaves out a step whose action a validator repaired', async () => {
    const repairing = testSpec({ validators: [{ part: 'admissible', params: { mode: 'repair' } }] });
    const trace = await runScripted(repairing, ['go to cabnet', ...HOT_MUG_PLAN.slice(1)]);
    expect(eventsOf(trace, 'action-repair')).toHaveLength(1);
    const skipped = noSkips();
    expect(sftLinesOf(trace, skipped)).toHaveLength(HOT_MUG_PLAN.length - 1);
    expect(skipped).toEqual({ ...noSkips(), repaired: 1 });
  });

  it('uses the chosen candidate as the answer of a scoring selector', async () => {
    const scoring = testSpec({ selector: { part: 'choice-scoring' } });
    const trace = await runScripted(scoring, { replies: [], scores: HOT_MUG_PLAN.map((action) => ({ [action]: 1 })), fallback: 'look' });
    expect(endOf(trace).success).toBe(true);
    const lines = sftLinesOf(trace, noSkips());
    expect(lines.map((line) => assistant(line).content)).toEqual(HOT_MUG_PLAN);
    expect(lines.every((line) => line.hearth.call === 'score' && line.hearth.selector === 'choice-scoring')).toBe(true);
  });

  it('turns a raw prompt into one user message', async () => {
    const trace = await runScripted(testSpec(), HOT_MUG_PLAN);
    const raw: Trace = { ...trace, events: trace.events.map((e) => (e.type === 'model-call' ? { ...e, input: { prompt: `prompt ${e.step}`, maxTokens: 8 } } : e)) };
    const lines = sftLinesOf(raw, noSkips());
    expect(lines[2]!.messages).toEqual([{ role: 'user', content: 'prompt 3' }, { role: 'assistant', content: HOT_MUG_PLAN[2] }]);
  });
});
