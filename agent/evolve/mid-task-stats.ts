/**
 * How often mid-task rewriting fired, over a folder of traces: episodes with at least one
 * `harness-rewrite` and rewrites in all, per trigger and per category (and lever), and the success
 * rate of episodes with a rewrite against those whose harness had the part but did not rewrite.
 * Rewrites fire on the hard episodes, so the two rates describe, they do not prove an effect.
 */
import fs from 'node:fs';
import path from 'node:path';
import { MID_TASK_REWRITE } from '../harness/parts/mid-task-rewrite.ts';
import type { EventOf, Trace } from '../trace/trace-events.ts';
import { parseTraceJsonl, TraceFormatError } from '../trace/trace-io.ts';
import { wilsonInterval } from './stats.ts';

export const MID_TASK_STATS_FORMAT_VERSION = 1 as const;

/** Episodes and their successes, with a 95% Wilson interval. */
export interface SuccessCount {
  episodes: number;
  successes: number;
  rate: number;
  low: number;
  high: number;
}

/** For one trigger, category or lever: in how many episodes it led to a rewrite, and how many rewrites. */
export interface RewriteCount {
  episodes: number;
  rewrites: number;
}

export interface MidTaskStats {
  formatVersion: typeof MID_TASK_STATS_FORMAT_VERSION;
  episodes: number;
  /** Episodes whose harness has a mid-task-rewrite part at the start. */
  withPart: number;
  episodesWithRewrite: number;
  rewrites: number;
  /** Traces without an episode-end (counted as not successful). */
  unfinished: number;
  byTrigger: Record<string, RewriteCount>;
  byCategory: Record<string, RewriteCount>;
  byLever: Record<string, RewriteCount>;
  /** Episodes with at least one rewrite. */
  withRewrite: SuccessCount;
  /** Episodes whose harness had the part, but it never rewrote. */
  withoutRewrite: SuccessCount;
}

const succeeded = (trace: Trace): boolean => {
  const end = trace.events.at(-1);
  return end?.type === 'episode-end' && end.success;
};

function successCount(traces: readonly Trace[]): SuccessCount {
  const successes = traces.filter(succeeded).length;
  const { rate, low, high } = wilsonInterval(successes, traces.length);
  return { episodes: traces.length, successes, rate, low, high };
}

/** Adds one episode's rewrites to a table keyed by `key` (each key counts the episode once). */
function tally(table: Record<string, RewriteCount>, rewrites: readonly EventOf<'harness-rewrite'>[], key: (event: EventOf<'harness-rewrite'>) => string): void {
  for (const name of new Set(rewrites.map(key))) {
    table[name] ??= { episodes: 0, rewrites: 0 };
    table[name].episodes += 1;
    table[name].rewrites += rewrites.filter((event) => key(event) === name).length;
  }
}

/** The statistics of `traces`. */
export function midTaskStats(traces: readonly Trace[]): MidTaskStats {
  const rewritesOf = (trace: Trace) => trace.events.filter((event): event is EventOf<'harness-rewrite'> => event.type === 'harness-rewrite');
  const hasPart = (trace: Trace) => trace.header.harness.slots.control.some((slot) => slot.part === MID_TASK_REWRITE);
  const byTrigger: Record<string, RewriteCount> = {};
  const byCategory: Record<string, RewriteCount> = {};
  const byLever: Record<string, RewriteCount> = {};
  for (const trace of traces) {
    const rewrites = rewritesOf(trace);
    tally(byTrigger, rewrites, (event) => event.trigger);
    tally(byCategory, rewrites, (event) => event.category);
    tally(byLever, rewrites, (event) => event.lever ?? '(none)');
  }
  const rewritten = traces.filter((trace) => rewritesOf(trace).length > 0);
  return {
    formatVersion: MID_TASK_STATS_FORMAT_VERSION,
    episodes: traces.length,
    withPart: traces.filter(hasPart).length,
    episodesWithRewrite: rewritten.length,
    rewrites: traces.reduce((sum, trace) => sum + rewritesOf(trace).length, 0),
    unfinished: traces.filter((trace) => trace.events.at(-1)?.type !== 'episode-end').length,
    byTrigger, byCategory, byLever,
    withRewrite: successCount(rewritten),
    withoutRewrite: successCount(traces.filter((trace) => hasPart(trace) && rewritesOf(trace).length === 0)),
  };
}

/** Is the first line a JSON object of type `header` (a trace, not an episode log)? */
function startsWithHeader(text: string): boolean {
  const firstLine = text.split('\n', 1)[0]!;
  try {
    return (JSON.parse(firstLine) as { type?: unknown } | null)?.type === 'header';
  } catch {
    return false;
  }
}

/** Every `.jsonl` file under `dir` that starts with a trace header (episode logs and the like are skipped), sorted by path. */
export function readTraceFolder(dir: string): Trace[] {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new Error(`${dir} is not a folder; give the folder of a benchmark or evolution run (its traces/ are read)`);
  const files = (fs.readdirSync(dir, { recursive: true }) as string[]).filter((name) => name.endsWith('.jsonl')).sort();
  return files.flatMap((name) => {
    const file = path.join(dir, name);
    const text = fs.readFileSync(file, 'utf8');
    if (!startsWithHeader(text)) return [];
    try {
      return [parseTraceJsonl(text)];
    } catch (error) {
      if (error instanceof TraceFormatError) throw new Error(`${file}: ${error.message}; fix or remove the file`, { cause: error });
      throw error;
    }
  });
}

const percent = (count: SuccessCount): string =>
  count.episodes === 0 ? 'no episodes' : `${count.successes}/${count.episodes} = ${(count.rate * 100).toFixed(0)}% [${(count.low * 100).toFixed(0)}–${(count.high * 100).toFixed(0)}%]`;

const table = (title: string, counts: Record<string, RewriteCount>): string[] =>
  Object.keys(counts).length === 0 ? [] : [title, ...Object.entries(counts).sort((a, b) => b[1].rewrites - a[1].rewrites || a[0].localeCompare(b[0])).map(([name, count]) => `  ${name}: ${count.rewrites} rewrite(s) in ${count.episodes} episode(s)`)];

/** The statistics as readable lines. */
export function formatMidTaskStats(stats: MidTaskStats): string {
  return [
    `${stats.episodesWithRewrite} of ${stats.episodes} episodes rewrote their harness mid-task (${stats.rewrites} rewrite(s); ${stats.withPart} episode(s) had the part)`,
    ...table('by trigger', stats.byTrigger),
    ...table('by category', stats.byCategory),
    ...table('by lever', stats.byLever),
    `success with a rewrite: ${percent(stats.withRewrite)}`,
    `success with the part but no rewrite: ${percent(stats.withoutRewrite)}`,
    ...(stats.unfinished > 0 ? [`${stats.unfinished} trace(s) have no episode-end (counted as failures)`] : []),
  ].join('\n');
}
