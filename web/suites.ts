/// <reference types="vite/client" />
/**
 * Members of the frozen suites (household-v1, household-v2) for the Replay view: the committed
 * manifests are bundled, and a member is regenerated from its seeds and hash-checked, as
 * scenarios/suites/load-suite.ts does (that file reads the manifest from disk; this one cannot).
 * Loaded on demand (a dynamic import), so the generator is not in the app's first chunk.
 */
import type { WorldSpec } from '../sim/index.ts';
import { generateMember } from '../scenarios/suites/build-suite.ts';
import { suiteManifestSchema, type SuiteManifest } from '../scenarios/suites/suite-manifest.ts';
import { SUITES, suiteDefinition } from '../scenarios/suites/suite-registry.ts';
import type { TaskType } from '../scenarios/generate/task-types.ts';

const files = import.meta.glob('../scenarios/suites/household-v*.json', { eager: true, import: 'default' }) as Record<string, unknown>;

function manifest(name: string): SuiteManifest | null {
  const raw = Object.entries(files).find(([path]) => path.endsWith(`/${name}.json`))?.[1];
  const parsed = suiteManifestSchema.safeParse(raw);
  return parsed.success && parsed.data.suite === name ? parsed.data : null;
}

/** The suite member's world; null when `id` names no suite; throws when the member is missing or regenerates differently. */
export function findSuiteMember(id: string): WorldSpec | null {
  const name = Object.keys(SUITES).find((suite) => id.startsWith(`${suite}/`));
  if (!name) return null;
  const frozen = manifest(name);
  if (!frozen) throw new Error(`the manifest of suite '${name}' is not bundled with this app`);
  const member = frozen.members.find((m) => m.id === id);
  if (!member) throw new Error(`suite ${name} has no member '${id}'`);
  const { hash, oracleLength, ...planned } = member;
  void oracleLength;
  const built = generateMember({ ...planned, taskType: planned.taskType as TaskType }, suiteDefinition(name).generatorVersion);
  if (built.member.hash !== hash) throw new Error(`suite member ${id} regenerates with hash ${built.member.hash.slice(0, 12)}… but the manifest froze ${hash.slice(0, 12)}…`);
  return built.world;
}

/** The member ids of every bundled frozen suite, suite by suite (for pickers; members are built on demand). */
export function suiteMemberIds(): { suite: string; ids: string[] }[] {
  return Object.keys(SUITES).map((suite) => ({ suite, ids: manifest(suite)?.members.map((member) => member.id) ?? [] }));
}
