/** `hearth trace show FILE`: a trace, readably. */
import fs from 'node:fs';
import type { Command } from 'commander';
import type { CommandModule } from './command-module.ts';
import { parseTraceJsonl, TraceFormatError } from '../../agent/trace/trace-io.ts';
import { formatEvent } from './run-command.ts';

function showCommand(file: string, options: { calls?: boolean }): void {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    console.error(`error: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    process.exitCode = 1;
    return;
  }
  try {
    const trace = parseTraceJsonl(text);
    const { header } = trace;
    console.log(`${header.scenario.id} (seed ${header.scenario.seed}) · model ${header.model.id} · harness ${header.harness.name} (${header.harnessId}) · ${header.physics}`);
    for (const event of trace.events) {
      const line = formatEvent(event, options);
      if (line) console.log(line);
    }
  } catch (error) {
    if (!(error instanceof TraceFormatError)) throw error;
    console.error(`error: ${file}: ${error.message}`);
    process.exitCode = 1;
  }
}

export const traceCommand: CommandModule = {
  register(program: Command): void {
    const trace = program.command('trace').description('read episode traces');
    trace
      .command('show')
      .argument('<file>', 'trace (JSONL)')
      .option('--calls', 'also show each model call and its output')
      .description('print a trace readably; exit 1 with the line number on a bad line')
      .action(showCommand);
  },
};
