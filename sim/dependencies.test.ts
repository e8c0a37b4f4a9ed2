import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importCycles, importSpecifiers as importsOf, relativeImports, runtimeImports, sourceFiles } from '../test-support/source-imports.ts';

const simDir = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(simDir);

const relative = (file: string) => path.relative(simDir, file);
const isTest = (file: string) => file.endsWith('.test.ts');

describe('dependency direction', () => {
  it('no file under sim/ imports from agent/ or scenarios/', () => {
    const offending = sourceFiles(simDir).flatMap((file) =>
      importsOf(file)
        .filter((spec) => spec.startsWith('.'))
        .map((spec) => path.relative(path.dirname(simDir), path.resolve(path.dirname(file), spec)))
        .filter((target) => /^(agent|scenarios)\//.test(target))
        .map((target) => `${relative(file)} → ${target}`),
    );
    expect(offending).toEqual([]);
  });

  it('sim/core (tests aside) imports no matter-js, no node: modules and nothing outside sim/core', () => {
    const coreDir = path.join(simDir, 'core');
    const allowedPackages = ['fastest-levenshtein', '@noble/hashes', 'safe-stable-stringify'];
    const offending = sourceFiles(coreDir)
      .filter((file) => !isTest(file))
      .flatMap((file) =>
        importsOf(file)
          .filter((spec) => {
            if (spec.startsWith('.')) return !path.resolve(path.dirname(file), spec).startsWith(coreDir);
            return !allowedPackages.some((name) => spec === name || spec.startsWith(`${name}/`));
          })
          .map((spec) => `${relative(file)} → ${spec}`),
      );
    expect(offending).toEqual([]);
  });

  it('finds the imports it checks (the scan itself works)', () => {
    expect(importsOf(path.join(simDir, 'core', 'env.ts'))).toContain('./world-state.ts');
  });
});

// Repo-wide: this is the one dependency test, so the checks that span areas live here too.
describe('import graph', () => {
  const areas = ['sim', 'scenarios', 'envs', 'agent', 'cli', 'web', 'test-support'];
  const files = areas.flatMap((dir) => sourceFiles(path.join(root, dir)));
  const shown = (cycle: string[]): string => cycle.map((file) => path.relative(root, file)).join(' ↔ ');

  it('has no import cycle among run-time imports (type-only imports are erased and may loop)', () => {
    expect(importCycles(files).map(shown)).toEqual([]);
  });

  it('finds a cycle when there is one, through dynamic imports too, and ignores type-only ones', () => {
    const graph: Record<string, string[]> = { a: ['b'], b: ['c'], c: ['a'], d: ['d'], e: ['a'] };
    expect(importCycles(Object.keys(graph), (file) => graph[file]!)).toEqual([['a', 'b', 'c'], ['d']]);
    const fixture = path.join(root, 'agent', 'models', 'catalog', 'fetch-model.ts');
    expect(runtimeImports(fixture)).toContain(path.join(root, 'agent', 'models', 'onnx', 'fetch-onnx-model.ts'));
    const typeOnly = path.join(simDir, 'core', 'goal-node.ts');
    expect(relativeImports(typeOnly)).toContain(path.join(simDir, 'core', 'world-spec.ts'));
    expect(runtimeImports(typeOnly)).not.toContain(path.join(simDir, 'core', 'world-spec.ts'));
  });

  it('keeps the harness off model backends: agent/harness imports no agent/models/{llama,onnx,openai}/ module', () => {
    const backends = ['llama', 'onnx', 'openai'].map((name) => path.join(root, 'agent', 'models', name) + path.sep);
    const offending = sourceFiles(path.join(root, 'agent', 'harness'))
      .filter((file) => !isTest(file))
      .flatMap((file) => relativeImports(file).filter((target) => backends.some((dir) => target.startsWith(dir))).map((target) => `${path.relative(root, file)} → ${path.relative(root, target)}`));
    expect(offending).toEqual([]);
  });

  it('keeps environments below the agent: no file under envs/ imports agent/, cli/ or web/', () => {
    const above = ['agent', 'cli', 'web'].map((name) => path.join(root, name) + path.sep);
    const offending = sourceFiles(path.join(root, 'envs'))
      .flatMap((file) => relativeImports(file).filter((target) => above.some((dir) => target.startsWith(dir))).map((target) => `${path.relative(root, file)} → ${path.relative(root, target)}`));
    expect(offending).toEqual([]);
  });

  it("keeps the protocol and Hearth's own environment browser-safe: envs/protocol.ts and envs/hearth/ (tests aside) import no node: module and no peer bridge", () => {
    const files = [path.join(root, 'envs', 'protocol.ts'), ...sourceFiles(path.join(root, 'envs', 'hearth')).filter((file) => !isTest(file))];
    const offending = files.flatMap((file) =>
      importsOf(file)
        .filter((spec) => spec.startsWith('node:') || /(bridge|registry|peers)/.test(spec))
        .map((spec) => `${path.relative(root, file)} → ${spec}`),
    );
    expect(offending).toEqual([]);
  });
});
