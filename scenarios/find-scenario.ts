/**
 * A scenario by its id, for tools that hold only an id (a trace, a results line): a suite member
 * (`household-v1/test-unseen-001-…`, regenerated and hash-checked) or a library file's world.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WorldSpec } from '../sim/index.ts';
import { loadScenarioFile } from './format/load-scenario.ts';
import { loadSuite, loadSuiteManifest } from './suites/load-suite.ts';
import { SUITES } from './suites/suite-registry.ts';

const libraryDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'library');

/** The world with this id, or null (with where it looked) when no suite or library file has it. */
export function findScenarioById(id: string): { world: WorldSpec } | { world: null; looked: string } {
  const suite = Object.keys(SUITES).find((name) => id.startsWith(`${name}/`));
  if (suite) {
    const member = loadSuiteManifest(suite).members.find((m) => m.id === id);
    const world = member ? loadSuite(suite, { ids: [id] })[0]?.world : undefined;
    return world ? { world } : { world: null, looked: `suite ${suite} has no member '${id}'` };
  }
  for (const name of fs.readdirSync(libraryDir).filter((file) => file.endsWith('.json')).sort()) {
    const loaded = loadScenarioFile(path.join(libraryDir, name));
    if (loaded.ok && loaded.world.id === id) return { world: loaded.world };
  }
  return { world: null, looked: `no suite member and no file in ${path.relative(process.cwd(), libraryDir)} has the id '${id}'` };
}
