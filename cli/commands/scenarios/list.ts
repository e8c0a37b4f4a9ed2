/**
 * `hearth scenarios list [dir]`: id, task type, rooms and title of each scenario file.
 * `hearth scenarios list --suite S [--split X]`: the members of a frozen suite from its manifest.
 */
import fs from 'node:fs';
import { taskTypeOf } from '../../../sim/index.ts';
import { loadScenarioFile } from '../../../scenarios/format/load-scenario.ts';
import { loadSuiteManifest } from '../../../scenarios/suites/load-suite.ts';
import { SPLITS } from '../../../scenarios/suites/suite-manifest.ts';
import { SuiteError } from '../../../scenarios/suites/suite-registry.ts';
import { filesInFolder } from './scenario-files.ts';

export async function listCommand(directory: string, options: { suite?: string; split?: string } = {}): Promise<void> {
  if (options.suite) return listSuite(options.suite, options.split);
  if (options.split) {
    console.error(`error: --split ${options.split} needs --suite (a folder has no splits); e.g. hearth scenarios list --suite household-v1 --split ${options.split}, or list the folder of one split: hearth scenarios list DIR/${options.split}`);
    process.exitCode = 2;
    return;
  }
  let files: string[];
  try {
    const stat = fs.statSync(directory, { throwIfNoEntry: false });
    if (!stat) throw Object.assign(new Error('no such folder'), { code: 'ENOENT' });
    if (!stat.isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
    files = await filesInFolder(directory);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'ENOENT (no such folder)' : code === 'ENOTDIR' ? 'ENOTDIR (it is a file, not a folder; hearth scenarios validate checks files)' : code ?? (error as Error).message;
    console.error(`error: cannot list ${directory}: ${why}`);
    process.exitCode = 1;
    return;
  }
  for (const file of files) {
    const loaded = loadScenarioFile(file);
    if (!loaded.ok) {
      console.log(`${file}  (invalid: run hearth scenarios validate ${file})`);
      continue;
    }
    const task = taskTypeOf(loaded.world) ?? '-';
    console.log(`${loaded.world.id.padEnd(46)} ${task.padEnd(20)} ${String(loaded.world.rooms.length).padStart(1)} room(s)  ${loaded.world.title}`);
  }
  console.log(`${files.length} scenario(s)`);
}

function listSuite(suite: string, split: string | undefined): void {
  if (split && !(SPLITS as readonly string[]).includes(split)) {
    console.error(`error: unknown split '${split}'; splits: ${SPLITS.join(', ')}`);
    process.exitCode = 1;
    return;
  }
  let manifest;
  try {
    manifest = loadSuiteManifest(suite);
  } catch (error) {
    if (!(error instanceof SuiteError)) throw error;
    console.error(`error: ${error.message}`);
    process.exitCode = 1;
    return;
  }
  const members = manifest.members.filter((m) => !split || m.split === split);
  for (const m of members) console.log(`${m.id.padEnd(48)} ${m.split.padEnd(11)} ${m.taskType.padEnd(20)} ${m.rooms} room(s)  oracle ${String(m.oracleLength).padStart(2)} steps  ${m.hash.slice(0, 12)}`);
  const counts = SPLITS.map((s) => `${s} ${manifest.members.filter((m) => m.split === s).length}`).join(', ');
  console.log(`${members.length} member(s) of ${suite} (generator v${manifest.generator.version}, seed ${manifest.seed}; ${counts}; suite hash ${manifest.hash.slice(0, 12)}…)`);
}
