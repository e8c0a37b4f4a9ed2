import type { Command } from 'commander';

/** A group of CLI commands (scenarios, models, run …) that adds itself to the program. */
export interface CommandModule {
  register(program: Command): void;
}
