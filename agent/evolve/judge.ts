/**
 * Judging: the start and the best version on held-out splits never used for any selection, each
 * with the model and with the null chooser (same seeds), as rates with 95% intervals and paired
 * differences — so the table says how much of the gain is the harness and how much the model.
 */
import type { WorldSpec } from '../../sim/index.ts';
import type { EpisodeResult } from '../bench/episode-log.ts';
import { meanInterval, pairedBootstrapDifference, wilsonInterval } from './stats.ts';

export interface JudgeRow {
  label: string;
  harness: string;
  chooser: 'model' | 'null';
  successes: number;
  episodes: number;
  rate: number;
  low: number;
  high: number;
  meanSteps: number;
  tokensPerEpisode: number;
  secondsPerEpisode: number;
  episodesPerHour: number;
}

export interface JudgeDifference {
  label: string;
  difference: number;
  low: number;
  high: number;
}

export interface SplitJudgement {
  split: string;
  scenarios: string[];
  rows: JudgeRow[];
  differences: JudgeDifference[];
}

/** One row of the table from one harness × chooser's results. */
export function judgeRow(label: string, harness: string, chooser: 'model' | 'null', results: readonly EpisodeResult[]): JudgeRow {
  const successes = results.filter((r) => r.success).length;
  const interval = wilsonInterval(successes, results.length);
  const seconds = results.reduce((sum, r) => sum + r.seconds, 0);
  return {
    label, harness, chooser, successes, episodes: results.length, rate: interval.rate, low: interval.low, high: interval.high,
    meanSteps: meanInterval(results.map((r) => r.steps)).mean,
    tokensPerEpisode: meanInterval(results.map((r) => r.tokens)).mean,
    secondsPerEpisode: results.length ? seconds / results.length : 0,
    episodesPerHour: seconds > 0 ? (3600 * results.length) / seconds : 0,
  };
}

/** `b − a` in success rate over the same episodes, with a paired bootstrap 95% interval. */
export function judgeDifference(label: string, a: readonly EpisodeResult[], b: readonly EpisodeResult[]): JudgeDifference {
  return { label, ...pairedBootstrapDifference(a.map((r) => r.success), b.map((r) => r.success)) };
}

export const scenarioIds = (scenarios: readonly WorldSpec[]): string[] => scenarios.map((s) => s.id);

const pct = (value: number): string => `${(100 * value).toFixed(1)}%`;

/** The judgement as a Markdown table per split. */
export function judgementMarkdown(splits: readonly SplitJudgement[]): string {
  return splits.map((split) => [
    `### ${split.split} (${split.scenarios.length} scenarios)`,
    '',
    '| harness | chooser | success | 95% interval | mean steps | tokens/episode | s/episode | episodes/h |',
    '|---|---|---|---|---|---|---|---|',
    ...split.rows.map((r) => `| ${r.label} | ${r.chooser} | ${r.successes}/${r.episodes} (${pct(r.rate)}) | ${pct(r.low)}–${pct(r.high)} | ${r.meanSteps.toFixed(1)} | ${Math.round(r.tokensPerEpisode)} | ${r.secondsPerEpisode.toFixed(1)} | ${Math.round(r.episodesPerHour)} |`),
    '',
    ...split.differences.map((d) => `- ${d.label}: ${d.difference >= 0 ? '+' : ''}${(100 * d.difference).toFixed(1)} points (95% paired bootstrap interval ${(100 * d.low).toFixed(1)} to ${(100 * d.high).toFixed(1)})`),
  ].join('\n')).join('\n\n');
}
