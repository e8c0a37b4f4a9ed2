/**
 * The part catalogue as plain JSON: every registered part's name, kind, the hooks it serves, its
 * description and its parameter schema as JSON Schema (zod 4's `z.toJSONSchema`, the input form:
 * what a spec may write, defaults optional). What a model proposer, a tool or a person reads to
 * know which edits a harness spec can make. No Node modules.
 */
import { z } from 'zod';
import type { PartDefinition, PartKind } from './define-part.ts';
import { HOOKS, type HookName } from './hooks.ts';
import type { PartRegistry } from './part-registry.ts';

export const PART_CATALOG_FORMAT_VERSION = 1 as const;

/** The spec slot each kind of part fills. */
export const SLOT_OF_KIND = {
  summarizer: 'summarizers', decomposer: 'decomposer', memory: 'memory', 'prompt-builder': 'promptBuilder', selector: 'selector', validator: 'validators', control: 'control',
} as const satisfies Record<PartKind, string>;

/** One part as the catalogue lists it. */
export interface CatalogPart {
  name: string;
  kind: PartKind;
  /** The spec slot it goes into. */
  slot: (typeof SLOT_OF_KIND)[PartKind];
  /** The hooks it serves, in lifecycle order (prompt builders and selectors are called by the runner, not at hooks). */
  hooks: HookName[];
  description: string;
  /** JSON Schema (draft 2020-12) of its `params`. */
  params: Record<string, unknown>;
}

export interface PartCatalog {
  formatVersion: typeof PART_CATALOG_FORMAT_VERSION;
  parts: CatalogPart[];
}

/**
 * The hooks a part serves: those of an instance made from its default params (or, when some params
 * have no default, from the defaults it has: factories only close over params, they do not read
 * them yet), else the hooks its contract lets it change things at.
 */
function hooksOf(part: PartDefinition): HookName[] {
  const defaults = part.params.safeParse({});
  let served: string[];
  try {
    served = Object.keys(part.create(defaults.success ? defaults.data : {}).hooks);
  } catch {
    served = Object.keys(part.mayChange);
  }
  return HOOKS.filter((hook) => served.includes(hook));
}

/** A part's params as JSON Schema (the `$schema` line dropped: it is the same for every part). */
export function paramsJsonSchema(part: PartDefinition): Record<string, unknown> {
  const { $schema: _draft, ...schema } = z.toJSONSchema(part.params, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return schema;
}

/** Every part of `registry`, sorted by name. */
export function partCatalog(registry: PartRegistry): PartCatalog {
  const parts = registry.names().map((name) => {
    const part = registry.get(name);
    return { name, kind: part.kind, slot: SLOT_OF_KIND[part.kind], hooks: hooksOf(part), description: part.description, params: paramsJsonSchema(part) };
  });
  return { formatVersion: PART_CATALOG_FORMAT_VERSION, parts };
}
