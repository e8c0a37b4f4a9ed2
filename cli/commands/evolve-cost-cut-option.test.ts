/** `hearth evolve --gate-cost-cut <fraction>` → the gate's minCostCut in the config, only when given. */
import { describe, expect, it } from 'vitest';
import { evolveConfigSchema } from '../../agent/evolve/evolve-config.ts';
import { hearth } from '../testing/run-hearth.ts';
import { evolveConfigFromOptions } from './evolve-command.ts';

const options = (gateCostCut?: string) => ({ preset: 'quick', model: 'random', suite: 'household-v1', seeds: '0', nullChooser: true, proposer: 'rules', budgetMinutes: '0', threads: '1', physics: 'kinematic', ...(gateCostCut === undefined ? {} : { gateCostCut }) });

describe('evolve --gate-cost-cut', () => {
  it('records the fraction as the gate\'s minCostCut, and leaves the gate as before without the flag', () => {
    const config = evolveConfigFromOptions(options('0.1'));
    expect(config.gate).toEqual({ alpha: 0.1, minGain: 0.05, maxRegressions: 1, minCostCut: 0.1 });
    expect(evolveConfigSchema.parse(config).gate.minCostCut).toBe(0.1);
    expect(evolveConfigFromOptions(options()).gate).toEqual({ alpha: 0.1, minGain: 0.05, maxRegressions: 1 });
  });

  it.each(['0', '1', '1.5', '-0.2', 'tenth', ''])('refuses %j naming the flag and the range', (value) => {
    expect(() => evolveConfigFromOptions(options(value))).toThrow(/^--gate-cost-cut: '.*' is not a fraction between 0 and 1 \(both excluded\)/);
  });

  it('exits 2 with the usage error on the command line', async () => {
    const result = await hearth('evolve', '--model', 'random', '--gate-cost-cut', '2');
    expect(result.code).toBe(2);
    expect(result.err).toContain("--gate-cost-cut: '2' is not a fraction between 0 and 1");
  });
});
