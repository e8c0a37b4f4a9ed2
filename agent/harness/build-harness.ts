/**
 * Spec → a harness ready to run. Every slot's part is looked up in the registry, checked to be of
 * the slot's kind, and its parameters validated by its own schema; errors name the slot path.
 * Parts are instantiated fresh for every episode (`instantiate`), so no state leaks between episodes;
 * `edited` rebuilds the harness with edits applied (mid-episode rewriting, see `episode-rewrite.ts`).
 */
import type { PartDefinition, PartInstance, PartKind } from './define-part.ts';
import type { PartRegistry } from './part-registry.ts';
import { HarnessError } from './harness-error.ts';
import { applyEdits, type HarnessEdit } from './harness-edits.ts';
import { harnessId, harnessSpecSchema, type HarnessSpec, type SlotSpec } from './harness-spec.ts';
import { migrateHarnessSpec } from './migrations.ts';

/** A slot filled: the part's definition and its validated parameters. */
export interface SlotPart {
  name: string;
  /** Where in the spec it came from, e.g. `slots.validators[1]`. */
  path: string;
  definition: PartDefinition;
  params: unknown;
}

/** A part instantiated for one episode. */
export interface LivePart extends SlotPart {
  instance: PartInstance;
}

/** Live parts for one episode. */
export interface EpisodeParts {
  /** In hook order: summarizers, decomposer, memory, validators, control. */
  hooked: LivePart[];
  promptBuilder: LivePart;
  selector: LivePart;
  /** Another selector on demand (the switch-selector control), instantiated once per episode. */
  selectorNamed(name: string): LivePart;
}

/** A validated harness: its spec, content id and slot parts. */
export interface BuiltHarness {
  id: string;
  spec: HarnessSpec;
  slots: SlotPart[];
  promptBuilder: SlotPart;
  selector: SlotPart;
  /**
   * Fresh instances of every part, for one episode. With `keep` (the parts of the episode so far,
   * when the harness was rewritten mid-episode), a part with the same name and parameters keeps its
   * instance, so its per-episode store carries on; the rest are fresh.
   */
  instantiate(keep?: EpisodeParts): EpisodeParts;
  /** The harness after `edits` (same registry); throws HarnessError when an edit does not fit or the result does not build. */
  edited(edits: readonly HarnessEdit[]): BuiltHarness;
}

function expectKind(registry: PartRegistry, definition: PartDefinition, kind: PartKind, path: string): void {
  if (definition.kind !== kind) {
    throw new HarnessError(`${path}: part '${definition.name}' is a ${definition.kind}, but this slot needs a ${kind}; pick a ${kind} (${registry.namesOfKind(kind).join(', ')})`, { part: definition.name, path });
  }
}

function resolve(registry: PartRegistry, slot: SlotSpec, kind: PartKind, path: string): SlotPart {
  const registered = registry.get(slot.part);
  // A part whose kind comes from its params (`specialize`) is checked once they are parsed.
  if (!registered.specialize) expectKind(registry, registered, kind, path);
  const params = registered.params.safeParse(slot.params);
  if (!params.success) {
    const detail = params.error.issues.map((issue) => `${issue.path.join('.') || '(params)'}: ${issue.message}`).join('; ');
    throw new HarnessError(`${path}.params of '${slot.part}' are invalid: ${detail}`, { part: slot.part, path });
  }
  const definition = registered.specialize ? { ...registered, ...registered.specialize(params.data) } : registered;
  expectKind(registry, definition, kind, path);
  return { name: slot.part, path, definition, params: params.data };
}

const live = (slot: SlotPart): LivePart => ({ ...slot, instance: slot.definition.create(slot.params) });

const sameSlot = (a: SlotPart, b: SlotPart): boolean => a.name === b.name && JSON.stringify(a.params) === JSON.stringify(b.params);

/** `slot` live: the instance of an unchanged part of `keep` (each used once), else a fresh one. */
function liveKeeping(keep: LivePart[]): (slot: SlotPart) => LivePart {
  return (slot) => {
    const index = keep.findIndex((old) => sameSlot(old, slot));
    return index < 0 ? live(slot) : { ...slot, instance: keep.splice(index, 1)[0]!.instance };
  };
}

function parseSpec(input: unknown): HarnessSpec {
  const parsed = harnessSpecSchema.safeParse(migrateHarnessSpec(input));
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(spec)'}: ${issue.message}`).join('; ');
  throw new HarnessError(`invalid harness spec: ${issues}`);
}

/** Validates a spec (any JSON value) against the registry; throws HarnessError naming the slot. */
export function buildHarness(input: unknown, registry: PartRegistry): BuiltHarness {
  const spec = parseSpec(input);
  const { slots } = spec;
  const many = (list: SlotSpec[], kind: PartKind, name: string): SlotPart[] => list.map((slot, index) => resolve(registry, slot, kind, `slots.${name}[${index}]`));
  const hooked = [
    ...many(slots.summarizers, 'summarizer', 'summarizers'),
    ...(slots.decomposer ? [resolve(registry, slots.decomposer, 'decomposer', 'slots.decomposer')] : []),
    ...many(slots.memory, 'memory', 'memory'),
    ...many(slots.validators, 'validator', 'validators'),
    ...many(slots.control, 'control', 'control'),
  ];
  const promptBuilder = resolve(registry, slots.promptBuilder, 'prompt-builder', 'slots.promptBuilder');
  const selector = resolve(registry, slots.selector, 'selector', 'slots.selector');
  return {
    id: harnessId(spec),
    spec,
    slots: hooked,
    promptBuilder,
    selector,
    instantiate(keep) {
      const others = new Map<string, LivePart>();
      const make = keep ? liveKeeping([...keep.hooked, keep.promptBuilder, keep.selector]) : live;
      return {
        hooked: hooked.map(make),
        promptBuilder: make(promptBuilder),
        selector: make(selector),
        // Selectors switched to by name take no parameters, so the ones of the episode so far stay valid.
        selectorNamed: keep?.selectorNamed ?? ((name) => {
          if (!others.has(name)) others.set(name, live(resolve(registry, { part: name, params: {} }, 'selector', `switch-selector → ${name}`)));
          return others.get(name)!;
        }),
      };
    },
    edited: (edits) => buildHarness(applyEdits(spec, edits), registry),
  };
}
