/** Programming errors of the Env API (misuse), as opposed to failed actions, which are results. */

/** `step`/`validActions`/`snapshot` called before `reset`. */
export class EnvNotResetError extends Error {
  constructor(readonly method: string) {
    super(`HearthEnv.${method}() was called before reset(); call env.reset({ scenario, seed }) first.`);
    this.name = 'EnvNotResetError';
  }
}

/** A snapshot that this env cannot restore. */
export class SnapshotError extends Error {
  constructor(
    readonly problem: string,
    readonly value: unknown,
    options?: { cause?: unknown },
  ) {
    super(`Cannot restore snapshot: ${problem} (got ${JSON.stringify(value)?.slice(0, 200)}). Pass a value returned by env.snapshot().`, options);
    this.name = 'SnapshotError';
  }
}
