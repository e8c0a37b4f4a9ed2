/**
 * Test helper: a real, finished evolution run folder in a few seconds — `hearth evolve` with the
 * null chooser `random:3` as its model (fast and exactly repeatable), from `react-basic`, two
 * rounds of three candidates on 6 train scenarios, judged on 6 test-unseen and 6 test-seen.
 */
import { EVOLVE_FORMAT_VERSION, type EvolveConfig } from '../evolve-config.ts';
import { runEvolution, type EvolveOutcome } from '../evolve-run.ts';
import { loadHarness } from '../../harness/presets/load-harness.ts';
import { createNullChooser } from '../../models/null-chooser.ts';

export function nullEvolutionConfig(): EvolveConfig {
  return {
    formatVersion: EVOLVE_FORMAT_VERSION, model: 'random:3', suite: 'household-v1', from: 'react-basic', start: loadHarness('react-basic').spec,
    train: { limit: 6 }, seeds: [0], rounds: 2, candidates: 3, proposer: 'rules', gate: { alpha: 0.1, minGain: 0.05, maxRegressions: 1 },
    judge: { splits: ['test-unseen', 'test-seen'], limit: 6, nullChooser: true }, physics: 'kinematic', budgetMinutes: 0,
  };
}

export function writeNullEvolutionRun(dir: string): Promise<EvolveOutcome> {
  return runEvolution({ config: nullEvolutionConfig(), out: dir, model: createNullChooser(3) });
}
