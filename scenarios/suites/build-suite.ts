/**
 * Generating suites: every planned member through the generator, then a manifest with content
 * hashes. `buildSuite` is what `hearth scenarios generate` and the suite tests call; the committed
 * manifest is its output for the suite's own seed.
 */
import { hashJson, type WorldSpec } from '../../sim/index.ts';
import type { ScenarioFile } from '../format/scenario-schema.ts';
import { generateScenario, type GeneratorVersion } from '../generate/generate-scenario.ts';
import type { Placement } from '../generate/place-objects.ts';
import { planSuite, type PlannedMember } from './plan-suite.ts';
import { SUITE_FORMAT_VERSION, type SplitName, type SuiteManifest, type SuiteMember } from './suite-manifest.ts';
import { suiteDefinition } from './suite-registry.ts';

export interface BuiltMember {
  member: SuiteMember;
  file: ScenarioFile;
  world: WorldSpec;
  plan: string[];
  /** How the generator placed each target and distractor (statistics only; not hashed). */
  placements: Placement[];
}

export interface BuildOptions {
  /** Only these splits (default all). */
  splits?: readonly SplitName[];
  /** Only the first this many planned members (after the split filter). */
  limit?: number;
  /** Called after each member, for progress bars. */
  onMember?: (done: number, total: number, member: SuiteMember) => void;
}

/** The content hash of a scenario file (what manifests record). */
export function scenarioHash(file: ScenarioFile): string {
  return hashJson(file);
}

/** One planned member through the generator at `version` (the version its suite is frozen at). */
export function generateMember(planned: PlannedMember, version: GeneratorVersion): BuiltMember {
  const generated = generateScenario({ ...planned, version });
  return {
    member: { ...planned, hash: scenarioHash(generated.file), oracleLength: generated.plan.length },
    file: generated.file,
    world: generated.world,
    plan: generated.plan,
    placements: generated.placements,
  };
}

/** Generates a suite (by name, from `seed`, default the suite's own) and its manifest. */
export function buildSuite(name: string, seed?: number, options: BuildOptions = {}): { manifest: SuiteManifest; members: BuiltMember[] } {
  const definition = suiteDefinition(name);
  const useSeed = seed ?? definition.seed;
  const planned = planSuite(name, useSeed, definition.shape).filter((m) => !options.splits || options.splits.includes(m.split)).slice(0, options.limit);
  const members: BuiltMember[] = [];
  for (const member of planned) {
    members.push(generateMember(member, definition.generatorVersion));
    options.onMember?.(members.length, planned.length, members.at(-1)!.member);
  }
  const list = members.map((m) => m.member);
  return {
    manifest: {
      formatVersion: SUITE_FORMAT_VERSION,
      suite: name,
      generator: { name: 'household', version: definition.generatorVersion },
      seed: useSeed,
      description: definition.description,
      hash: suiteHash(list),
      members: list,
    },
    members,
  };
}

/** The hash over a suite's member entries (the manifest's `hash`). */
export function suiteHash(members: readonly SuiteMember[]): string {
  return hashJson(members);
}
