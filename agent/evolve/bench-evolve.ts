/**
 * `npm run bench:evolve -- [--json] [--preset headline] [--model smollm2-135m] [--suite household-v1] [--from HARNESS] [--rounds N] [--out DIR] [--threads 2] [--gate-cost-cut 0.1]`
 * Runs (or continues) an evolution and reports what it cost and what it gained: wall time on this
 * machine (summed over finished invocations), episodes, episodes/hour and tokens/seconds per
 * episode of the static and evolved harnesses, and the held-out table. The bench runs alone.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadHarness } from '../harness/presets/load-harness.ts';
import { ensureModel } from '../models/catalog/fetch-model.ts';
import { MODEL_CATALOG } from '../models/catalog/model-catalog.ts';
import { openModel } from '../models/open-model.ts';
import { EVOLVE_PRESETS, parseCostCut, presetCostCut, type EvolvePresetName } from './evolve-config.ts';
import { runEvolution } from './evolve-run.ts';

const { values: args } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    preset: { type: 'string', default: 'headline' },
    model: { type: 'string', default: 'smollm2-135m' },
    from: { type: 'string' },
    out: { type: 'string' },
    threads: { type: 'string', default: '2' },
    'gate-cost-cut': { type: 'string' },
    suite: { type: 'string', default: 'household-v1' },
    rounds: { type: 'string' },
  },
});
if (!(args.preset in EVOLVE_PRESETS)) throw new Error(`--preset must be one of ${Object.keys(EVOLVE_PRESETS).join(', ')}`);
const preset = EVOLVE_PRESETS[args.preset as EvolvePresetName];
const from = args.from ?? preset.from;
const costCut = args['gate-cost-cut'];
let minCostCut: number | undefined;
try {
  minCostCut = costCut === undefined ? presetCostCut(args.preset as EvolvePresetName) : parseCostCut(costCut);
} catch (error) {
  throw new Error(`--gate-cost-cut: ${(error as Error).message}`);
}
const rounds = args.rounds === undefined ? undefined : Number(args.rounds);
if (rounds !== undefined && (!Number.isInteger(rounds) || rounds < 0)) throw new Error(`--rounds must be a whole number ≥ 0, got '${args.rounds}'`);
const out = args.out ?? path.join('runs', `bench-evolve-${args.preset}-${args.suite}-${args.model.replace(/[^a-z0-9]+/gi, '-')}`);
if (MODEL_CATALOG[args.model]) await ensureModel(args.model);
const model = await openModel(args.model, { threads: Number(args.threads) });
const outcome = await runEvolution({
  out, model,
  config: {
    formatVersion: 1, model: args.model, suite: args.suite, from, start: loadHarness(from).spec, train: { limit: preset.trainLimit }, seeds: [0],
    rounds: rounds ?? preset.rounds, candidates: preset.candidates, proposer: 'rules', gate: { alpha: 0.1, minGain: 0.05, maxRegressions: 1, ...(minCostCut !== undefined ? { minCostCut } : {}) },
    judge: { splits: [...preset.judgeSplits], limit: preset.judgeLimit, nullChooser: true }, physics: 'kinematic', budgetMinutes: 0,
  },
  onProgress: args.json ? undefined : (progress) => progress.kind === 'phase' && console.error(progress.text),
});
await model.close();
const result = {
  preset: args.preset, model: model.info.id, threads: Number(args.threads), out,
  evolution: { wallMinutes: outcome.total.seconds / 60, episodesRun: outcome.total.episodesRun, invocations: outcome.total.invocations, rounds: outcome.lineage.rounds.length, stopped: outcome.lineage.stopped, start: outcome.lineage.start, best: outcome.lineage.best, path: outcome.lineage.versions.map((v) => v.levers.join('+') || 'start') },
  judgement: outcome.judgement.map((split) => ({ split: split.split, scenarios: split.scenarios.length, rows: split.rows, differences: split.differences })),
  note: 'seconds and episodes/hour are wall time on this machine for the episodes that ran fresh; read back episodes keep the seconds they took',
};
console.log(args.json ? JSON.stringify(result, null, 2) : result);
