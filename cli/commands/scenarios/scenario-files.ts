/**
 * The scenario files named on a command line: plain paths, folders (every .json under them except
 * schema and manifest files, never inside node_modules or hidden folders) and globs. A file named
 * twice (`./a.json a.json`, or through a link) is listed once, by its real path. A glob skips
 * schema and manifest files too, with a note; a file named by its own path is always checked.
 */
import fs from 'node:fs';
import path from 'node:path';
import { glob } from 'tinyglobby';

const NOT_SCENARIOS = /(^|\/)(schema|manifest)\.json$|\.manifest\.json$/;
const GLOB_MAGIC = /[*?{[]/;

export interface NamedFiles {
  files: string[];
  /** Arguments that named nothing usable, with why. */
  problems: { argument: string; message: string }[];
  /** Files a glob matched that are not scenarios (schema, manifest), skipped, with why. */
  skipped: { file: string; message: string }[];
}

/** The scenario files under a folder, sorted (relative to the folder they are joined to). */
export async function filesInFolder(folder: string): Promise<string[]> {
  const found = await glob(['**/*.json'], { cwd: folder, ignore: ['**/node_modules/**'] });
  return found.filter((file) => !NOT_SCENARIOS.test(file)).sort().map((file) => path.join(folder, file));
}

function isFolder(argument: string): boolean {
  try {
    return fs.statSync(argument).isDirectory();
  } catch {
    return false;
  }
}

function realPath(file: string): string {
  try {
    return fs.realpathSync.native(file);
  } catch {
    return path.resolve(file);
  }
}

export async function namedFiles(args: readonly string[]): Promise<NamedFiles> {
  const files: string[] = [];
  const problems: NamedFiles['problems'] = [];
  const skipped: NamedFiles['skipped'] = [];
  const seen = new Set<string>();
  const add = (file: string): void => {
    const real = realPath(file);
    if (seen.has(real)) return;
    seen.add(real);
    files.push(file);
  };
  for (const argument of args) {
    let expanded: string[];
    try {
      if (isFolder(argument)) expanded = await filesInFolder(argument);
      else if (GLOB_MAGIC.test(argument) && !fs.existsSync(argument)) {
        expanded = (await glob([argument], { expandDirectories: false })).sort();
        const notScenarios = expanded.filter((name) => NOT_SCENARIOS.test(name));
        for (const file of notScenarios) skipped.push({ file, message: /schema\.json$/.test(file) ? 'a JSON schema, not a scenario' : 'a suite manifest, not a scenario' });
        expanded = expanded.filter((name) => !NOT_SCENARIOS.test(name));
        if (expanded.length === 0 && notScenarios.length) continue;
      }
      else expanded = [argument];
    } catch (error) {
      problems.push({ argument, message: `cannot read it as a file, folder or glob: ${(error as Error).message}` });
      continue;
    }
    if (expanded.length === 0) problems.push({ argument, message: isFolder(argument) ? 'the folder has no scenario .json files (schema and manifest files are not scenarios)' : 'no files match it' });
    expanded.forEach(add);
  }
  return { files, problems, skipped };
}
