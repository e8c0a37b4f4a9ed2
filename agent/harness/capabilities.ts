/**
 * Does a harness fit an environment? Each part declares what it reads beyond text (`needs`); a
 * harness whose part needs a capability the environment lacks is refused before any episode, with
 * the part, its slot and the missing capability named.
 */
import type { Capability, EnvDescription } from '../../envs/protocol.ts';
import type { BuiltHarness, SlotPart } from './build-harness.ts';
import { HarnessError } from './harness-error.ts';

/** Every slot of a built harness (hooked parts, prompt builder, selector). */
const slotsOf = (harness: BuiltHarness): SlotPart[] => [...harness.slots, harness.promptBuilder, harness.selector];

/** The parts that need a capability `capabilities` lacks, with what is missing. */
export function missingCapabilities(harness: BuiltHarness, capabilities: readonly Capability[]): { part: string; path: string; missing: Capability[] }[] {
  return slotsOf(harness)
    .map((slot) => ({ part: slot.name, path: slot.path, missing: (slot.definition.needs ?? []).filter((need) => !capabilities.includes(need)) }))
    .filter((row) => row.missing.length > 0);
}

/** Throws a HarnessError naming each part that needs what the environment lacks. */
export function assertHarnessFits(harness: BuiltHarness, env: Pick<EnvDescription, 'id' | 'params' | 'capabilities'>): void {
  const misfits = missingCapabilities(harness, env.capabilities);
  if (misfits.length === 0) return;
  const where = env.id === 'hearth' && env.params.view === 'text' ? "Hearth's text view" : `environment '${env.id}'`;
  const list = misfits.map((m) => `${m.path} '${m.part}' needs ${m.missing.join(', ')}`).join('; ');
  throw new HarnessError(
    `harness '${harness.spec.name}' cannot run on ${where}, which gives text only: ${list}. Remove those parts or use text-only ones (hearth harness parts lists what each needs)`,
    { part: misfits[0]!.part, path: misfits[0]!.path },
  );
}
