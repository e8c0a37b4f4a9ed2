/**
 * The report's tables as plain rows of text, rendered by render-report.ts as Markdown and as
 * HTML: success with Wilson intervals, per task type, paired comparisons, failure categories,
 * cost, and for an evolution its rounds and held-out judgement.
 */
import { PRIMARY_ORDER } from '../evolve/digest.ts';
import type { GroupMetrics, PairedComparison } from './bench-metrics.ts';
import type { Report } from './build-report.ts';

export interface ReportTable {
  id: string;
  title: string;
  /** What the numbers are, in one or two sentences. */
  note: string;
  head: string[];
  rows: string[][];
}

export const pct = (fraction: number): string => `${(100 * fraction).toFixed(1)}%`;
const interval = (low: number, high: number): string => `${(100 * low).toFixed(1)}–${(100 * high).toFixed(1)}%`;
const fixed = (value: number | null, digits: number): string => (value === null ? '—' : value.toFixed(digits));
const signed = (points: number): string => `${points >= 0 ? '+' : '−'}${Math.abs(points).toFixed(1)}`;
const pValue = (p: number): string => (p < 0.001 ? '< 0.001' : p.toFixed(3));
const success = (g: { successes: number; n: number; successRate: number }): string => `${g.successes}/${g.n} (${pct(g.successRate)})`;

/** Rows of every set, with the set's name first when the report has more than one. */
function perSet<T>(report: Report, rows: (set: Report['sets'][number]) => T[], cells: (row: T) => string[]): { head: (head: string[]) => string[]; rows: string[][] } {
  const several = report.sets.length > 1;
  return {
    head: (head) => (several ? ['split', ...head] : head),
    rows: report.sets.flatMap((set) => rows(set).map((row) => (several ? [set.name, ...cells(row)] : cells(row)))),
  };
}

export function successTable(report: Report): ReportTable {
  const table = perSet(report, (set) => set.metrics.groups, (g: GroupMetrics) => [g.modelLabel, g.harnessLabel, success(g), interval(g.low, g.high), fixed(g.meanStepsToSuccess, 1), fixed(g.efficiency, 2)]);
  return {
    id: 'success', title: 'Success by model and harness',
    note: 'Success with its Wilson 95% interval; mean steps over the successful episodes; efficiency: mean of oracle steps ÷ steps over the successful episodes (1.00 = as short as the oracle).',
    head: table.head(['model', 'harness', 'success', '95% interval', 'mean steps to success', 'efficiency']), rows: table.rows,
  };
}

export function taskTypeTable(report: Report): ReportTable {
  const table = perSet(report, (set) => set.metrics.byTaskType, (g: GroupMetrics) => [g.taskType ?? '(none)', g.modelLabel, g.harnessLabel, success(g), interval(g.low, g.high), fixed(g.meanStepsToSuccess, 1), fixed(g.efficiency, 2)]);
  return {
    id: 'task-types', title: 'Success by task type', note: 'As above, per task type.',
    head: table.head(['task type', 'model', 'harness', 'success', '95% interval', 'mean steps to success', 'efficiency']), rows: table.rows,
  };
}

const comparisonCells = (c: PairedComparison): string[] => [
  String(c.pairs), String(c.bothSolved), String(c.onlyA), String(c.onlyB), String(c.neither),
  `${signed(c.effectPoints)} points`, `${signed(100 * c.low)} to ${signed(100 * c.high)}`, pValue(c.mcnemarP),
];
const COMPARISON_NOTE = 'On the (scenario, seed) pairs both ran: the paired bootstrap 95% interval of the difference in success (10,000 resamples, seed 0) and the exact two-sided McNemar p over the discordant pairs.';

export function harnessComparisonTable(report: Report): ReportTable {
  const table = perSet(report, (set) => set.metrics.harnessComparisons, (c) => [c.withinLabel, c.aLabel, c.bLabel, ...comparisonCells(c)]);
  return {
    id: 'harness-comparisons', title: 'Paired comparisons: harness B against harness A, same model', note: COMPARISON_NOTE,
    head: table.head(['model', 'harness A', 'harness B', 'pairs', 'both solved', 'only A', 'only B', 'neither', 'B − A', '95% interval', 'McNemar p']), rows: table.rows,
  };
}

export function nullComparisonTable(report: Report): ReportTable {
  const table = perSet(report, (set) => set.metrics.nullComparisons, (c) => [c.withinLabel, c.bLabel, c.aLabel, ...comparisonCells(c)]);
  return {
    id: 'null-comparisons', title: 'What the model adds: model against the null chooser, same harness',
    note: `The null chooser picks uniformly among exactly the actions the harness offers. ${COMPARISON_NOTE}`,
    head: table.head(['harness', 'model', 'null chooser', 'pairs', 'both solved', 'only null', 'only model', 'neither', 'model − null', '95% interval', 'McNemar p']), rows: table.rows,
  };
}

export function failureTable(report: Report): ReportTable {
  const groups = report.sets.flatMap((set) => set.metrics.groups);
  const categories = PRIMARY_ORDER.filter((category) => groups.some((g) => g.failures[category] > 0));
  const table = perSet(report, (set) => set.metrics.groups, (g: GroupMetrics) => [g.modelLabel, g.harnessLabel, String(g.n - g.successes), ...categories.map((category) => String(g.failures[category]))]);
  return {
    id: 'failures', title: 'Failure categories',
    note: 'Failed episodes by the primary category of their failure digest (hearth trace digest): the category that explains the others.',
    head: table.head(['model', 'harness', 'failed', ...categories]), rows: table.rows,
  };
}

export function costTable(report: Report): ReportTable {
  const table = perSet(report, (set) => set.metrics.groups, (g: GroupMetrics) => [
    g.modelLabel, g.harnessLabel, Math.round(g.tokensPerEpisode).toLocaleString('en-US'), g.tokensPerStep.toFixed(0), g.modelSecondsPerEpisode.toFixed(1), g.modelSecondsPerStep.toFixed(2),
    g.modelCallsPerEpisode.toFixed(1), g.invalidPerStep.toFixed(2), g.repeatedPerStep.toFixed(2),
  ]);
  return {
    id: 'cost', title: 'Cost and action quality',
    note: 'Tokens (prompt + completion) and model time (sum of model-call timings) per episode and per step; invalid actions (guessed from unreadable model text, rejected, repaired, or refused by the world) and repeated actions (an applied action already applied earlier in the episode) per step.',
    head: table.head(['model', 'harness', 'tokens/episode', 'tokens/step', 'model s/episode', 'model s/step', 'model calls/episode', 'invalid actions/step', 'repeated actions/step']), rows: table.rows,
  };
}

export function roundsTable(report: Report): ReportTable | null {
  const evolution = report.evolution;
  if (!evolution) return null;
  return {
    id: 'rounds', title: 'Evolution rounds on train',
    note: 'Each round runs the current version on a fresh batch of train scenarios, then every candidate on the same episodes; the gate decides.',
    head: ['round', 'harness', 'levers', 'batch success', 'verdict'],
    rows: evolution.rounds.map((p) => [
      String(p.round), p.role === 'version' ? `current version ${p.id}` : `candidate ${p.id}`, p.levers.join(' + ') || '—',
      `${p.successes}/${p.n} (${pct(p.rate)})`, p.accepted === null ? '—' : p.accepted ? 'passed the gate' : p.reason,
    ]),
  };
}

export function heldOutTable(report: Report): ReportTable | null {
  const evolution = report.evolution;
  if (!evolution) return null;
  return {
    id: 'held-out', title: 'Held-out judgement (never used for selection)',
    note: 'From summary.json: the start and the evolved harness on each held-out split, with the model and with the null chooser (same seeds).',
    head: ['split', 'harness', 'chooser', 'success', '95% interval', 'mean steps', 'tokens/episode', 's/episode'],
    rows: evolution.judgement.flatMap((split) => split.rows.map((r) => [
      split.split, r.label, r.chooser === 'null' ? 'null chooser' : 'model', `${r.successes}/${r.episodes} (${pct(r.rate)})`, interval(r.low, r.high),
      r.meanSteps.toFixed(1), Math.round(r.tokensPerEpisode).toLocaleString('en-US'), r.secondsPerEpisode.toFixed(1),
    ])),
  };
}

export function heldOutDifferenceTable(report: Report): ReportTable | null {
  const evolution = report.evolution;
  if (!evolution) return null;
  return {
    id: 'held-out-differences', title: 'Held-out differences', note: 'Paired bootstrap 95% intervals, as judged by hearth evolve.',
    head: ['split', 'difference', 'points', '95% interval'],
    rows: evolution.judgement.flatMap((split) => split.differences.map((d) => [split.split, d.label, signed(100 * d.difference), `${signed(100 * d.low)} to ${signed(100 * d.high)}`])),
  };
}
