/**
 * The report's charts: Vega-Lite specs built from a Report, compiled to Vega and drawn to SVG in
 * Node (no browser, no script in the page): success with Wilson intervals by model and harness,
 * success by task type, steps taken against the oracle's plan length, and for an evolution the
 * batch success of every round on train and the held-out judgement.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Report } from './build-report.ts';

export interface Chart {
  id: string;
  title: string;
  /** What is drawn, for the figure caption. */
  caption: string;
  spec: TopLevelSpec;
}

const PALETTE = ['#4c78a8', '#f58518', '#54a24b', '#b279a2', '#e45756', '#72b7b2', '#9d755d', '#bab0ac'];
const CONFIG = {
  font: 'Helvetica, Arial, sans-serif',
  title: { fontSize: 15, anchor: 'start', offset: 12 },
  axis: { labelFontSize: 12, titleFontSize: 12, titleFontWeight: 'normal', labelLimit: 400, gridColor: '#e6e6e6' },
  legend: { labelFontSize: 12, titleFontSize: 12, labelLimit: 0, orient: 'bottom', direction: 'vertical' },
  header: { labelFontSize: 13, titleFontSize: 13, labelFontWeight: 'bold' },
  view: { stroke: '#dddddd' },
  range: { category: PALETTE },
} as const;

const percentAxis = { title: 'success (%)', scale: { domain: [0, 100] }, axis: { values: [0, 20, 40, 60, 80, 100] } };
const round1 = (fraction: number): number => Math.round(1000 * fraction) / 10;

/**
 * Horizontal bars of success with Wilson 95% error bars: one row of bars per category (`y`), one
 * bar per group within it (`group`, also the colour), optionally one panel per `column` value.
 */
function barsWithIntervals(options: {
  title: string;
  values: Record<string, unknown>[];
  y: { field: string; title: string; sort: string[] };
  group: { field: string; title: string; sort: string[] };
  column?: { field: string; sort: string[] };
}): TopLevelSpec {
  const { y, group, column } = options;
  const yEncoding = { field: y.field, type: 'nominal', title: y.title, sort: y.sort };
  const yOffset = { field: group.field, type: 'nominal', sort: group.sort };
  const color = { field: group.field, type: 'nominal', title: group.title, sort: group.sort };
  const x = { field: 'rate', type: 'quantitative', ...percentAxis };
  const layer = [
    { mark: { type: 'bar', height: { band: 0.85 } }, encoding: { y: yEncoding, yOffset, color, x } },
    { mark: { type: 'rule', strokeWidth: 1.5, color: '#333333' }, encoding: { y: yEncoding, yOffset, x: { field: 'low', type: 'quantitative' }, x2: { field: 'high' } } },
    { mark: { type: 'text', align: 'left', dx: 5, fontSize: 11, color: '#333333' }, encoding: { y: yEncoding, yOffset, x: { field: 'high', type: 'quantitative' }, text: { field: 'count' } } },
  ];
  // The step is one bar's height; the width leaves room for the count labels past 100%.
  const inner = { width: 340, height: { step: 18 }, layer };
  const spec = column ? { facet: { column: { field: column.field, type: 'nominal', title: null, sort: column.sort } }, spacing: 50, spec: inner } : inner;
  return { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', title: options.title, data: { values: options.values }, config: CONFIG, ...spec } as TopLevelSpec;
}

const several = (report: Report): boolean => report.sets.length > 1;
const setColumn = (report: Report) => ({ field: 'set', sort: report.sets.map((set) => set.name) });
const seriesOf = (g: { modelLabel: string; harnessLabel: string }): string => `${g.modelLabel} · ${g.harnessLabel}`;
const unique = (values: string[]): string[] => [...new Set(values)];
const countText = (successes: number, n: number): string => `${successes}/${n}`;

function successChart(report: Report): Chart {
  const groups = report.sets.flatMap((set) => set.metrics.groups.map((g) => ({ set: set.name, g })));
  const values = groups.map(({ set, g }) => ({ set, model: g.modelLabel, harness: g.harnessLabel, rate: round1(g.successRate), low: round1(g.low), high: round1(g.high), count: countText(g.successes, g.n) }));
  return {
    id: 'success', title: 'Success by model and harness',
    caption: 'Bars: success rate; black lines: Wilson 95% interval; labels: successes/episodes.',
    spec: barsWithIntervals({
      title: 'Success by model and harness', values,
      y: { field: 'harness', title: 'harness', sort: unique(values.map((v) => v.harness)) },
      group: { field: 'model', title: 'model', sort: unique(values.map((v) => v.model)) },
      ...(several(report) ? { column: setColumn(report) } : {}),
    }),
  };
}

function taskTypeChart(report: Report): Chart {
  const values = report.sets.flatMap((set) => set.metrics.byTaskType.map((g) => ({
    set: set.name, taskType: g.taskType ?? '(none)', series: seriesOf(g), rate: round1(g.successRate), low: round1(g.low), high: round1(g.high), count: countText(g.successes, g.n),
  })));
  return {
    id: 'task-types', title: 'Success by task type',
    caption: 'Per task type and model · harness; black lines: Wilson 95% interval; labels: successes/episodes.',
    spec: barsWithIntervals({
      title: 'Success by task type', values,
      y: { field: 'taskType', title: 'task type', sort: unique(values.map((v) => v.taskType)).sort() },
      group: { field: 'series', title: 'model · harness', sort: unique(values.map((v) => v.series)) },
      ...(several(report) ? { column: setColumn(report) } : {}),
    }),
  };
}

function stepsChart(report: Report): Chart {
  const counts = new Map<string, { set: string; series: string; oracle: number; steps: number; outcome: string; episodes: number }>();
  const order: string[] = [];
  for (const set of report.sets) {
    for (const group of set.metrics.groups) {
      const series = seriesOf(group);
      order.push(series);
      for (const episode of set.episodes) {
        if (episode.oracleSteps === null || episode.model !== group.model || episode.harnessId !== group.harnessId) continue;
        const outcome = episode.success ? 'solved' : 'failed';
        const key = [set.name, series, episode.oracleSteps, episode.steps, outcome].join('|');
        const entry = counts.get(key) ?? { set: set.name, series, oracle: episode.oracleSteps, steps: episode.steps, outcome, episodes: 0 };
        entry.episodes += 1;
        counts.set(key, entry);
      }
    }
  }
  const values = [...counts.values()];
  const sort = unique(order.filter((series) => values.some((v) => v.series === series)));
  // Headers on two lines: the model, then the harness.
  const header = { labelFontSize: 12, labelLimit: 0, labelExpr: "split(datum.value, ' · ')" };
  const facet = {
    column: { field: 'series', type: 'nominal', title: null, sort, header },
    ...(several(report) ? { row: { field: 'set', type: 'nominal', title: null, sort: report.sets.map((set) => set.name), header: { labelFontSize: 13, labelAngle: -90 } } } : {}),
  };
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: 'Steps taken against the oracle\'s plan length', data: { values }, config: CONFIG,
    facet, spacing: { row: 24, column: 20 }, bounds: 'flush',
    spec: {
      width: 210, height: 180,
      layer: [
        { mark: { type: 'line', strokeDash: [4, 4], color: '#888888' }, encoding: { x: { field: 'oracle', type: 'quantitative' }, y: { field: 'oracle', type: 'quantitative' } } },
        {
          mark: { type: 'point', filled: true, opacity: 0.75 },
          encoding: {
            x: { field: 'oracle', type: 'quantitative', title: 'oracle plan length (steps)', scale: { zero: false, nice: false, padding: 12 }, axis: { tickMinStep: 1, format: 'd' } },
            y: { field: 'steps', type: 'quantitative', title: 'steps taken', scale: { zero: true, padding: 8 }, axis: { tickMinStep: 1, format: 'd' } },
            color: { field: 'outcome', type: 'nominal', title: 'outcome', scale: { domain: ['solved', 'failed'], range: ['#2e7d32', '#c62828'] } },
            shape: { field: 'outcome', type: 'nominal', title: 'outcome', scale: { domain: ['solved', 'failed'], range: ['circle', 'cross'] } },
            size: { field: 'episodes', type: 'quantitative', title: 'episodes', scale: { domain: [1, 10], range: [40, 360], clamp: true }, legend: { values: [1, 2, 5, 10], format: 'd' } },
          },
        },
      ],
    },
  };
  return {
    id: 'steps', title: 'Steps taken against the oracle\'s plan length',
    caption: 'One panel per model · harness; one point per (oracle length, steps, outcome), sized by episodes; dashed line: as short as the oracle. Failures end at the step limit or earlier.',
    spec: spec as TopLevelSpec,
  };
}

function roundsChart(report: Report): Chart | null {
  const rounds = report.evolution?.rounds ?? [];
  if (rounds.length === 0) return null;
  const kinds = ['current version', 'candidate, passed the gate', 'candidate, rejected'];
  const kindOf = (p: (typeof rounds)[number]): string => (p.role === 'version' ? kinds[0]! : p.accepted ? kinds[1]! : kinds[2]!);
  const values = rounds.map((p) => ({
    round: `round ${p.round}`,
    // The bar's name under the axis (one lever a line): what the harness is.
    bar: p.role === 'version' ? 'current version' : (p.levers.join(' +|') || p.id),
    kind: kindOf(p), rate: round1(p.rate), count: countText(p.successes, p.n),
  }));
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: 'Evolution on train: batch success in each round', data: { values }, config: CONFIG,
    facet: { column: { field: 'round', type: 'nominal', title: null, sort: unique(values.map((v) => v.round)) } },
    resolve: { scale: { x: 'independent' } }, spacing: 16,
    spec: {
      width: { step: 120 }, height: 240,
      encoding: { x: { field: 'bar', type: 'nominal', title: null, sort: unique(values.map((v) => v.bar)), axis: { labelAngle: 0, labelLimit: 0, labelFontSize: 11, labelExpr: "split(datum.label, '|')" } } },
      layer: [
        { mark: { type: 'bar', width: { band: 0.8 } }, encoding: { y: { field: 'rate', type: 'quantitative', ...percentAxis, title: 'batch success (%)' }, color: { field: 'kind', type: 'nominal', title: null, scale: { domain: kinds, range: ['#4c78a8', '#54a24b', '#bab0ac'] } } } },
        { mark: { type: 'text', dy: -7, fontSize: 11 }, encoding: { y: { field: 'rate', type: 'quantitative' }, text: { field: 'count' } } },
      ],
    },
  };
  return {
    id: 'rounds', title: 'Evolution on train',
    caption: 'Per round: the current version re-run on the round\'s fresh train batch, then every candidate (named by its levers) on the same episodes; labels: successes/episodes.',
    spec: spec as TopLevelSpec,
  };
}

function heldOutChart(report: Report): Chart | null {
  const judgement = report.evolution?.judgement ?? [];
  if (judgement.length === 0) return null;
  const values = judgement.flatMap((split) => split.rows.map((r) => ({
    set: split.split, harness: r.label, chooser: r.chooser === 'null' ? 'null chooser' : 'with the model', rate: round1(r.rate), low: round1(r.low), high: round1(r.high), count: countText(r.successes, r.episodes),
  })));
  return {
    id: 'held-out', title: 'Held-out judgement',
    caption: 'Start and evolved harness on each held-out split, with the model and with the null chooser (same seeds); black lines: Wilson 95% interval.',
    spec: barsWithIntervals({
      title: 'Held-out success: start vs evolved', values,
      y: { field: 'harness', title: 'harness', sort: unique(values.map((v) => v.harness)) },
      group: { field: 'chooser', title: 'chooser', sort: ['with the model', 'null chooser'] },
      column: { field: 'set', sort: judgement.map((split) => split.split) },
    }),
  };
}

/** The charts of a report, in reading order (an evolution shows its held-out judgement instead of the generic success chart). */
export function reportCharts(report: Report): Chart[] {
  const charts = report.kind === 'evolution'
    ? [roundsChart(report), heldOutChart(report), taskTypeChart(report), stepsChart(report)]
    : [successChart(report), taskTypeChart(report), stepsChart(report)];
  return charts.filter((chart): chart is Chart => chart !== null);
}

/** Compiles a Vega-Lite spec and draws it to an SVG string (headless: no DOM, no network). */
export async function chartSvg(spec: TopLevelSpec): Promise<string> {
  // Loaded on first use: every `hearth` command imports this module, few draw charts.
  const [vega, { compile }] = await Promise.all([import('vega'), import('vega-lite')]);
  // Only errors: Vega-Lite's layout warnings (e.g. on unioned sort orders) are not the user's to fix.
  const view = new vega.View(vega.parse(compile(spec, { logger: vega.logger(vega.Error) }).spec), { renderer: 'none', logLevel: vega.Error });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
