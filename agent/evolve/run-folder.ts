/**
 * Reading an evolution run folder back (`config.json`, `lineage.json`, `versions/`, `candidates/`,
 * as evolve-run.ts writes them), validated, and finding a version or candidate in it by id.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { evolveConfigSchema, type EvolveConfig } from './evolve-config.ts';
import { recordManifest } from './record-fields.ts';
import { lineageSchema, versionRecordSchema, type Lineage, type VersionRecord } from './version-record.ts';

/** A folder that is not a (readable, valid) run folder, or an id it does not hold. */
export class RunFolderError extends Error {
  override readonly name = 'RunFolderError';
}

/** A run folder's contents: versions are the start and the accepted ones; candidates are every record of `candidates/`. */
export interface RunFolder {
  dir: string;
  config: EvolveConfig;
  lineage: Lineage;
  versions: VersionRecord[];
  candidates: VersionRecord[];
}

function readJson<T>(file: string, schema: z.ZodType<T>): T {
  let value: unknown;
  try {
    value = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new RunFolderError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  // The JSON path of the first few problems is what lets someone find and fix the field.
  const issues = parsed.error.issues.slice(0, 3).map((issue) => `${issue.path.map(String).join('.') || '(top level)'}: ${issue.message}`);
  throw new RunFolderError(`${file} does not match its schema: ${issues.join('; ')}`);
}

const recordsIn = (dir: string): VersionRecord[] =>
  fs.existsSync(dir)
    ? fs.readdirSync(dir).filter((name) => name.endsWith('.json')).sort().map((name) => readJson(path.join(dir, name), versionRecordSchema))
    : [];

/** Reads and validates a run folder; throws RunFolderError saying which file and field is wrong. */
export function loadRunFolder(dir: string): RunFolder {
  const lineageFile = path.join(dir, 'lineage.json');
  if (!fs.existsSync(lineageFile)) throw new RunFolderError(`${dir} is not an evolution run folder: no lineage.json — run hearth evolve --out ${dir} first`);
  const lineage = readJson(lineageFile, lineageSchema);
  const config = readJson(path.join(dir, 'config.json'), evolveConfigSchema);
  // Sorted by round so listings read in the order the run made them (file names alone do not sort by round).
  const byRound = (a: VersionRecord, b: VersionRecord) => a.round - b.round;
  return { dir, config, lineage, versions: recordsIn(path.join(dir, 'versions')).sort(byRound), candidates: recordsIn(path.join(dir, 'candidates')).sort(byRound) };
}

const isVersion = (record: VersionRecord): boolean => record.kind !== 'candidate';

/** `h-… b-… what` for the list of known ids in an error. */
export function describeRecord(record: VersionRecord): string {
  const levers = recordManifest(record)?.levers.join('+');
  const what = record.kind === 'start' ? 'start' : `${record.kind}, round ${record.round}${levers ? `, +${levers}` : ''}${record.kind === 'candidate' ? (record.accepted ? ', accepted' : ', rejected') : ''}`;
  return `${record.id}  ${record.behaviourId}  (${what})`;
}

function knownIds(folder: RunFolder): string {
  return [...folder.versions, ...folder.candidates].map((record) => `  ${describeRecord(record)}`).join('\n');
}

/**
 * The version or candidate whose content id (`h-…`) or behaviour id (`b-…`) is `idOrPrefix`, or
 * starts with it. A candidate and the version made from it share a behaviour id (the version only
 * renames it), so such a match resolves to the version; any other multiple match is ambiguous.
 */
export function findVersion(folder: RunFolder, idOrPrefix: string): VersionRecord {
  const records = [...folder.versions, ...folder.candidates];
  const exact = records.filter((record) => record.id === idOrPrefix || record.behaviourId === idOrPrefix);
  const matches = exact.length ? exact : records.filter((record) => record.id.startsWith(idOrPrefix) || record.behaviourId.startsWith(idOrPrefix));
  if (matches.length === 0) throw new RunFolderError(`no version or candidate '${idOrPrefix}' in ${folder.dir}; known ids:\n${knownIds(folder)}`);
  const behaviours = new Set(matches.map((record) => record.behaviourId));
  const ids = new Set(matches.map((record) => record.id));
  if (matches.length === 1 || ids.size === 1) return matches[0]!;
  if (behaviours.size === 1 && matches.some(isVersion)) return matches.find(isVersion)!;
  throw new RunFolderError(`'${idOrPrefix}' is ambiguous in ${folder.dir}; it matches:\n${matches.map((record) => `  ${describeRecord(record)}`).join('\n')}`);
}

export { recordFailures, recordGate, recordManifest, type FailureSummary } from './record-fields.ts';

/** The chain of records from (excluding) `ancestor` to `record`, oldest first; null when `ancestor` is not on its parent line. */
export function pathFrom(folder: RunFolder, ancestor: string, record: VersionRecord): VersionRecord[] | null {
  const chain: VersionRecord[] = [];
  let current: VersionRecord | undefined = record;
  // Parents are always versions (candidates are evaluated against the current version).
  while (current && current.id !== ancestor) {
    chain.unshift(current);
    const parent: string | undefined = current.parents[0];
    current = parent === undefined ? undefined : folder.versions.find((version) => version.id === parent);
  }
  return current ? chain : null;
}
