/**
 * Loading a frozen suite: read its manifest, check it (schema, generator version), regenerate the
 * requested members and check every content hash. A mismatch is an error naming the member — the
 * suite is never silently different from the one results were computed on.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GENERATOR_VERSIONS, isGeneratorVersion } from '../generate/generate-scenario.ts';
import { generateMember, suiteHash, type BuiltMember } from './build-suite.ts';
import { suiteManifestSchema, type SplitName, type SuiteManifest } from './suite-manifest.ts';
import { SuiteError, suiteDefinition } from './suite-registry.ts';
import type { TaskType } from '../generate/task-types.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Where a named suite's manifest lives. */
export function manifestPath(name: string): string {
  return path.join(here, `${name}.json`);
}

/** Reads and checks a suite's committed manifest. */
export function loadSuiteManifest(name: string): SuiteManifest {
  suiteDefinition(name);
  const file = manifestPath(name);
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new SuiteError(`cannot read the manifest of suite '${name}' (${file}): ${(error as Error).message}`);
  }
  return checkManifest(raw, name, file);
}

/** Checks a parsed manifest: schema, suite name, generator version, suite hash. */
export function checkManifest(raw: unknown, name: string, file = manifestPath(name)): SuiteManifest {
  const definition = suiteDefinition(name);
  const parsed = suiteManifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new SuiteError(`${file}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const manifest = parsed.data;
  if (manifest.suite !== name) throw new SuiteError(`${file}: the manifest is for suite '${manifest.suite}', not '${name}'`);
  // The code may produce several versions; the suite's own must be one of them, and the manifest's must be it.
  if (manifest.generator.version !== definition.generatorVersion || !isGeneratorVersion(definition.generatorVersion)) {
    throw new SuiteError(
      `suite '${name}' is frozen at household generator v${definition.generatorVersion}, but ${manifest.generator.version !== definition.generatorVersion ? `its manifest says v${manifest.generator.version}` : `this code's generator produces only v${GENERATOR_VERSIONS.join(', v')}`}; ` +
        'a changed generator makes a new suite (add it to suite-registry.ts under a new name) — old suites are never regenerated differently',
    );
  }
  if (suiteHash(manifest.members) !== manifest.hash) throw new SuiteError(`${file}: the suite hash does not match its members; the manifest was edited by hand`);
  return manifest;
}

export interface LoadSuiteOptions {
  splits?: readonly SplitName[];
  taskTypes?: readonly TaskType[];
  /** At most this many members (after filtering), in manifest order. */
  limit?: number;
  /** Only these members (by id), in manifest order. */
  ids?: readonly string[];
}

/** The manifest members a load asks for, in manifest order. */
function chooseMembers(name: string, options: LoadSuiteOptions) {
  const manifest = loadSuiteManifest(name);
  const ids = options.ids ? new Set(options.ids) : null;
  const chosen = manifest.members.filter((m) => (!options.splits || options.splits.includes(m.split)) && (!options.taskTypes || options.taskTypes.includes(m.taskType as TaskType)) && (!ids || ids.has(m.id)));
  return options.limit !== undefined ? chosen.slice(0, options.limit) : chosen;
}

/** Regenerates one frozen member and checks its content hash against the manifest. */
function regenerate(name: string, member: SuiteManifest['members'][number]): BuiltMember {
  const { hash, oracleLength, ...planned } = member;
  void oracleLength;
  const built = generateMember({ ...planned, taskType: planned.taskType as TaskType }, suiteDefinition(name).generatorVersion);
  if (built.member.hash !== hash) {
    throw new SuiteError(`suite '${name}' member ${member.id} regenerates with hash ${built.member.hash.slice(0, 12)}… but the manifest froze ${hash.slice(0, 12)}…: generator v${suiteDefinition(name).generatorVersion} changed its output (restore it, and put the change in a new version in GENERATOR_VERSIONS with a new suite)`);
  }
  return built;
}

/** The suite's members (regenerated and hash-checked), optionally one split or a few. */
export function loadSuite(name: string, options: LoadSuiteOptions = {}): BuiltMember[] {
  return chooseMembers(name, options).map((member) => regenerate(name, member));
}

/**
 * Like `loadSuite`, but yields to the event loop between members, so a long load (≈14 s for all
 * 240 of a household suite) never blocks timers, servers or a browser tab.
 */
export async function loadSuiteAsync(name: string, options: LoadSuiteOptions = {}): Promise<BuiltMember[]> {
  const built: BuiltMember[] = [];
  for (const member of chooseMembers(name, options)) {
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    built.push(regenerate(name, member));
  }
  return built;
}
