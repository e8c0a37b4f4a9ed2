/**
 * A run folder's report: the numbers (`report.json`, a plain versioned object), and the same as
 * tables and charts (`report.md`, a self-contained `report.html`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { benchMetrics, type BenchMetrics, type ReportEpisode } from './bench-metrics.ts';
import type { EvolutionProgress } from './evolution-progress.ts';
import { readRun } from './read-run.ts';
import { renderHtml, renderMarkdown } from './render-report.ts';

export const REPORT_FORMAT_VERSION = 1 as const;

/** Episodes measured together: a benchmark's run, or one held-out split of an evolution. */
export interface ReportSet {
  name: string;
  description: string;
  metrics: BenchMetrics;
  /** Every episode's facts, so the report can be redrawn from this file alone. */
  episodes: ReportEpisode[];
}

export interface Report {
  formatVersion: typeof REPORT_FORMAT_VERSION;
  kind: 'bench' | 'evolution';
  /** The folder as it was given. */
  runDir: string;
  title: string;
  description: string;
  sets: ReportSet[];
  evolution: EvolutionProgress | null;
}

/** Reads and measures a run folder; throws ReportInputError when it is not a usable one. */
export function buildReport(dir: string): Report {
  const run = readRun(dir);
  return {
    formatVersion: REPORT_FORMAT_VERSION,
    kind: run.kind,
    runDir: dir,
    title: run.title,
    description: run.description,
    sets: run.sets.map((set) => ({ name: set.name, description: set.description, metrics: benchMetrics(set.episodes, set.labels), episodes: set.episodes })),
    evolution: run.evolution,
  };
}

export interface ReportFiles {
  json: string;
  markdown: string;
  html: string;
}

/** Writes report.json, report.md and report.html into `out` (created if needed). */
export async function writeReport(report: Report, out: string): Promise<ReportFiles> {
  fs.mkdirSync(out, { recursive: true });
  const files = { json: path.join(out, 'report.json'), markdown: path.join(out, 'report.md'), html: path.join(out, 'report.html') };
  fs.writeFileSync(files.json, `${JSON.stringify(report, null, 2)}\n`);
  fs.writeFileSync(files.markdown, renderMarkdown(report));
  fs.writeFileSync(files.html, await renderHtml(report));
  return files;
}
