/**
 * What an evolution run is: the model, the suite, the starting harness, the training batch, the
 * rounds and candidates, the gate and the judge. Written once to the run folder; a rerun with a
 * different configuration in the same folder is refused with what differs (the rounds, the time
 * budget and the judgement may change: they do not change what was evolved so far).
 */
import { z } from 'zod';
import { SPLITS } from '../../scenarios/suites/suite-manifest.ts';
import { harnessSpecSchema } from '../harness/harness-spec.ts';
import { gateOptionsSchema } from './gate.ts';

export const EVOLVE_FORMAT_VERSION = 1 as const;

export const evolveConfigSchema = z.object({
  formatVersion: z.literal(EVOLVE_FORMAT_VERSION),
  model: z.string().min(1),
  suite: z.string().min(1),
  /** The starting harness's name (preset or file) and its spec as it was read. */
  from: z.string().min(1),
  start: harnessSpecSchema,
  train: z.object({ limit: z.number().int().min(1) }).strict(),
  seeds: z.array(z.number().int().min(0)).min(1),
  rounds: z.number().int().min(0),
  candidates: z.number().int().min(1).max(12),
  /**
   * Who proposes candidates: `rules`, `model`, or a comma-separated mix in the order they propose
   * (`rules,model`). Old configs say `rules`.
   */
  proposer: z.string().regex(/^(rules|model)(,(rules|model))*$/, 'a proposer list: rules, model, or a mix such as rules,model'),
  /** The model proposer's model spec (the run's own `model` unless `--proposer-model` names another); absent without a model proposer. */
  proposerModel: z.string().min(1).optional(),
  gate: gateOptionsSchema,
  judge: z.object({ splits: z.array(z.enum(SPLITS)), limit: z.number().int().min(1), nullChooser: z.boolean() }).strict(),
  physics: z.enum(['kinematic', 'matter']),
  /** Stop starting new candidates after this many minutes (0: no limit); judging still runs. */
  budgetMinutes: z.number().min(0),
}).strict();
export type EvolveConfig = z.infer<typeof evolveConfigSchema>;

/** Fields that may change between a run and its continuation (round r's batch does not depend on them). */
const GROWABLE = new Set(['rounds', 'budgetMinutes', 'judge']);

/** The differences that make `next` a different run from `previous` ([] when it continues it). */
export function configDifferences(previous: EvolveConfig, next: EvolveConfig): string[] {
  return Object.keys(next)
    .filter((key) => !GROWABLE.has(key))
    .filter((key) => JSON.stringify(previous[key as keyof EvolveConfig]) !== JSON.stringify(next[key as keyof EvolveConfig]))
    .map((key) => `${key}: ${JSON.stringify(previous[key as keyof EvolveConfig]).slice(0, 80)} → ${JSON.stringify(next[key as keyof EvolveConfig]).slice(0, 80)}`);
}

/**
 * The gate's `minCostCut` from text (`--gate-cost-cut 0.1`: an equal-success candidate passes with
 * a tenth fewer tokens per episode); throws saying what is allowed.
 */
export function parseCostCut(text: string): number {
  const cut = Number(text);
  if (text.trim() === '' || !Number.isFinite(cut) || cut <= 0 || cut >= 1) throw new Error(`'${text}' is not a fraction between 0 and 1 (both excluded); give the least cut in tokens per episode, e.g. 0.1 for a tenth fewer`);
  return cut;
}

/** Named settings for `hearth evolve --preset`. */
export const EVOLVE_PRESETS = {
  /** The README's first run: ~10 minutes on 2 cores with the default model. */
  quick: { from: 'minimal', trainLimit: 6, rounds: 2, candidates: 3, judgeSplits: ['test-unseen'], judgeLimit: 12 },
  /**
   * The headline: from react-basic, judged on both held-out splits (under an hour on 2 cores); four
   * candidates a round, and the gate accepts an equal-success candidate with 10% fewer computed tokens.
   */
  headline: { from: 'react-basic', trainLimit: 12, rounds: 2, candidates: 4, judgeSplits: ['test-unseen', 'test-seen'], judgeLimit: 18, gateCostCut: 0.1 },
} as const;
export type EvolvePresetName = keyof typeof EVOLVE_PRESETS;

/** A preset's gate cost cut (`--gate-cost-cut` overrides it), or undefined when it has none. */
export const presetCostCut = (name: EvolvePresetName): number | undefined => {
  const preset = EVOLVE_PRESETS[name];
  return 'gateCostCut' in preset ? preset.gateCostCut : undefined;
};
