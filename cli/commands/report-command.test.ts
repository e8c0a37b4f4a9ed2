import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handMadeConfig, handMadeEpisodes, writeHandMadeRun } from '../../agent/report/testing/hand-made-run.ts';
import { hearth } from '../testing/run-hearth.ts';

const temporary = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-report-cli-'));
const run = path.join(temporary, 'run');
afterAll(() => fs.rmSync(temporary, { recursive: true, force: true }));
beforeAll(() => writeHandMadeRun(run, handMadeConfig(), handMadeEpisodes()));

/** A folder holding only `files` (name → content). */
function folder(name: string, files: Record<string, string>): string {
  const dir = path.join(temporary, name);
  fs.mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, file), text);
  return dir;
}

describe('hearth report', () => {
  it('writes report.md, report.html and report.json and prints the success table', async () => {
    const out = path.join(temporary, 'report');
    const result = await hearth('report', run, '--out', out);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toContain(`wrote ${path.join(out, 'report.md')}, ${path.join(out, 'report.html')} and ${path.join(out, 'report.json')}`);
    expect(result.out).toContain('| m | one | 2/4 (50.0%) | 15.0–85.0% | 3.0 | 0.75 |');
    for (const file of ['report.md', 'report.html', 'report.json']) expect(fs.existsSync(path.join(out, file))).toBe(true);
  });

  it('writes into the run folder by default and prints JSON with --json', async () => {
    const result = await hearth('report', run, '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).toMatchObject({ formatVersion: 1, kind: 'bench', sets: [{ metrics: { groups: [{ successes: 2 }, { successes: 4 }, { successes: 1 }] } }] });
    expect(result.err).toContain(`wrote ${path.join(run, 'report.md')}`);
  });

  it('refuses what is not a usable run folder with one line naming it, exit 1', async () => {
    const bench = JSON.stringify(handMadeConfig());
    const cases: [string, string][] = [
      [path.join(temporary, 'missing'), 'does not exist; give a folder made by hearth bench or hearth evolve'],
      [folder('plain', { 'notes.txt': 'hello' }), 'is not a run folder: it has no config.json'],
      [folder('other', { 'config.json': '{"name": "something else"}' }), "is not a run folder: its config.json has no kind 'bench' and there is no lineage.json"],
      [folder('broken', { 'config.json': '{"kind": "bench",' }), 'config.json is not valid JSON'],
      [folder('fresh', { 'config.json': bench }), 'has no episodes.jsonl: no episode has finished yet — run hearth bench with --out'],
      [folder('empty', { 'config.json': bench, 'episodes.jsonl': '' }), 'holds no episodes yet'],
      [folder('unfinished', { 'config.json': '{}', 'lineage.json': '{}' }), 'lineage.json does not match its schema'],
    ];
    for (const [dir, message] of cases) {
      const result = await hearth('report', dir);
      expect(result.code, dir).toBe(1);
      expect(result.err, dir).toContain(`error: ${dir}`);
      expect(result.err, dir).toContain(message);
      expect(result.err.split('\n'), dir).toHaveLength(1);
    }
  });
});

describe('hearth export sft', () => {
  it('writes one line per clean model decision of the successful model-driven episodes', async () => {
    const out = path.join(temporary, 'sft', 'data.jsonl');
    const result = await hearth('export', 'sft', run, '--out', out);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    // m solves s/a#0 (2 steps) and s/a#1 (4) with `one`, and all four (4 steps each) with `two`.
    expect(result.out).toBe(`wrote 22 training lines to ${out} from 6 successful model-driven episodes (of 12 in the log)`);
    const lines = fs.readFileSync(out, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(lines).toHaveLength(22);
    expect(lines[0]).toEqual({
      messages: [{ role: 'user', content: 'act' }, { role: 'assistant', content: 'go to x' }],
      hearth: { scenarioId: 's/a', seed: 0, step: 1, action: 'go to x', model: 'm', harnessId: 'h-a', selector: 'free-generation', call: 'generate' },
    });
  });

  it('needs --out, and refuses a folder without episodes', async () => {
    expect((await hearth('export', 'sft', run)).code).toBe(2);
    const empty = folder('empty-sft', { 'config.json': JSON.stringify(handMadeConfig()), 'episodes.jsonl': '' });
    const result = await hearth('export', 'sft', empty, '--out', path.join(temporary, 'x.jsonl'));
    expect(result.code).toBe(1);
    expect(result.err).toContain(`error: ${empty}`);
    expect(fs.existsSync(path.join(temporary, 'x.jsonl'))).toBe(false);
  });
});
