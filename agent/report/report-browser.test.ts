/**
 * report.html in a real browser (headless Chromium through playwright-core): it opens offline,
 * fetches nothing but itself, and every chart has drawn marks. Screenshots go to runs/screenshots/.
 * Without /usr/bin/chromium the test is skipped — except under HEARTH_REQUIRE_CHROMIUM=1 (CI), where
 * a missing browser fails it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, CHROMIUM_ARGS, chromiumPresent, chromiumRequired } from '../../test-support/chromium.ts';
import { buildReport, writeReport } from './build-report.ts';
import { writeNullEvolutionRun } from '../evolve/testing/null-evolution-run.ts';
import { writeScriptedBenchRun } from './testing/scripted-bench-run.ts';

const present = chromiumPresent;
const required = chromiumRequired;
const ARGS = CHROMIUM_ARGS;
const screenshots = fileURLToPath(new URL('../../runs/screenshots/', import.meta.url));

let dir: string;
const pages: Record<'bench' | 'evolution', string> = { bench: '', evolution: '' };
beforeAll(async () => {
  if (!present) return;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-report-browser-'));
  await writeScriptedBenchRun(path.join(dir, 'bench'));
  await writeNullEvolutionRun(path.join(dir, 'evolution'));
  pages.bench = (await writeReport(buildReport(path.join(dir, 'bench')), path.join(dir, 'bench'))).html;
  pages.evolution = (await writeReport(buildReport(path.join(dir, 'evolution')), path.join(dir, 'evolution'))).html;
});
afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** Opens `file` with every request routed: file URLs load, anything else is refused and recorded. */
async function inspect(file: string, screenshot: string): Promise<{ external: string[]; failed: string[]; figures: { chart: string; marks: number; title: string }[] }> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-chromium-profile-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1280, height: 900 }, offline: true });
  try {
    const external: string[] = [];
    const failed: string[] = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:')) return route.continue();
      external.push(url);
      return route.abort();
    });
    const page = await context.newPage();
    page.on('requestfailed', (request) => void failed.push(request.url()));
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    const figures = await page.$$eval('figure.chart', (nodes) => nodes.map((node) => ({
      chart: node.getAttribute('data-chart') ?? '',
      // Data marks only (bars, rules, symbols, lines), not axes, legends or titles.
      marks: node.querySelectorAll('svg g.role-mark > path, svg g.role-mark > line').length,
      title: node.querySelector('svg .role-title-text')?.textContent ?? '',
    })));
    fs.mkdirSync(path.dirname(screenshot), { recursive: true });
    await page.screenshot({ path: screenshot, fullPage: true });
    return { external, failed, figures };
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

describe('report.html in headless Chromium', () => {
  it.skipIf(!present && !required)('opens offline with no outside request, and every chart has drawn marks (bench and evolution)', async () => {
    if (!present) throw new Error(`HEARTH_REQUIRE_CHROMIUM=1 but ${CHROMIUM} is missing; install it (apt-get install -y chromium)`);
    const bench = await inspect(pages.bench, path.join(screenshots, 'report.png'));
    expect(bench.external).toEqual([]);
    expect(bench.failed).toEqual([]);
    expect(bench.figures.map((f) => f.chart)).toEqual(['success', 'task-types', 'steps']);
    for (const figure of bench.figures) {
      expect(figure.marks, figure.chart).toBeGreaterThan(0);
      expect(figure.title, figure.chart).not.toBe('');
    }
    const evolution = await inspect(pages.evolution, path.join(screenshots, 'report-evolution.png'));
    expect(evolution.external).toEqual([]);
    expect(evolution.failed).toEqual([]);
    expect(evolution.figures.map((f) => f.chart)).toEqual(['rounds', 'held-out', 'task-types', 'steps']);
    for (const figure of evolution.figures) expect(figure.marks, figure.chart).toBeGreaterThan(0);
    expect(fs.statSync(path.join(screenshots, 'report.png')).size).toBeGreaterThan(10_000);
    // The check itself sees outside requests: a page with an image and a stylesheet from the web.
    const leaky = path.join(dir, 'leaky.html');
    fs.writeFileSync(leaky, '<!doctype html><link rel="stylesheet" href="https://cdn.example.com/a.css"><img src="http://example.com/b.png">');
    expect((await inspect(leaky, path.join(dir, 'leaky.png'))).external.sort()).toEqual(['http://example.com/b.png', 'https://cdn.example.com/a.css']);
  });
});
