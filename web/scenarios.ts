/// <reference types="vite/client" />
/**
 * The library scenarios, bundled into the app at build time (no file access in the browser) and
 * parsed with the CLI's own parser (scenarios/format/parse-scenario.ts): the same WorldSpec, so
 * the same content hash that traces record.
 */
import type { WorldSpec } from '../sim/index.ts';
import { parseScenario } from '../scenarios/format/parse-scenario.ts';

const files = import.meta.glob('../scenarios/library/*.json', { eager: true, query: '?raw', import: 'default' }) as Record<string, string>;

export interface LibraryScenario {
  file: string;
  world: WorldSpec;
  /** The file as written (the scenario editor opens it). */
  text: string;
}

/** Every library scenario that loads, by file name. */
export const LIBRARY: readonly LibraryScenario[] = Object.entries(files)
  .map(([path, text]) => {
    const file = path.split('/').pop()!;
    const loaded = parseScenario(text, file);
    return loaded.ok ? { file, world: loaded.world, text } : null;
  })
  .filter((entry): entry is LibraryScenario => entry !== null)
  .sort((a, b) => a.file.localeCompare(b.file));

export function findLibraryScenario(id: string): WorldSpec | null {
  return LIBRARY.find((entry) => entry.world.id === id)?.world ?? null;
}

/** A library scenario or a frozen-suite member (regenerated on demand), by id. */
export async function findScenario(id: string): Promise<WorldSpec | null> {
  const library = findLibraryScenario(id);
  if (library) return library;
  const { findSuiteMember } = await import('./suites.ts');
  return findSuiteMember(id);
}
