import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { relativeImports, sourceFiles } from '../../test-support/source-imports.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const reportDir = path.join(root, 'agent', 'report');

describe('agent/report', () => {
  it('is imported by nothing but itself and the command line', () => {
    const importers = ['sim', 'scenarios', 'agent', 'web'].flatMap((dir) => sourceFiles(path.join(root, dir)))
      .filter((file) => !file.startsWith(`${reportDir}${path.sep}`))
      .filter((file) => relativeImports(file).some((target) => target.startsWith(`${reportDir}${path.sep}`)))
      .map((file) => path.relative(root, file));
    expect(importers).toEqual([]);
  });
});
