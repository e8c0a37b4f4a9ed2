/**
 * Numbered migrations of the harness spec format: `MIGRATIONS[n]` turns format n into n + 1.
 * None yet (format 1 is the first); a spec with an unknown newer format is refused clearly.
 */
import { HARNESS_FORMAT_VERSION } from './harness-spec.ts';
import { HarnessError } from './harness-error.ts';

const MIGRATIONS: Record<number, (spec: Record<string, unknown>) => Record<string, unknown>> = {};

export function migrateHarnessSpec(input: unknown): unknown {
  if (!input || typeof input !== 'object') return input;
  let spec = input as Record<string, unknown>;
  let version = typeof spec.formatVersion === 'number' ? spec.formatVersion : HARNESS_FORMAT_VERSION;
  if (version > HARNESS_FORMAT_VERSION) throw new HarnessError(`harness spec formatVersion ${version} is newer than this Hearth understands (${HARNESS_FORMAT_VERSION}); upgrade Hearth`);
  while (version < HARNESS_FORMAT_VERSION) {
    const migrate = MIGRATIONS[version];
    if (!migrate) throw new HarnessError(`no migration from harness spec formatVersion ${version}`);
    spec = migrate(spec);
    version += 1;
  }
  return spec;
}
