/** `hearth evolve --proposer … --proposer-model …` → the config that records them. */
import { describe, expect, it } from 'vitest';
import { evolveConfigSchema } from '../../agent/evolve/evolve-config.ts';
import { nullEvolutionConfig } from '../../agent/evolve/testing/null-evolution-run.ts';
import { evolveConfigFromOptions } from './evolve-command.ts';

const options = (extra: { proposer: string; proposerModel?: string }) => ({ preset: 'quick', model: 'smollm2-135m', suite: 'household-v1', seeds: '0', nullChooser: true, budgetMinutes: '0', threads: '1', physics: 'kinematic', ...extra });

describe('evolve proposer options', () => {
  it('records the proposers in order and the proposer model (default: the run model)', () => {
    expect(evolveConfigFromOptions(options({ proposer: 'rules,model' }))).toMatchObject({ proposer: 'rules,model', proposerModel: 'smollm2-135m' });
    expect(evolveConfigFromOptions(options({ proposer: 'model', proposerModel: 'gemma3-270m' }))).toMatchObject({ proposer: 'model', proposerModel: 'gemma3-270m' });
    expect('proposerModel' in evolveConfigFromOptions(options({ proposer: 'rules' }))).toBe(false);
  });

  it('refuses an unknown proposer, a repeated one, and --proposer-model without the model proposer', () => {
    expect(() => evolveConfigFromOptions(options({ proposer: 'rules,llm' }))).toThrow("--proposer: proposer 'llm' is unknown; use rules, model");
    expect(() => evolveConfigFromOptions(options({ proposer: 'model,model' }))).toThrow('names one proposer twice');
    expect(() => evolveConfigFromOptions(options({ proposer: 'rules', proposerModel: 'gemma3-270m' }))).toThrow('--proposer-model is for the model proposer');
  });

  it('still reads a config written before proposers were pluggable', () => {
    const old = { ...nullEvolutionConfig(), proposer: 'rules' };
    expect(evolveConfigSchema.parse(old)).toMatchObject({ proposer: 'rules' });
    expect(evolveConfigSchema.safeParse({ ...old, proposer: 'rules+model' }).success).toBe(false);
  });
});
