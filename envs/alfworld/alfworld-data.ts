/**
 * ALFWorld's game files: where they are (`--alfworld-data DIR`, else $ALFWORLD_DATA, else the
 * offline copy at <repo>/../shared/alfworld), how a split's games are listed (task id
 * `<split>/<task folder>/<trial folder>`, sorted), and the frozen manifests that pin the exact
 * games of a suite by SHA-256.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EnvError, type EnvTask } from '../protocol.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The offline subset next to the repository (valid_seen and valid_train). */
export const SHARED_ALFWORLD_DATA = path.resolve(here, '..', '..', '..', 'shared', 'alfworld');
export const MANIFEST_DIR = path.join(here, 'suites');
export const GAME_FILE = 'game.tw-pddl';

export const HOW_TO_GET_DATA = "get ALFWorld's data with `pip install alfworld && alfworld-download` (it fills ~/.cache/alfworld; needs the internet), then set ALFWORLD_DATA to that folder or pass --alfworld-data DIR";

/** The data folder to use, and every place that was considered (for messages). */
export function alfworldDataDir(explicit?: string): { dir: string | null; looked: string[] } {
  const candidates = [
    ...(explicit ? [{ dir: explicit, why: '--alfworld-data' }] : []),
    ...(process.env.ALFWORLD_DATA ? [{ dir: process.env.ALFWORLD_DATA, why: 'ALFWORLD_DATA' }] : []),
    { dir: SHARED_ALFWORLD_DATA, why: 'the offline copy' },
  ];
  // The first candidate wins; an explicit choice is used as given (a wrong one fails, it does not fall back).
  const first = candidates[0]!;
  const usable = first.why !== 'the offline copy' || fs.existsSync(first.dir);
  return { dir: usable ? path.resolve(first.dir) : null, looked: candidates.map((c) => `${c.dir} (${c.why})`) };
}

/** `<dir>/json_2.1.1/<task id>/game.tw-pddl`. */
export const gameFilePath = (dataDir: string, taskId: string) => path.join(dataDir, 'json_2.1.1', ...taskId.split('/'), GAME_FILE);

/** The task type of a task id: its task folder's prefix (`pick_and_place_simple`, …). */
export const alfworldTaskType = (taskId: string) => taskId.split('/')[1]!.split('-')[0]!;

export const sha256File = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** The split's folder, or EnvError('missing') saying where it looked and how to get it. */
export function splitDir(split: string, explicitDataDir?: string): string {
  const { dir, looked } = alfworldDataDir(explicitDataDir);
  const found = dir ? path.join(dir, 'json_2.1.1', split) : null;
  if (!found || !fs.existsSync(found)) {
    throw new EnvError('missing', `ALFWorld split '${split}' not found; looked in ${found ?? looked.join(', ')} (considered: ${looked.join('; ')}). ${split === 'valid_unseen' ? "valid_unseen is not in the offline copy (it has valid_seen and valid_train); " : ''}${HOW_TO_GET_DATA}`);
  }
  return found;
}

/** Every playable game of a split in the data folder, sorted by task id (games marked unsolvable are left out, as ALFWorld does). */
export function listSplit(split: string, explicitDataDir?: string): EnvTask[] {
  const root = splitDir(split, explicitDataDir);
  const tasks: EnvTask[] = [];
  for (const taskFolder of fs.readdirSync(root).sort()) {
    const taskPath = path.join(root, taskFolder);
    if (!fs.statSync(taskPath).isDirectory()) continue;
    for (const trial of fs.readdirSync(taskPath).sort()) {
      const file = path.join(taskPath, trial, GAME_FILE);
      if (!fs.existsSync(file)) continue;
      const text = fs.readFileSync(file);
      try {
        if ((JSON.parse(text.toString('utf8')) as { solvable?: boolean }).solvable === false) continue;
      } catch {
        throw new EnvError('task', `ALFWorld game file ${file} is not valid JSON (damaged download?); ${HOW_TO_GET_DATA}`);
      }
      const id = `${split}/${taskFolder}/${trial}`;
      tasks.push({ id, taskType: alfworldTaskType(id), sha256: createHash('sha256').update(text).digest('hex') });
    }
  }
  return tasks.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** A frozen list of games: what a suite runs on, exactly. */
export interface AlfworldManifest {
  formatVersion: 1;
  suite: string;
  count: number;
  members: { id: string; sha256: string }[];
}

export const manifestPath = (split: string) => path.join(MANIFEST_DIR, `${split}.json`);

/** The manifest's games, each checked against the data folder; a missing or changed file is EnvError('task'). */
export function manifestTasks(split: string, explicitDataDir?: string): EnvTask[] {
  const manifest = JSON.parse(fs.readFileSync(manifestPath(split), 'utf8')) as AlfworldManifest;
  const dataDir = path.dirname(path.dirname(splitDir(split, explicitDataDir)));
  return manifest.members.map(({ id, sha256 }) => {
    const file = gameFilePath(dataDir, id);
    if (!fs.existsSync(file)) throw new EnvError('task', `ALFWorld suite ${manifest.suite}: game ${id} is missing (no ${file}); the data folder does not hold the frozen games — ${HOW_TO_GET_DATA}`);
    const actual = sha256File(file);
    if (actual !== sha256) throw new EnvError('task', `ALFWorld suite ${manifest.suite}: ${file} has SHA-256 ${actual.slice(0, 12)}…, the frozen manifest (${manifestPath(split)}) says ${sha256.slice(0, 12)}… — the game changed; restore the original data (${HOW_TO_GET_DATA})`);
    return { id, taskType: alfworldTaskType(id), sha256 };
  });
}
