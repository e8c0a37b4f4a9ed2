import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport, writeReport, type ReportFiles } from './build-report.ts';
import { handMadeConfig, handMadeEpisodes, writeHandMadeRun } from './testing/hand-made-run.ts';

// The numbers are the hand-worked ones of bench-metrics.test.ts, as the tables print them.
let dir: string;
let files: ReportFiles;
let markdown: string;
let html: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-report-render-'));
  writeHandMadeRun(dir, handMadeConfig(), handMadeEpisodes());
  files = await writeReport(buildReport(dir), path.join(dir, 'out'));
  markdown = fs.readFileSync(files.markdown, 'utf8');
  html = fs.readFileSync(files.html, 'utf8');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('report.md', () => {
  it('has the success table with Wilson intervals, steps to success and efficiency', () => {
    expect(markdown).toContain('| model | harness | success | 95% interval | mean steps to success | efficiency |');
    expect(markdown).toContain('| m | one | 2/4 (50.0%) | 15.0–85.0% | 3.0 | 0.75 |');
    expect(markdown).toContain('| m | two | 4/4 (100.0%) | 51.0–100.0% | 4.0 | 0.75 |');
    expect(markdown).toContain('| random (null chooser) | one | 1/4 (25.0%) | 4.6–69.9% | 2.0 | 1.00 |');
  });

  it('has the task-type, comparison, failure and cost tables', () => {
    expect(markdown).toContain('| heat | m | one | 0/2 (0.0%) | 0.0–65.8% | — | — |');
    expect(markdown).toContain('| pick | m | one | 2/2 (100.0%) | 34.2–100.0% | 3.0 | 0.75 |');
    expect(markdown).toContain('| m | one | two | 4 | 2 | 0 | 2 | 0 | +50.0 points | +0.0 to +100.0 | 0.500 |');
    expect(markdown).toContain('| one | m | random (null chooser) | 4 | 1 | 0 | 1 | 2 | +25.0 points | +0.0 to +75.0 | 1.000 |');
    expect(markdown).toMatch(/\| model \| harness \| failed \| invalid-action \| [^\n]*precondition/);
    expect(markdown).toMatch(/\| m \| one \| 2 \| 1 \| /);
    // 300 tokens and 3 model seconds per episode; 1200 tokens, 12 s, 5 invalid and 3 repeated actions over 11 steps.
    expect(markdown).toContain('| m | one | 300 | 109 | 3.0 | 1.09 | 3.0 | 0.45 | 0.27 |');
  });

  it('writes report.json as the same plain versioned object', () => {
    const json = JSON.parse(fs.readFileSync(files.json, 'utf8'));
    expect(json).toEqual(JSON.parse(JSON.stringify(buildReport(dir))));
    expect(json.formatVersion).toBe(1);
  });
});

describe('report.html', () => {
  it('is one self-contained page: inline SVG charts, no script, nothing fetched', () => {
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
    expect(html).not.toMatch(/(src|href)\s*=/i);
    const figures = [...html.matchAll(/<figure class="chart" data-chart="([^"]+)"><svg/g)].map((match) => match[1]);
    expect(figures).toEqual(['success', 'task-types', 'steps']);
    expect(html).toContain('<td class="num">2/4 (50.0%)</td>');
  });
});
