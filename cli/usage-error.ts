/**
 * A command-line usage error: a flag or argument the user got wrong (the message names it, the bad
 * value and what is allowed) — not a HarnessError or ModelError, which are about harnesses and
 * models. Commands print it as `error: …` and exit 2, as commander does for its own usage errors.
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
