/** Harness by preset name (`minimal`, `react-basic`, `evolved-smollm2`, …), spec file path, or an evolution run's version file. */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { closest } from 'fastest-levenshtein';
import { builtInParts } from '../all-parts.ts';
import { buildHarness, type BuiltHarness } from '../build-harness.ts';
import { HarnessError } from '../harness-error.ts';

const presetsDir = fileURLToPath(new URL('.', import.meta.url));

export function presetNames(): string[] {
  return fs.readdirSync(presetsDir).filter((name) => name.endsWith('.json')).map((name) => name.slice(0, -5)).sort();
}

/** Reads a preset or a spec file and builds it with the built-in parts. */
export function loadHarness(nameOrPath: string): BuiltHarness {
  const file = nameOrPath.endsWith('.json') ? nameOrPath : `${presetsDir}/${nameOrPath}.json`;
  if (!fs.existsSync(file)) {
    const names = presetNames();
    throw new HarnessError(`unknown harness '${nameOrPath}' — did you mean '${closest(nameOrPath, names)}'? presets: ${names.join(', ')}; or pass a spec .json file`);
  }
  let spec: unknown;
  try {
    spec = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new HarnessError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  // An evolution version record (versions/<id>.json) holds its spec: use that.
  if (spec && typeof spec === 'object' && 'kind' in spec && 'spec' in spec) spec = (spec as { spec: unknown }).spec;
  return buildHarness(spec, builtInParts);
}
