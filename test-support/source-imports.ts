/**
 * Reading source files' imports as text, for the tests that keep dependencies pointing one way
 * (sim never imports agent; the harness never reaches generator data).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** Every `.ts` file under `dir`. */
export function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return name.endsWith('.ts') ? [full] : [];
  });
}

/** A file's import specifiers as written (static and dynamic, type-only included). */
export function importSpecifiers(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2]!);
}

/** A file's relative imports, resolved to absolute paths. */
export function relativeImports(file: string): string[] {
  return importSpecifiers(file).filter((spec) => spec.startsWith('.')).map((spec) => path.resolve(path.dirname(file), spec));
}

/** Every file reachable from `entries` through relative imports. */
export function importClosure(entries: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const stack = [...entries];
  while (stack.length) {
    const file = stack.pop()!;
    if (seen.has(file) || !file.endsWith('.ts')) continue;
    seen.add(file);
    stack.push(...relativeImports(file));
  }
  return seen;
}
