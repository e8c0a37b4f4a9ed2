/**
 * `hearth evolve`: the harness rewrites itself from its failure traces on a training batch and is
 * judged on held-out splits. A thin command over `agent/evolve/evolve-run.ts`: options → config,
 * a progress bar (plain lines when not a terminal), and the summary at the end. Rerunning the same
 * command in the same folder continues the run.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { CommandModule } from './command-module.ts';
import { ensureDir } from '../ensure-dir.ts';
import { UsageError } from '../usage-error.ts';
import { episodeProgress } from '../episode-progress.ts';
import { loadHarness } from '../../agent/harness/presets/load-harness.ts';
import { HarnessError } from '../../agent/harness/harness-error.ts';
import { openModel } from '../../agent/models/open-model.ts';
import { ModelError } from '../../agent/models/model-error.ts';
import { EVOLVE_FORMAT_VERSION, EVOLVE_PRESETS, parseCostCut, presetCostCut, type EvolveConfig, type EvolvePresetName } from '../../agent/evolve/evolve-config.ts';
import { EvolveConfigError, runEvolution, type EvolveProgress } from '../../agent/evolve/evolve-run.ts';
import { parseProposerList, type ProposerName } from '../../agent/evolve/proposers.ts';
import { SPLITS, type SplitName } from '../../scenarios/suites/suite-manifest.ts';
import { SuiteError } from '../../scenarios/suites/suite-registry.ts';

interface EvolveOptions {
  preset: string;
  model: string;
  suite: string;
  from?: string;
  rounds?: string;
  candidates?: string;
  train?: string;
  seeds: string;
  judgeSplits?: string;
  judgeLimit?: string;
  nullChooser: boolean;
  proposer: string;
  proposerModel?: string;
  budgetMinutes: string;
  gateCostCut?: string;
  out?: string;
  threads: string;
  physics: string;
}


function whole(value: string | undefined, fallback: number, name: string, min = 0): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min) throw new UsageError(`--${name} must be a whole number ≥ ${min}, got '${value}'`);
  return number;
}

/** Command-line options → a validated evolution config. */
export function evolveConfigFromOptions(options: EvolveOptions): EvolveConfig {
  if (!(options.preset in EVOLVE_PRESETS)) throw new UsageError(`--preset must be one of ${Object.keys(EVOLVE_PRESETS).join(', ')}, got '${options.preset}'`);
  const preset = EVOLVE_PRESETS[options.preset as EvolvePresetName];
  let proposers: ProposerName[];
  try {
    proposers = parseProposerList(options.proposer);
  } catch (error) {
    throw new UsageError(`--proposer: ${(error as Error).message}`);
  }
  if (options.proposerModel !== undefined && !proposers.includes('model')) throw new UsageError(`--proposer-model is for the model proposer; add it with --proposer model (or rules,model), or leave --proposer-model out`);
  if (options.physics !== 'kinematic' && options.physics !== 'matter') throw new UsageError(`--physics must be kinematic or matter, got '${options.physics}'`);
  const splits = (options.judgeSplits ?? preset.judgeSplits.join(',')).split(',').map((split) => split.trim());
  const unknown = splits.find((split) => !(SPLITS as readonly string[]).includes(split) || split === 'train');
  if (unknown !== undefined) throw new UsageError(`--judge-splits: '${unknown}' is not a held-out split; use ${SPLITS.filter((s) => s !== 'train').join(', ')}`);
  const seeds = options.seeds.split(',').map((seed) => whole(seed.trim(), 0, 'seeds'));
  const budget = Number(options.budgetMinutes);
  if (!Number.isFinite(budget) || budget < 0) throw new UsageError(`--budget-minutes must be a number ≥ 0 (0: no limit), got '${options.budgetMinutes}'`);
  const from = options.from ?? preset.from;
  let minCostCut: number | undefined;
  try {
    minCostCut = options.gateCostCut === undefined ? presetCostCut(options.preset as EvolvePresetName) : parseCostCut(options.gateCostCut);
  } catch (error) {
    throw new UsageError(`--gate-cost-cut: ${(error as Error).message}`);
  }
  return {
    formatVersion: EVOLVE_FORMAT_VERSION, model: options.model, suite: options.suite, from, start: loadHarness(from).spec,
    train: { limit: whole(options.train, preset.trainLimit, 'train', 1) }, seeds,
    rounds: whole(options.rounds, preset.rounds, 'rounds'), candidates: whole(options.candidates, preset.candidates, 'candidates', 1),
    proposer: proposers.join(','), ...(proposers.includes('model') ? { proposerModel: options.proposerModel ?? options.model } : {}),
    // Absent unless asked for, so runs started before the flag continue with the same config.
    gate: { alpha: 0.1, minGain: 0.05, maxRegressions: 1, ...(minCostCut !== undefined ? { minCostCut } : {}) },
    judge: { splits: splits as SplitName[], limit: whole(options.judgeLimit, preset.judgeLimit, 'judge-limit', 1), nullChooser: options.nullChooser },
    physics: options.physics, budgetMinutes: budget,
  };
}

/** Evolution's progress events on the shared episode progress display. */
function progressReporter(): { report: (progress: EvolveProgress) => void; stop: () => void } {
  const display = episodeProgress();
  return {
    stop: display.stop,
    report(progress) {
      if (progress.kind === 'phase') display.note(progress.text);
      else display.episode(progress.phase, progress.done, progress.total, progress.result, progress.fresh);
    },
  };
}

async function evolveAction(options: EvolveOptions): Promise<void> {
  let config: EvolveConfig;
  try {
    config = evolveConfigFromOptions(options);
  } catch (error) {
    if (!(error instanceof UsageError || error instanceof HarnessError)) throw error;
    console.error(`error: ${error.message}`);
    process.exitCode = 2;
    return;
  }
  const out = options.out ?? path.join('runs', `evolve-${options.preset}-${config.model.replace(/[^a-z0-9]+/gi, '-')}`);
  const progress = progressReporter();
  try {
    ensureDir(out);
    const threads = whole(options.threads, 2, 'threads', 1);
    const model = await openModel(config.model, { threads });
    let proposerModel = model;
    try {
      if (config.proposerModel && config.proposerModel !== config.model) proposerModel = await openModel(config.proposerModel, { threads });
      console.error(`evolving ${config.from} with ${model.info.id} on ${config.suite}, proposer ${config.proposer}${config.proposerModel ? ` (model proposer: ${proposerModel.info.id})` : ''} → ${out} (rerun the same command to continue after a stop)`);
      await runEvolution({ config, out, model, proposerModel, onProgress: progress.report });
    } finally {
      progress.stop();
      if (proposerModel !== model) await proposerModel.close();
      await model.close();
    }
    console.log(fs.readFileSync(path.join(out, 'summary.md'), 'utf8'));
  } catch (error) {
    progress.stop();
    if (!(error instanceof EvolveConfigError || error instanceof ModelError || error instanceof SuiteError || error instanceof HarnessError || error instanceof UsageError)) throw error;
    console.error(`error: ${error.message}`);
    process.exitCode = 2;
  }
}

export const evolveCommand: CommandModule = {
  register(program: Command): void {
    program
      .command('evolve')
      .description('evolve a harness from its failure traces on train scenarios; judge start vs best on held-out splits (with the null chooser); rerun to continue')
      .option('--preset <name>', `settings to start from: ${Object.entries(EVOLVE_PRESETS).map(([name, p]) => `${name} (from ${p.from}, ${p.trainLimit} train, ${p.rounds} rounds × ${p.candidates}, judge ${p.judgeLimit} per split)`).join('; ')}`, 'quick')
      .option('--model <spec>', 'planner model: catalog id, .gguf, onnx:DIR, http(s)://HOST/v1#MODEL, or random', 'smollm2-135m')
      .option('--suite <name>', 'frozen suite (train for evolution, held-out splits for judging)', 'household-v1')
      .option('--from <harness>', 'starting harness: preset name or spec .json')
      .option('--rounds <n>', 'rounds of propose → evaluate → gate')
      .option('--candidates <k>', 'candidates per round')
      .option('--train <n>', 'train scenarios in the batch (balanced over task types)')
      .option('--seeds <list>', 'episode seeds, comma-separated', '0')
      .option('--judge-splits <list>', 'held-out splits to judge on, comma-separated')
      .option('--judge-limit <n>', 'scenarios per judged split (balanced over task types)')
      .option('--no-null-chooser', 'skip the null-chooser rows of the judgement')
      .option('--proposer <list>', 'who proposes edits: rules, model (a language model answering with a manifest), or a mix in order, e.g. rules,model (candidates split between them)', 'rules')
      .option('--proposer-model <spec>', 'the model proposer\'s model (default: --model); same forms as --model')
      .option('--gate-cost-cut <fraction>', 'also accept a candidate with equal success and at least this fraction fewer tokens per episode (0 < f < 1, e.g. 0.1), and propose cost levers (compact-prompt)')
      .option('--budget-minutes <t>', 'stop proposing after T minutes (0: no limit); judging still runs', '0')
      .option('--physics <mode>', 'kinematic or matter', 'kinematic')
      .option('--threads <n>', 'CPU threads for a local model', '2')
      .option('--out <dir>', 'run folder (default runs/evolve-<preset>-<model>)')
      .action(evolveAction);
  },
};
