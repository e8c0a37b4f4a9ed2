/**
 * `hearth scenarios export-pddl <file> --out DIR`: writes `domain.pddl` and `problem.pddl` (plain
 * typed STRIPS, for standard planners) and `plan.pddl` (the oracle's plan as PDDL actions, goal
 * checks last). A file that does not load prints the loader's errors; a scenario the export cannot
 * tell in PDDL prints why. Both exit 1.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadScenarioFile } from '../../../scenarios/format/load-scenario.ts';
import { formatIssue } from '../../../scenarios/format/scenario-issue.ts';
import { exportPddl } from '../../../scenarios/pddl/export-pddl.ts';
import { ensureDir } from '../../ensure-dir.ts';

export function exportPddlCommand(file: string, options: { out: string }): void {
  const loaded = loadScenarioFile(file);
  if (!loaded.ok) {
    loaded.errors.forEach((issue) => console.error(formatIssue(issue)));
    process.exitCode = 1;
    return;
  }
  const result = exportPddl(loaded.world);
  if (!result.ok) {
    console.error(`${file}: cannot export to PDDL: ${result.error}`);
    process.exitCode = 1;
    return;
  }
  const checks = result.plan.length - result.simPlan.length;
  const plan = [
    `; oracle plan for ${loaded.world.id}: ${result.simPlan.length} simulator steps, then goal checks`,
    ...result.plan,
    `; cost = ${result.plan.length} (unit cost)`,
    '',
  ].join('\n');
  const files: [string, string, string][] = [
    ['domain.pddl', result.domain, 'domain'],
    ['problem.pddl', result.problem, 'problem'],
    ['plan.pddl', plan, `plan, ${result.plan.length} actions`],
  ];
  try {
    ensureDir(options.out);
    for (const [name, text, what] of files) {
      const target = path.join(options.out, name);
      fs.writeFileSync(target, text);
      console.log(`wrote ${target} (${what})`);
    }
  } catch (error) {
    console.error(`cannot write to ${options.out}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    process.exitCode = 1;
    return;
  }
  console.log(`${loaded.world.id}: exported; the plan is ${result.simPlan.length} simulator steps and ${checks} goal check(s)`);
}
