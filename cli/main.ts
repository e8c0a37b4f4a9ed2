/**
 * The `hearth` command line: one commander program; each area registers its commands from its
 * own file in `cli/commands/`. The commands are thin: they call the same functions the browser uses.
 */
import fs from 'node:fs';
import path from 'node:path';
import { distance } from 'fastest-levenshtein';
import { Command, CommanderError } from 'commander';
import { unknownName } from '../scenarios/format/unknown-name.ts';
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
import { envsCommand } from './commands/envs-command.ts';

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
  envsCommand,
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
  program.hook('preAction', (_program, action) => checkOptions(action));
  try {
    await program.parseAsync(withoutHelpAfterUnknownCommand(program, argv));
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // help/version exit with 0; usage errors were already printed by commander.
      return error.exitCode === 0 ? 0 : 2;
    }
    throw error;
  }
}

/**
 * `hearth nope --help` would print the parent's help and exit 0, hiding the typo. When a word
 * before the first option names no subcommand of a command that takes no arguments of its own,
 * it is an unknown command: a usage error (exit 2) with the closest command name.
 */
function withoutHelpAfterUnknownCommand(program: Command, argv: string[]): string[] {
  const words = argv.slice(2);
  if (!words.some((word) => word === '--help' || word === '-h')) return argv;
  let command = program;
  for (const word of words) {
    if (word.startsWith('-')) return argv;
    if (command.commands.length === 0 || command.registeredArguments.length > 0) return argv;
    const next = command.commands.find((child) => child.name() === word || child.aliases().includes(word));
    if (!next) {
      if (word === 'help') return argv;
      const names = command.commands.map((child) => child.name()).filter((name) => name !== 'help');
      const { message, suggestion } = unknownName('command', word, names);
      const where = command === program ? 'hearth' : `hearth ${command.name()}`;
      // Only a near miss is a suggestion ('lst' → 'list'), as commander does.
      const text = suggestion && distance(word, suggestion) <= Math.max(2, Math.floor(word.length / 3)) ? message : `unknown command '${word}'; commands: ${names.join(', ')}`;
      usageError(`${text.replace(`command '${word}'`, `command '${word}' of ${where}`)} (see ${where} --help)`);
    }
    command = next;
  }
  return argv;
}

/** Fails a usage error before any work: prints it like the commands do and stops with exit 2. */
function usageError(message: string): never {
  console.error(`error: ${message}`);
  throw new CommanderError(2, 'hearth.usage', message);
}

/**
 * Checks what every command shares, before it starts (an `--out` that cannot be written would
 * otherwise fail only after minutes of work): no option or argument given an empty value (`""`
 * would otherwise reach the file system as the current folder or ENOENT), and an `--out` whose
 * nearest existing parent is a folder that can be written.
 */
function checkOptions(command: Command): void {
  for (const option of command.options) {
    const key = option.attributeName();
    if (command.getOptionValueSource(key) !== 'cli') continue;
    const value: unknown = command.getOptionValue(key);
    const values = Array.isArray(value) ? value : [value];
    if (values.some((v) => typeof v === 'string' && v.trim() === '')) usageError(`option '${option.long ?? option.short}' got an empty value; give it a value or leave it out`);
  }
  command.registeredArguments.forEach((argument, index) => {
    const value: unknown = command.processedArgs[index];
    const values = Array.isArray(value) ? value : [value];
    const where = `hearth ${command.parent && command.parent.parent ? `${command.parent.name()} ` : ''}${command.name()}`;
    if (values.some((v) => typeof v === 'string' && v.trim() === '')) usageError(`argument '${argument.name()}' of ${where} got an empty value ('${String(values.find((v) => typeof v === 'string' && v.trim() === ''))}'); give it a value (see ${where} --help)`);
  });
  const out: unknown = command.getOptionValue('out');
  if (typeof out === 'string' && command.getOptionValueSource('out') === 'cli') {
    const target = path.resolve(out);
    let existing = target;
    while (!fs.existsSync(existing) && path.dirname(existing) !== existing) existing = path.dirname(existing);
    if (existing === target) return; // the command decides what an existing --out may be
    if (!fs.statSync(existing).isDirectory()) usageError(`cannot write to ${out}: ENOTDIR (${existing} is a file, not a folder); choose another --out`);
    try {
      fs.accessSync(existing, fs.constants.W_OK);
    } catch {
      usageError(`cannot write to ${out}: EACCES (${existing} is not writable); choose another --out`);
    }
  }
}
