import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importClosure as closure, relativeImports as importsOf, sourceFiles } from '../../test-support/source-imports.ts';
import { OBJECT_TYPES, RECEPTACLE_TYPES } from '../../sim/index.ts';
import { isTypicalPlace, PLACEMENT_TABLE, TYPICAL_SHARE } from './placement-table.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const generateDir = path.join(root, 'scenarios', 'generate');

describe('the placement table', () => {
  it('lists every object type of the catalog, with holding receptacle types of the catalog and positive weights', () => {
    expect(Object.keys(PLACEMENT_TABLE).sort()).toEqual(Object.keys(OBJECT_TYPES).sort());
    for (const [object, places] of Object.entries(PLACEMENT_TABLE)) {
      expect(Object.keys(places).length, object).toBeGreaterThanOrEqual(2);
      for (const [receptacle, weight] of Object.entries(places)) {
        expect(RECEPTACLE_TYPES[receptacle]?.holds, `${object} → ${receptacle}`).toBe(true);
        expect(weight, `${object} → ${receptacle}`).toBeGreaterThan(0);
      }
    }
    expect(TYPICAL_SHARE).toBeGreaterThan(0.5);
    expect(TYPICAL_SHARE).toBeLessThan(1);
  });

  it('says what households (and ALFWorld) say', () => {
    for (const place of ['fridge', 'countertop', 'diningtable']) expect(isTypicalPlace('apple', place)).toBe(true);
    for (const place of ['cabinet', 'countertop', 'shelf']) expect(isTypicalPlace('mug', place)).toBe(true);
    for (const place of ['sidetable', 'dresser', 'drawer']) expect(isTypicalPlace('keychain', place)).toBe(true);
    for (const place of ['bathtubbasin', 'countertop', 'cabinet']) expect(isTypicalPlace('soapbar', place)).toBe(true);
    expect(isTypicalPlace('apple', 'bathtubbasin')).toBe(false);
    expect(isTypicalPlace('laptop', 'microwave')).toBe(false);
    expect(isTypicalPlace('unknown-thing', 'fridge')).toBe(false);
  });
});

// Harness parts see only what the agent observes (agent/harness/run-episode.test.ts checks the
// views); this checks the other way in: generator data, the placement table above all, cannot
// even be imported by the harness, so no part can "know" where things are without a model.
describe('generator data never reaches the agent', () => {
  // Benchmarks (agent/**/bench-*.ts) may read it on purpose, to measure an upper bound; nothing else may.
  it('no file under agent/ but a benchmark imports anything from scenarios/generate/', () => {
    const offending = sourceFiles(path.join(root, 'agent')).filter((file) => !path.basename(file).startsWith('bench-')).flatMap((file) =>
      importsOf(file).filter((target) => target.startsWith(generateDir)).map((target) => `${path.relative(root, file)} → ${path.relative(root, target)}`),
    );
    expect(offending).toEqual([]);
  });

  it('nothing the harness and its parts import, directly or not, is under scenarios/generate/', () => {
    const harness = sourceFiles(path.join(root, 'agent', 'harness')).filter((file) => !file.endsWith('.test.ts') && !file.includes(`${path.sep}testing${path.sep}`));
    const reached = [...closure(harness)].filter((file) => file.startsWith(generateDir)).map((file) => path.relative(root, file));
    expect(reached).toEqual([]);
    // The scan itself works: it finds the parts and what they import.
    expect(harness.some((file) => file.endsWith(path.join('parts', 'prompt-parts.ts')))).toBe(true);
    expect(closure(harness).size).toBeGreaterThan(harness.length);
    expect(closure([path.join(root, 'scenarios', 'suites', 'build-suite.ts')]).has(path.join(generateDir, 'placement-table.ts'))).toBe(true);
  });
});
