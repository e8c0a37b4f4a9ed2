/** `hearth trace show FILE`, `hearth trace digest FILE...` and `hearth trace rewrites FILE...`: traces, readably. */
import { replayTrace } from '../../agent/trace/replay-trace.ts';
import { replayOnEnv } from '../../agent/trace/replay-on-env.ts';
import { EnvError } from '../../envs/protocol.ts';
import { envSourceFor } from '../../envs/registry.ts';
import { findScenarioById } from '../../scenarios/find-scenario.ts';
import { loadScenarioFile } from '../../scenarios/format/load-scenario.ts';
import { formatIssue } from '../../scenarios/format/scenario-issue.ts';
import fs from 'node:fs';
import type { Command } from 'commander';
import type { CommandModule } from './command-module.ts';
import { digestTraces, formatDigest } from '../../agent/evolve/digest.ts';
import { formatMidTaskStats, midTaskStats } from '../../agent/evolve/mid-task-stats.ts';
import type { Trace } from '../../agent/trace/trace-events.ts';
import { parseTraceJsonl, parseTraceJsonlPartial, TraceFormatError } from '../../agent/trace/trace-io.ts';
import { formatEvent } from './run-command.ts';

/**
 * Reads a trace file and parses it with `parse`; on a problem prints it (with the line number),
 * sets exit code 1 and returns null.
 */
function readParsed<T>(file: string, parse: (text: string) => T): T | null {
  const fail = (message: string): null => {
    console.error(`error: ${message}`);
    process.exitCode = 1;
    return null;
  };
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    return fail(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  try {
    return parse(text);
  } catch (error) {
    if (!(error instanceof TraceFormatError)) throw error;
    return fail(`${file}: ${error.message}`);
  }
}

/** One whole trace, or null (the problem printed). */
const readTrace = (file: string): Trace | null => readParsed(file, parseTraceJsonl);

/** Shows what is readable of a trace, then says where and why it stops when it is cut (a crashed or interrupted run). */
function showCommand(file: string, options: { calls?: boolean }): void {
  const partial = readParsed(file, parseTraceJsonlPartial);
  if (!partial) return;
  const { trace, problem, truncated } = partial;
  const { header } = trace;
  console.log(`${header.scenario.id} (seed ${header.scenario.seed}) · model ${header.model.id} · harness ${header.harness.name} (${header.harnessId}) · ${header.physics}`);
  for (const event of trace.events) {
    const line = formatEvent(event, options);
    if (line) console.log(line);
  }
  const shown = `${trace.events.length} event(s) shown`;
  if (problem) {
    console.error(`error: ${file}: ${problem.message}; the trace is truncated there (${shown}; a run that crashed or was stopped mid-write leaves a cut last line)`);
    process.exitCode = 1;
  } else if (truncated) {
    console.error(`warning: ${file}: the trace is truncated: it has no episode-end event (${shown}; the run stopped before the episode ended)`);
  }
}

/** A peer trace: the same environment (from the header), the same task, every answer checked. */
async function replayPeerTrace(file: string, trace: Trace): Promise<void> {
  const recorded = trace.header.env!;
  try {
    const source = envSourceFor(recorded);
    const env = await source.open();
    try {
      const result = await replayOnEnv(trace, env, { id: trace.header.scenario.id });
      if (!result.ok) {
        console.error(`error: ${file}: replay differs — ${result.problem}`);
        process.exitCode = 1;
        return;
      }
      console.log(`replayed ${result.steps} steps of ${trace.header.scenario.id} on ${recorded.version} (seed ${trace.header.scenario.seed}): the same first observation and the same answer at every step`);
    } finally {
      await env.close();
    }
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(`error: ${file}: ${error.message}`);
    process.exitCode = 2;
  }
}

/** Re-runs the applied actions on the trace's scenario (or task) and checks feedback and the final state hash. */
async function replayCommand(file: string, options: { scenario?: string }): Promise<void> {
  const trace = readTrace(file);
  if (!trace) return;
  if (trace.header.env && trace.header.env.id !== 'hearth') return replayPeerTrace(file, trace);
  let world;
  if (options.scenario) {
    const loaded = loadScenarioFile(options.scenario);
    if (!loaded.ok) {
      loaded.errors.forEach((issue) => console.error(formatIssue(issue)));
      process.exitCode = 2;
      return;
    }
    world = loaded.world;
  } else {
    const found = findScenarioById(trace.header.scenario.id);
    if (!found.world) {
      console.error(`error: ${file}: ${found.looked}; pass the scenario file with --scenario FILE`);
      process.exitCode = 2;
      return;
    }
    world = found.world;
  }
  const result = replayTrace(trace, world);
  if (!result.ok) {
    console.error(`error: ${file}: replay differs — ${result.problem}`);
    process.exitCode = 1;
    return;
  }
  console.log(`replayed ${result.steps} steps of ${trace.header.scenario.id} (seed ${trace.header.scenario.seed}, ${trace.header.physics ?? 'kinematic'}${trace.header.env?.params.view === 'text' ? ', text view' : ''}): same feedback at every step, state hash ${result.stateHash.slice(0, 12)}…${trace.events.at(-1)?.type === 'episode-end' && (trace.events.at(-1) as { stateHash?: string }).stateHash ? ' as recorded' : ' (the trace predates recorded state hashes)'}`);
}

/** Bad files are reported and skipped, so one broken trace does not hide the others' failures. */
function digestCommand(files: string[], options: { json?: boolean }): void {
  const traces = files.flatMap((file) => readTrace(file) ?? []);
  if (traces.length === 0) return;
  const digest = digestTraces(traces);
  console.log(options.json ? JSON.stringify(digest, null, 2) : formatDigest(digest));
}

/** How often mid-task rewriting fired in these episodes, and success with and without it. */
function rewritesCommand(files: string[], options: { json?: boolean }): void {
  const traces = files.flatMap((file) => readTrace(file) ?? []);
  if (traces.length === 0) return;
  const stats = midTaskStats(traces);
  console.log(options.json ? JSON.stringify(stats, null, 2) : formatMidTaskStats(stats));
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
      .command('replay')
      .argument('<file>', 'trace (JSONL)')
      .option('--scenario <file>', 'the scenario file (default: found by the trace\'s scenario id in the suites and scenarios/library)')
      .description('re-run the applied actions and check each feedback and the final state hash; exit 1 when they differ')
      .action(replayCommand);
    trace
      .command('digest')
      .argument('<files...>', 'traces (JSONL)')
      .option('--json', 'print the digest as JSON')
      .description('sort failed episodes into failure categories with evidence; exit 1 if a file cannot be read (the others are still digested)')
      .action(digestCommand);
    trace
      .command('rewrites')
      .argument('<files...>', 'traces (JSONL)')
      .option('--json', 'print the counts as JSON')
      .description('how often the harness rewrote itself mid-episode (mid-task-rewrite): per trigger, failure category and lever, and success with and without a rewrite')
      .action(rewritesCommand);
  },
};
