/**
 * The `hearth` command line: one commander program; each area registers its commands from its
 * own file in `cli/commands/`. The commands are thin: they call the same functions the browser uses.
 */
import { Command, CommanderError } from 'commander';
import type { CommandModule } from './commands/command-module.ts';
import { modelsCommand } from './commands/models-command.ts';
import { scenariosCommand } from './commands/scenarios-command.ts';
import { runCommandModule } from './commands/run-command.ts';
import { traceCommand } from './commands/trace-command.ts';
import { serveModelCommand } from './commands/serve-model-command.ts';
import { harnessCommand } from './commands/harness-command.ts';
import { evolveCommand } from './commands/evolve-command.ts';
import { reportCommandModule } from './commands/report-command.ts';
import { benchCommand } from './commands/bench-command.ts';

// Each command area, in the order shown by `hearth --help`.
const commandModules: CommandModule[] = [
  runCommandModule,
  evolveCommand,
  benchCommand,
  traceCommand,
  scenariosCommand,
  modelsCommand,
  serveModelCommand,
  harnessCommand,
  reportCommandModule,
  // (areas add themselves here)
];

/** Runs the CLI and returns the process exit code (0 ok, 1 failure, 2 usage error). */
export async function main(argv: string[]): Promise<number> {
  const program = new Command('hearth')
    .description('Hearth: a household-planning gym for small local language models and evolvable harnesses.')
    .version('0.1.0')
    .showSuggestionAfterError(true)
    .enablePositionalOptions()
    .exitOverride();
  for (const commandModule of commandModules) commandModule.register(program);
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // help/version exit with 0; usage errors were already printed by commander.
      return error.exitCode === 0 ? 0 : 2;
    }
    throw error;
  }
}
