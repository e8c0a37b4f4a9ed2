/** `hearth scenarios …`: validate, list, generate and solve scenario files. */
import type { Command } from 'commander';
import type { CommandModule } from './command-module.ts';
import { validateCommand } from './scenarios/validate.ts';
import { solveCommand } from './scenarios/solve.ts';
import { listCommand } from './scenarios/list.ts';
import { exportPddlCommand } from './scenarios/export-pddl.ts';
import { generateCommand } from './scenarios/generate.ts';

export const scenariosCommand: CommandModule = {
  register(program: Command): void {
    const scenarios = program.command('scenarios').description('author, check and solve scenarios');
    scenarios
      .command('validate')
      .argument('<files...>', 'scenario files, folders (every .json under them) or globs, e.g. "scenarios/library/*.json"')
      .description('check files against the schema and the world rules without searching (solve checks that a goal can be reached); print every error; exit 1 if any')
      .action(validateCommand);
    scenarios
      .command('list')
      .argument('[dir]', 'folder to list', 'scenarios/library')
      .option('--suite <name>', 'list the members of a frozen suite instead (e.g. household-v1)')
      .option('--split <split>', 'with --suite: only train, test-seen or test-unseen')
      .description('list scenarios with their task type and size')
      .action(listCommand);
    scenarios
      .command('generate')
      .requiredOption('--suite <name>', 'suite to generate, e.g. household-v1')
      .option('--seed <n>', "base seed (default: the frozen suite's; another seed gives a new draw)")
      .option('--split <split>', 'only train, test-seen or test-unseen')
      .requiredOption('--out <dir>', 'folder to write <split>/<name>.json files and manifest.json into')
      .description('write a suite as scenario files plus its manifest; at the suite seed, check them against the frozen hashes')
      .action(generateCommand);
    scenarios
      .command('solve')
      .argument('<file>', 'scenario file')
      .option('--json', 'print the result as JSON')
      .option('--max-states <n>', 'give up after keeping this many distinct states (default 2,000,000)')
      .option('--max-seconds <s>', 'give up after this many seconds (default 60)')
      .description("print the oracle's shortest plan (full knowledge; for validation and baselines only); a search that runs out of budget says so")
      .action(solveCommand);
    scenarios
      .command('export-pddl')
      .argument('<file>', 'scenario file')
      .requiredOption('--out <dir>', 'folder to write domain.pddl, problem.pddl and plan.pddl into')
      .description("write the scenario as a PDDL domain and problem (typed STRIPS) and the oracle's plan as PDDL actions")
      .action(exportPddlCommand);
  },
};
