import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvolveOutcome } from '../evolve/evolve-run.ts';
import { buildReport, writeReport, type Report } from './build-report.ts';
import { ReportInputError } from './read-run.ts';
import { writeNullEvolutionRun } from '../evolve/testing/null-evolution-run.ts';

let dir: string;
let outcome: EvolveOutcome;
let report: Report;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-report-evolution-'));
  outcome = await writeNullEvolutionRun(dir);
  report = buildReport(dir);
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(`${dir}-unfinished`, { recursive: true, force: true });
});

describe('the report of an evolution run folder', () => {
  it('is recognised as an evolution, with one set per held-out split', () => {
    expect(report.kind).toBe('evolution');
    expect(report.title).toBe('Evolution: react-basic with random:3 on household-v1');
    expect(report.sets.map((set) => [set.name, set.episodes.length])).toEqual([['test-unseen', 24], ['test-seen', 24]]);
  });

  it('measures the held-out episodes to the same counts the judge wrote', () => {
    for (const split of outcome.judgement) {
      const set = report.sets.find((s) => s.name === split.split)!;
      for (const row of split.rows) {
        const model = row.chooser === 'null' ? 'random' : 'random:3';
        const group = set.metrics.groups.find((g) => g.harnessId === row.harness && g.model === model);
        expect(group, `${split.split} ${row.label} ${row.chooser}`).toMatchObject({ successes: row.successes, n: row.episodes, low: row.low, high: row.high, harnessLabel: row.label });
      }
    }
  });

  it('has every round: the current version on the round\'s batch, then each candidate', () => {
    const { rounds } = report.evolution!;
    expect(rounds.map((p) => [p.round, p.role])).toEqual(outcome.lineage.rounds.flatMap((round) => [[round.round, 'version'], ...round.candidates.map(() => [round.round, 'candidate'])]));
    const candidates = outcome.lineage.rounds.flatMap((round) => round.candidates);
    expect(rounds.filter((p) => p.role === 'candidate').map((p) => [p.id, p.accepted, p.rate])).toEqual(candidates.map((c) => [c.behaviourId, c.accepted, c.successRate]));
    expect(rounds.filter((p) => p.role === 'version').map((p) => p.id)).toEqual(outcome.lineage.rounds.map((round) => round.parent));
  });

  it('draws the rounds and the held-out judgement, and tables them in report.md', async () => {
    const files = await writeReport(report, path.join(dir, 'report'));
    const html = fs.readFileSync(files.html, 'utf8');
    expect([...html.matchAll(/data-chart="([^"]+)"/g)].map((match) => match[1])).toEqual(['rounds', 'held-out', 'task-types', 'steps']);
    const markdown = fs.readFileSync(files.markdown, 'utf8');
    const evolved = outcome.judgement[0]!.rows.find((row) => row.label === 'evolved' && row.chooser === 'model')!;
    expect(markdown).toContain(`| test-unseen | evolved | model | ${evolved.successes}/${evolved.episodes} (`);
    expect(markdown).toContain('## Evolution rounds');
    expect(markdown).toContain('| 1 | current version ');
  });

  it('refuses an evolution that has not finished judging, saying how to finish it', () => {
    const copy = `${dir}-unfinished`;
    fs.cpSync(dir, copy, { recursive: true, filter: (source) => path.basename(source) !== 'summary.json' });
    expect(() => buildReport(copy)).toThrow(ReportInputError);
    expect(() => buildReport(copy)).toThrow(`${copy} is an unfinished evolution: no summary.json yet — continue it with the same hearth evolve command (--out ${copy})`);
  });
});
