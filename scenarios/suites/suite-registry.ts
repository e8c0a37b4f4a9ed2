/**
 * The named suites: their generator shape, default seed and description. A suite's frozen
 * manifest lives beside this file as `<name>.json`. A new generator version means a new suite
 * name (household-v2), so results computed on an old suite stay comparable forever.
 */
import type { GeneratorVersion } from '../generate/generate-scenario.ts';
import { HOUSEHOLD_V1_SHAPE, type SuiteShape } from './plan-suite.ts';

export interface SuiteDefinition {
  shape: SuiteShape;
  seed: number;
  /** Generator version the suite is frozen at (one of GENERATOR_VERSIONS; the loader checks). */
  generatorVersion: GeneratorVersion;
  description: string;
}

export const SUITES: Readonly<Record<string, SuiteDefinition>> = {
  'household-v1': {
    shape: HOUSEHOLD_V1_SHAPE,
    seed: 1,
    generatorVersion: 1,
    description: "ALFWorld's six task types in generated houses of 1–4 rooms: train 120, test-seen 60 (new tasks in train's houses), test-unseen 60 (new houses), each balanced over the task types.",
  },
  // Same shape as v1, its own seed (its houses are new, not v1's with objects moved).
  'household-v2': {
    shape: HOUSEHOLD_V1_SHAPE,
    seed: 2,
    generatorVersion: 2,
    description: "As household-v1, but targets and distractors are placed where such things are usually kept (the placement table; 85% typical, 15% anywhere): train 120, test-seen 60 (new tasks in train's houses), test-unseen 60 (new houses), each balanced over the task types.",
  },
};

export class SuiteError extends Error {}

export function suiteDefinition(name: string): SuiteDefinition {
  const definition = SUITES[name];
  if (!definition) throw new SuiteError(`unknown suite '${name}'; known suites: ${Object.keys(SUITES).join(', ')}`);
  return definition;
}
