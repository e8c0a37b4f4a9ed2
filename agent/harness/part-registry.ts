/** Registries are values built from a record; unknown names fail with the closest match and the list. */
import { closest } from 'fastest-levenshtein';
import type { PartDefinition, PartKind } from './define-part.ts';
import { HarnessError } from './harness-error.ts';

/** Parts by name. */
export interface PartRegistry {
  get(name: string): PartDefinition;
  names(): string[];
  namesOfKind(kind: PartKind): string[];
}

/** Builds a registry; two parts with one name is an error. */
export function createPartRegistry(parts: readonly PartDefinition[]): PartRegistry {
  const byName = new Map<string, PartDefinition>();
  for (const part of parts) {
    if (byName.has(part.name)) throw new HarnessError(`two parts are named '${part.name}'; part names must be unique — rename one`, { part: part.name });
    byName.set(part.name, part);
  }
  const names = [...byName.keys()].sort();
  return {
    get(name) {
      const part = byName.get(name);
      if (part) return part;
      throw new HarnessError(`unknown part '${name}' — did you mean '${closest(name, names)}'? known parts: ${names.join(', ')}`, { part: name });
    },
    names: () => [...names],
    namesOfKind: (kind) => names.filter((name) => byName.get(name)!.kind === kind),
  };
}
