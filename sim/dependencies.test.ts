import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importSpecifiers as importsOf, sourceFiles } from '../test-support/source-imports.ts';

const simDir = path.dirname(fileURLToPath(import.meta.url));

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
