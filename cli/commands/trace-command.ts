/** `hearth trace show FILE` and `hearth trace digest FILE...`: traces, readably. */
import fs from 'node:fs';
import type { Command } from 'commander';
import type { CommandModule } from './command-module.ts';
import { digestTraces, formatDigest } from '../../agent/evolve/digest.ts';
import type { Trace } from '../../agent/trace/trace-events.ts';
import { parseTraceJsonl, TraceFormatError } from '../../agent/trace/trace-io.ts';
import { formatEvent } from './run-command.ts';

/** Reads and parses one trace; on a problem prints it (with the line number), sets exit code 1 and returns null. */
function readTrace(file: string): Trace | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    console.error(`error: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    process.exitCode = 1;
    return null;
  }
  try {
    return parseTraceJsonl(text);
  } catch (error) {
    if (!(error instanceof TraceFormatError)) throw error;
    console.error(`error: ${file}: ${error.message}`);
    process.exitCode = 1;
    return null;
  }
}

function showCommand(file: string, options: { calls?: boolean }): void {
  const trace = readTrace(file);
  if (!trace) return;
  const { header } = trace;
  console.log(`${header.scenario.id} (seed ${header.scenario.seed}) · model ${header.model.id} · harness ${header.harness.name} (${header.harnessId}) · ${header.physics}`);
  for (const event of trace.events) {
    const line = formatEvent(event, options);
    if (line) console.log(line);
  }
}

/** Bad files are reported and skipped, so one broken trace does not hide the others' failures. */
function digestCommand(files: string[], options: { json?: boolean }): void {
  const traces = files.flatMap((file) => readTrace(file) ?? []);
  if (traces.length === 0) return;
  const digest = digestTraces(traces);
  console.log(options.json ? JSON.stringify(digest, null, 2) : formatDigest(digest));
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
    trace
      .command('digest')
      .argument('<files...>', 'traces (JSONL)')
      .option('--json', 'print the digest as JSON')
      .description('sort failed episodes into failure categories with evidence; exit 1 if a file cannot be read (the others are still digested)')
      .action(digestCommand);
  },
};
