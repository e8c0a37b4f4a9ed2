/** `hearth report RUN_DIR` (tables, charts and numbers of a run folder) and `hearth export sft RUN_DIR --out FILE`. */
import type { Command } from 'commander';
import { buildReport, writeReport } from '../../agent/report/build-report.ts';
import { exportSft, writeSft } from '../../agent/report/export-sft.ts';
import { ReportInputError } from '../../agent/report/read-run.ts';
import { successTable } from '../../agent/report/report-tables.ts';
import type { CommandModule } from './command-module.ts';

/** Runs `action`; a folder that is not a usable run folder is one error line and exit code 1. */
async function reportingBadInput(action: () => Promise<void> | void): Promise<void> {
  try {
    await action();
  } catch (error) {
    if (!(error instanceof ReportInputError)) throw error;
    console.error(`error: ${error.message}`);
    process.exitCode = 1;
  }
}

async function reportAction(dir: string, options: { out?: string; json?: boolean }): Promise<void> {
  await reportingBadInput(async () => {
    const report = buildReport(dir);
    const files = await writeReport(report, options.out ?? dir);
    const wrote = `wrote ${files.markdown}, ${files.html} and ${files.json}`;
    if (options.json) {
      // stdout stays pure JSON for pipes; where the files went goes to stderr.
      console.error(wrote);
      console.log(JSON.stringify(report, null, 2));
      return;
    }
    const table = successTable(report);
    console.log([
      report.title, wrote, '', table.title,
      `| ${table.head.join(' | ')} |`, `|${table.head.map(() => '---').join('|')}|`, ...table.rows.map((row) => `| ${row.join(' | ')} |`),
    ].join('\n'));
  });
}

async function exportSftAction(dir: string, options: { out: string }): Promise<void> {
  await reportingBadInput(() => {
    const data = exportSft(dir);
    writeSft(data, dir, options.out);
    const left = Object.entries(data.skipped).filter(([, count]) => count > 0).map(([reason, count]) => `${count} ${reason}`);
    console.log(`wrote ${data.lines.length} training lines to ${options.out} from ${data.usedEpisodes} successful model-driven episodes (of ${data.episodes} in the log)${left.length ? `; steps left out: ${left.join(', ')}` : ''}`);
  });
}

export const reportCommandModule: CommandModule = {
  register(program: Command): void {
    program
      .command('report')
      .argument('<run-dir>', 'a run folder made by hearth bench or hearth evolve')
      .option('--out <dir>', 'where to write report.md, report.html and report.json (default: the run folder)')
      .option('--json', 'print the report as JSON instead of the success table')
      .description('tables (report.md), charts (report.html, self-contained) and every number (report.json) of a benchmark or evolution run folder')
      .action(reportAction);
    program
      .command('export')
      .description('export data from run folders')
      .command('sft')
      .argument('<run-dir>', 'a run folder made by hearth bench or hearth evolve')
      .requiredOption('--out <file>', 'the JSONL file to write')
      .description('successful episodes as chat-format fine-tuning data: one line per model decision that chose the applied action')
      .action(exportSftAction);
  },
};
