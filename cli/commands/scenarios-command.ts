/** `hearth scenarios …`: validate, list and solve scenario files. */
import type { Command } from 'commander';
import type { CommandModule } from './command-module.ts';
import { validateCommand } from './scenarios/validate.ts';
import { solveCommand } from './scenarios/solve.ts';
import { listCommand } from './scenarios/list.ts';

export const scenariosCommand: CommandModule = {
  register(program: Command): void {
    const scenarios = program.command('scenarios').description('author, check and solve scenarios');
    scenarios
      .command('validate')
      .argument('<files...>', 'scenario files or globs, e.g. "scenarios/library/*.json"')
      .description('check files against the schema and the world rules; print every error; exit 1 if any')
      .action(validateCommand);
    scenarios
      .command('list')
      .argument('[dir]', 'folder to list', 'scenarios/library')
      .description('list scenarios with their task type and size')
      .action(listCommand);
    scenarios
      .command('solve')
      .argument('<file>', 'scenario file')
      .option('--json', 'print the result as JSON')
      .description("print the oracle's shortest plan (full knowledge; for validation and baselines only)")
      .action(solveCommand);
  },
};
