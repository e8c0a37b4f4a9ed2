/** Registries are values built from a record; unknown names fail with the closest match and the list. */
import { closest } from 'fastest-levenshtein';
import type { PartDefinition } from './define-part.ts';
import { HarnessError } from './harness-error.ts';

export interface PartRegistry {
  get(name: string): PartDefinition;
  names(): string[];
}

export function createPartRegistry(parts: readonly PartDefinition[]): PartRegistry {
  const byName = new Map<string, PartDefinition>();
  for (const part of parts) {
    if (byName.has(part.name)) throw new HarnessError(`two parts are named '${part.name}'; part names must be unique`, { part: part.name });
    byName.set(part.name, part);
  }
  return {
    get(name) {
      const part = byName.get(name);
      if (part) return part;
      const known = [...byName.keys()].sort();
      throw new HarnessError(`unknown part '${name}' — did you mean '${closest(name, known)}'? known: ${known.join(', ')}`, { part: name });
    },
    names: () => [...byName.keys()].sort(),
  };
}
