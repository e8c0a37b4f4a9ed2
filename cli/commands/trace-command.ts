/** `hearth trace show FILE`: a trace, readably. */
import fs from 'node:fs';
import type { Command } from 'commander';
import type { CommandModule } from './command-module.ts';
import { parseTraceJsonl, TraceFormatError } from '../../agent/trace/trace-io.ts';
import { showEvent } from './run-command.ts';

function showCommand(file: string): void {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    console.error(`error: cannot read ${file}: ${(error as NodeJS.ErrnoException).code}`);
    process.exitCode = 1;
    return;
  }
  try {
    const trace = parseTraceJsonl(text);
    const { header } = trace;
    console.log(`${header.scenario.id} (seed ${header.scenario.seed}) · model ${header.model.id} · harness ${header.harnessId} · ${header.physics}`);
    trace.events.forEach(showEvent);
  } catch (error) {
    if (!(error instanceof TraceFormatError)) throw error;
    console.error(`error: ${file}: ${error.message}`);
    process.exitCode = 1;
  }
}

export const traceCommand: CommandModule = {
  register(program: Command): void {
    const trace = program.command('trace').description('read episode traces');
    trace.command('show').argument('<file>', 'trace (JSONL)').description('print a trace readably').action(showCommand);
  },
};
