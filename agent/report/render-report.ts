/**
 * A report as `report.md` (tables to paste into a paper) and as `report.html`: one self-contained
 * page — inline CSS, the charts as inline SVG drawn in Node, no script and no external request.
 */
import type { Report } from './build-report.ts';
import { chartSvg, reportCharts, type Chart } from './report-charts.ts';
import {
  costTable, failureTable, harnessComparisonTable, heldOutDifferenceTable, heldOutTable, nullComparisonTable, roundsTable, successTable, taskTypeTable, type ReportTable,
} from './report-tables.ts';

interface Section {
  heading: string;
  charts: string[];
  tables: (ReportTable | null)[];
}

/** What the report shows, in reading order; an evolution starts with its rounds and held-out judgement. */
function sections(report: Report): Section[] {
  const measured: Section[] = [
    { heading: 'Success', charts: report.kind === 'bench' ? ['success'] : [], tables: [successTable(report)] },
    { heading: 'Task types', charts: ['task-types'], tables: [taskTypeTable(report)] },
    { heading: 'Steps against the oracle', charts: ['steps'], tables: [] },
    { heading: 'Paired comparisons', charts: [], tables: [harnessComparisonTable(report), nullComparisonTable(report)] },
    { heading: 'Failure categories', charts: [], tables: [failureTable(report)] },
    { heading: 'Cost', charts: [], tables: [costTable(report)] },
  ];
  if (report.kind === 'bench') return measured;
  return [
    { heading: 'Evolution rounds', charts: ['rounds'], tables: [roundsTable(report)] },
    { heading: 'Held-out judgement', charts: ['held-out'], tables: [heldOutTable(report), heldOutDifferenceTable(report)] },
    ...measured.map((section) => ({ ...section, heading: `Held-out episodes: ${section.heading.toLowerCase()}` })),
  ];
}

const EMPTY = 'None in this run.';
const setLines = (report: Report): string[] => report.sets.map((set) => `- ${set.name}: ${set.description}; ${set.episodes.length} episodes`);

function markdownTable(table: ReportTable): string {
  const cell = (text: string): string => text.replace(/\|/g, '\\|');
  const lines = [`### ${table.title}`, '', table.note, ''];
  if (table.rows.length === 0) return [...lines, EMPTY].join('\n');
  lines.push(`| ${table.head.map(cell).join(' | ')} |`, `|${table.head.map(() => '---').join('|')}|`, ...table.rows.map((row) => `| ${row.map(cell).join(' | ')} |`));
  return lines.join('\n');
}

export function renderMarkdown(report: Report): string {
  const parts = [`# ${report.title}`, '', report.description, '', ...setLines(report), '', `Run folder: \`${report.runDir}\`. Charts: report.html; every number: report.json.`];
  for (const section of sections(report)) {
    parts.push('', `## ${section.heading}`);
    for (const table of section.tables) if (table) parts.push('', markdownTable(table));
  }
  return `${parts.join('\n')}\n`;
}

const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** Columns whose cells are numbers are right-aligned. */
const numeric = (text: string): boolean => /^[−+\-]?[\d,.]+(%|\/\d+.*| points)?$|^< 0\.001$|^—$/.test(text);

function htmlTable(table: ReportTable): string {
  const head = `<h3>${escapeHtml(table.title)}</h3><p class="note">${escapeHtml(table.note)}</p>`;
  if (table.rows.length === 0) return `${head}<p class="empty">${EMPTY}</p>`;
  const rows = table.rows.map((row) => `<tr>${row.map((cell) => `<td${numeric(cell) ? ' class="num"' : ''}>${escapeHtml(cell)}</td>`).join('')}</tr>`).join('\n');
  return `${head}<div class="table"><table id="table-${table.id}"><thead><tr>${table.head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>\n${rows}\n</tbody></table></div>`;
}

async function htmlFigure(chart: Chart): Promise<string> {
  return `<figure class="chart" data-chart="${chart.id}">${await chartSvg(chart.spec)}<figcaption>${escapeHtml(chart.caption)}</figcaption></figure>`;
}

const STYLE = `
body { margin: 0; background: #f6f6f4; color: #1d1d1d; font: 15px/1.45 Helvetica, Arial, sans-serif; }
main { max-width: 1180px; margin: 0 auto; padding: 28px 32px 60px; background: #ffffff; }
h1 { font-size: 26px; margin: 0 0 8px; }
h2 { font-size: 20px; margin: 40px 0 8px; padding-top: 12px; border-top: 2px solid #e4e4e0; }
h3 { font-size: 16px; margin: 22px 0 4px; }
p.lead { margin: 0 0 6px; }
ul.sets { margin: 6px 0 0; padding-left: 20px; color: #444; }
p.note, p.meta, figcaption { color: #555; font-size: 13px; margin: 2px 0 8px; }
p.empty { color: #777; font-style: italic; }
figure.chart { margin: 16px 0; padding: 10px; border: 1px solid #e4e4e0; border-radius: 4px; overflow-x: auto; }
figure.chart svg { display: block; max-width: none; }
div.table { overflow-x: auto; }
table { border-collapse: collapse; font-size: 13px; margin: 4px 0 10px; }
th, td { padding: 4px 10px; border-bottom: 1px solid #e4e4e0; text-align: left; vertical-align: top; }
th { background: #f0f0ec; font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tbody tr:nth-child(even) { background: #fafaf8; }
`;

export async function renderHtml(report: Report): Promise<string> {
  const charts = new Map(reportCharts(report).map((chart) => [chart.id, chart]));
  const body: string[] = [
    `<h1>${escapeHtml(report.title)}</h1>`,
    `<p class="lead">${escapeHtml(report.description)}</p>`,
    `<ul class="sets">${report.sets.map((set) => `<li>${escapeHtml(`${set.name}: ${set.description}; ${set.episodes.length} episodes`)}</li>`).join('')}</ul>`,
    `<p class="meta">Run folder: <code>${escapeHtml(report.runDir)}</code> · made by <code>hearth report</code> · every number is in report.json (format ${report.formatVersion}).</p>`,
  ];
  for (const section of sections(report)) {
    body.push(`<section><h2>${escapeHtml(section.heading)}</h2>`);
    for (const id of section.charts) {
      const chart = charts.get(id);
      if (chart) body.push(await htmlFigure(chart));
    }
    for (const table of section.tables) if (table) body.push(htmlTable(table));
    body.push('</section>');
  }
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(report.title)}</title>
<style>${STYLE}</style>
</head>
<body><main>
${body.join('\n')}
</main></body>
</html>
`;
}
