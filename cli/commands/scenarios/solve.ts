/**
 * `hearth scenarios solve <file> [--max-states N] [--max-seconds S] [--json]`: the oracle's
 * shortest plan, numbered, and its length. The search has a budget (default 2,000,000 states or
 * 60 s) and shows its progress on a terminal; running out of budget says so and how to raise it —
 * never "unsolvable". Exit 0 when solved, 1 when not (unsolvable or gave up), 2 for bad options.
 */
import { loadScenarioFile } from '../../../scenarios/format/load-scenario.ts';
import { formatIssue } from '../../../scenarios/format/scenario-issue.ts';
import { CLI_BUDGET, solveScenario, type SearchProgress } from '../../../scenarios/oracle/solve.ts';
import { describeOracleFailure } from '../../../scenarios/oracle/describe-outcome.ts';

export interface SolveCommandOptions {
  json?: boolean;
  maxStates?: string;
  maxSeconds?: string;
}

function positive(value: string | undefined, fallback: number, name: string, whole: boolean): number | string {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0 || (whole && !Number.isInteger(number))) return `--${name} must be a ${whole ? 'whole number' : 'number'} > 0, got '${value}'`;
  return number;
}

const count = (n: number): string => n.toLocaleString('en-US');

function progressLine(progress: SearchProgress): void {
  process.stderr.write(`\rsearching: plans of ${progress.depth + 1} steps, ${count(progress.states)} states, ${progress.seconds.toFixed(1)} s  `);
}

export function solveCommand(file: string, options: SolveCommandOptions): void {
  const maxStates = positive(options.maxStates, CLI_BUDGET.maxStates, 'max-states', true);
  const maxSeconds = positive(options.maxSeconds, CLI_BUDGET.maxSeconds, 'max-seconds', false);
  for (const bad of [maxStates, maxSeconds]) {
    if (typeof bad !== 'string') continue;
    console.error(`error: ${bad}`);
    process.exitCode = 2;
    return;
  }
  const loaded = loadScenarioFile(file);
  if (!loaded.ok) {
    loaded.errors.forEach((issue) => console.error(formatIssue(issue)));
    process.exitCode = 1;
    return;
  }
  const tty = process.stderr.isTTY === true && !options.json;
  const maxDepth = loaded.world.stepLimit ?? 50;
  const result = solveScenario(loaded.world, { maxExpanded: Infinity, maxStates: maxStates as number, maxSeconds: maxSeconds as number, ...(tty ? { onProgress: progressLine } : {}) });
  if (tty) process.stderr.write('\r\x1b[K');
  const ms = Math.round(result.seconds * 1000);
  if (options.json) {
    console.log(JSON.stringify({ scenario: loaded.world.id, ...result, ms }));
  } else if (result.solvable) {
    result.plan.forEach((action, index) => console.log(`${String(index + 1).padStart(3)}. ${action}`));
    console.log(`${loaded.world.id}: solved in ${result.length} steps (${result.states} states, ${ms} ms)`);
  } else {
    console.log(`${loaded.world.id}: ${describeOracleFailure(result, maxDepth)}`);
  }
  if (!result.solvable) process.exitCode = 1;
}
