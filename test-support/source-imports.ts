/**
 * Reading source files' imports as text, for the tests that keep dependencies pointing one way
 * (sim never imports agent; the harness never reaches generator data; no import cycles).
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

/** `import type …`, `export type …` and `import { type A, type B }`: erased at run time. */
const typeOnly = (clause: string): boolean => {
  const text = clause.trim();
  if (/^type\s/.test(text)) return true;
  const braces = /^\{([^}]*)\}$/.exec(text);
  return braces !== null && braces[1]!.split(',').map((item) => item.trim()).filter(Boolean).every((item) => /^type\s/.test(item));
};

/** A file's relative imports that exist at run time (static and dynamic; type-only ones left out), resolved. */
export function runtimeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/^\s*(?:import|export)\s((?:(?!\b(?:import|export)\b)[^'";])*?)\s*from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm)]
    .filter((m) => m[3] !== undefined || !typeOnly(m[1]!))
    .map((m) => m[2] ?? m[3]!);
  return specs.filter((spec) => spec.startsWith('.')).map((spec) => path.resolve(path.dirname(file), spec));
}

/**
 * The import cycles among `files` (each a strongly connected component of more than one file, or
 * a file importing itself), following `importsOf` (default: run-time imports). Tarjan's algorithm.
 */
export function importCycles(files: readonly string[], importsOf: (file: string) => string[] = runtimeImports): string[][] {
  const graph = new Map(files.map((file) => [file, importsOf(file)]));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (file: string): void => {
    index.set(file, index.size);
    low.set(file, index.get(file)!);
    stack.push(file);
    onStack.add(file);
    for (const next of graph.get(file) ?? []) {
      if (!graph.has(next)) continue;
      if (!index.has(next)) visit(next);
      if (onStack.has(next)) low.set(file, Math.min(low.get(file)!, low.get(next)!));
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1 || graph.get(file)!.includes(file)) cycles.push(component.sort());
  };
  for (const file of files) if (!index.has(file)) visit(file);
  return cycles;
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
