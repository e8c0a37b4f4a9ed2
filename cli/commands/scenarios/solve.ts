/** `hearth scenarios solve <file>`: the oracle's shortest plan, numbered, and its length. */
import { loadScenarioFile } from '../../../scenarios/format/load-scenario.ts';
import { formatIssue } from '../../../scenarios/format/scenario-issue.ts';
import { solveScenario } from '../../../scenarios/oracle/solve.ts';

export function solveCommand(file: string, options: { json?: boolean }): void {
  const loaded = loadScenarioFile(file);
  if (!loaded.ok) {
    loaded.errors.forEach((issue) => console.error(formatIssue(issue)));
    process.exitCode = 1;
    return;
  }
  const started = performance.now();
  const result = solveScenario(loaded.world);
  const ms = Math.round(performance.now() - started);
  if (options.json) {
    console.log(JSON.stringify({ scenario: loaded.world.id, ...result, ms }));
  } else if (result.solvable) {
    result.plan.forEach((action, index) => console.log(`${String(index + 1).padStart(3)}. ${action}`));
    console.log(`${loaded.world.id}: solved in ${result.length} steps (${result.expanded} states, ${ms} ms)`);
  } else {
    console.log(`${loaded.world.id}: no plan found${result.exhausted ? ' within the search budget' : ' — the goal cannot be reached'} (${result.expanded} states)`);
  }
  if (!result.solvable) process.exitCode = 1;
}
