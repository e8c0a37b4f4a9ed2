/**
 * Spec → live parts. Every slot's part is looked up in the registry, checked to be of the slot's
 * kind, and its parameters validated by its own schema; errors name the slot path.
 */
import type { PartDefinition, PartInstance, PartKind } from './define-part.ts';
import type { PartRegistry } from './part-registry.ts';
import { HarnessError } from './harness-error.ts';
import { harnessId, harnessSpecSchema, type HarnessSpec, type SlotSpec } from './harness-spec.ts';
import { migrateHarnessSpec } from './migrations.ts';

export interface LivePart {
  name: string;
  path: string;
  definition: PartDefinition;
  instance: PartInstance;
}

export interface BuiltHarness {
  id: string;
  spec: HarnessSpec;
  /** In hook order: summarizers, decomposer, memory, validators, control. */
  parts: LivePart[];
  promptBuilder: LivePart;
  selector: LivePart;
  /** Builds another selector on demand (for the switch-selector control). */
  selectorNamed(name: string): LivePart;
}

function instantiate(registry: PartRegistry, slot: SlotSpec, kind: PartKind, path: string): LivePart {
  const definition = registry.get(slot.part);
  if (definition.kind !== kind) throw new HarnessError(`${path}: part '${slot.part}' is a ${definition.kind}, but this slot needs a ${kind}`, { part: slot.part, path });
  const params = definition.params.safeParse(slot.params);
  if (!params.success) {
    const detail = params.error.issues.map((issue) => `${issue.path.join('.') || '(params)'}: ${issue.message}`).join('; ');
    throw new HarnessError(`${path}.params of '${slot.part}' are invalid: ${detail}`, { part: slot.part, path });
  }
  return { name: slot.part, path, definition, instance: definition.create(params.data) };
}

export function buildHarness(input: unknown, registry: PartRegistry): BuiltHarness {
  const parsed = harnessSpecSchema.safeParse(migrateHarnessSpec(input));
  if (!parsed.success) {
    throw new HarnessError(`invalid harness spec: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  }
  const spec = parsed.data;
  const { slots } = spec;
  const parts = [
    ...slots.summarizers.map((slot, index) => instantiate(registry, slot, 'summarizer', `slots.summarizers[${index}]`)),
    ...(slots.decomposer ? [instantiate(registry, slots.decomposer, 'decomposer', 'slots.decomposer')] : []),
    ...slots.memory.map((slot, index) => instantiate(registry, slot, 'memory', `slots.memory[${index}]`)),
    ...slots.validators.map((slot, index) => instantiate(registry, slot, 'validator', `slots.validators[${index}]`)),
    ...slots.control.map((slot, index) => instantiate(registry, slot, 'control', `slots.control[${index}]`)),
  ];
  const cache = new Map<string, LivePart>();
  return {
    id: harnessId(spec),
    spec,
    parts,
    promptBuilder: instantiate(registry, slots.promptBuilder, 'prompt-builder', 'slots.promptBuilder'),
    selector: instantiate(registry, slots.selector, 'selector', 'slots.selector'),
    selectorNamed(name) {
      if (!cache.has(name)) cache.set(name, instantiate(registry, { part: name, params: {} }, 'selector', `switch-selector → ${name}`));
      return cache.get(name)!;
    },
  };
}
