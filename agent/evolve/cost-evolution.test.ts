/**
 * An evolution whose gate accepts on cost (`minCostCut`): from a numbered-menu + chat-transcript
 * harness, the rule proposer's cost lever compact-prompt takes the round's last slot and is
 * accepted with equal success and fewer tokens. The model is a stand-in that spends tokens.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashJson } from '../../sim/index.ts';
import { loadHarness } from '../harness/presets/load-harness.ts';
import type { ModelBackend } from '../models/model-backend.ts';
import { EVOLVE_FORMAT_VERSION, type EvolveConfig } from './evolve-config.ts';
import { runEvolution, type EvolveOutcome } from './evolve-run.ts';
import { formatLineage } from './format-run.ts';
import { recordGate } from './record-fields.ts';
import { loadRunFolder } from './run-folder.ts';

/**
 * Answers a numbered menu by a hash of the conversation before the current turn and of the menu —
 * never of the action list a prompt builder may add to the current turn — so a harness that only
 * drops that list makes the same choices. Reports a prompt token per 4 characters (as a model
 * counting its whole prompt does).
 */
function menuHashModel(): ModelBackend {
  return {
    info: { id: 'menu-hash', backend: 'scripted', source: 'test stand-in', contextSize: 1_000_000, settings: {} },
    async generate(request) {
      const messages = 'messages' in request ? request.messages : [{ role: 'user' as const, content: request.prompt }];
      const current = messages.at(-1)!.content;
      const menu = current.slice(current.indexOf('Choose by number:'));
      const choices = request.choices ?? ['1'];
      const text = choices[Number.parseInt(hashJson([messages.slice(0, -1), menu]).slice(0, 12), 16) % choices.length]!;
      const characters = messages.reduce((sum, message) => sum + message.content.length, 0);
      return { text, finishReason: 'choice', usage: { promptTokens: Math.ceil(characters / 4), cachedPromptTokens: 0, completionTokens: 1 }, timings: { promptMs: 0, generateMs: 0, totalMs: 0 } };
    },
    async scoreChoices() {
      throw new Error('menuHashModel only answers numbered menus');
    },
    async resetCache() {},
    async close() {},
  };
}

const config = (gate: EvolveConfig['gate']): EvolveConfig => ({
  formatVersion: EVOLVE_FORMAT_VERSION, model: 'menu-hash', suite: 'household-v1', from: 'evolved-smollm2', start: loadHarness('evolved-smollm2').spec,
  train: { limit: 12 }, seeds: [0], rounds: 1, candidates: 3, proposer: 'rules', gate,
  judge: { splits: [], limit: 1, nullChooser: false }, physics: 'kinematic', budgetMinutes: 0,
});

const temporary = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-cost-evolution-'));
afterAll(() => fs.rmSync(temporary, { recursive: true, force: true }));
const withCost = path.join(temporary, 'with-cost');
const withoutCost = path.join(temporary, 'without-cost');
let outcome: EvolveOutcome;
let plain: EvolveOutcome;
beforeAll(async () => {
  outcome = await runEvolution({ config: config({ alpha: 0.1, minGain: 0.05, maxRegressions: 1, minCostCut: 0.1 }), out: withCost, model: menuHashModel() });
  plain = await runEvolution({ config: config({ alpha: 0.1, minGain: 0.05, maxRegressions: 1 }), out: withoutCost, model: menuHashModel() });
}, 120_000);

describe('evolution with the gate on cost', () => {
  it('proposes compact-prompt last and accepts it on cost: equal success, at least 10% fewer tokens per episode', () => {
    const [round] = outcome.lineage.rounds;
    expect(round!.candidates.length).toBe(3);
    expect(round!.candidates.at(-1)).toMatchObject({ levers: ['compact-prompt'], accepted: true });
    const folder = loadRunFolder(withCost);
    const record = folder.candidates.find((candidate) => candidate.behaviourId === round!.candidates.at(-1)!.behaviourId)!;
    const verdict = recordGate(record)!;
    expect(verdict.byCost).toBe(true);
    expect(record.evidence).toEqual([]); // it answers no failure, whatever its manifest's cost entry lists
    expect(verdict.checks.find((check) => check.name === 'signature')).toMatchObject({ ok: true });
    expect(verdict.paired.candidateSuccesses).toBe(verdict.paired.parentSuccesses);
    expect(verdict.paired.parentSuccesses).toBeGreaterThan(0);
    expect(verdict.paired.candidateTokens!).toBeLessThanOrEqual(0.9 * verdict.paired.parentTokens!);
    // (The round's best may be another accepted candidate, one that gained success.)
    expect(record.spec.slots.promptBuilder.params).toMatchObject({ listActions: false });
  });

  it('says in the summary and the lineage that it passed on cost, with tokens per episode parent → candidate', () => {
    const summary = fs.readFileSync(path.join(withCost, 'summary.md'), 'utf8');
    expect(summary).toContain('or equal success with at least 10% fewer tokens per episode (on cost)');
    expect(summary).toContain('| tokens/episode (parent → candidate) |');
    expect(summary).toMatch(/\| compact-prompt \| \d+% \| \d+ → \d+ \| passed the gate on cost \|/);
    expect(formatLineage(loadRunFolder(withCost))).toMatch(/passed .*compact-prompt.* — on cost \(tokens\/episode \d+ → \d+\)/);
  });

  it('without minCostCut proposes no cost lever and writes the summary as before', () => {
    expect(plain.lineage.rounds.flatMap((round) => round.candidates.flatMap((candidate) => candidate.levers))).not.toContain('compact-prompt');
    const summary = fs.readFileSync(path.join(withoutCost, 'summary.md'), 'utf8');
    expect(summary).not.toContain('tokens/episode');
    expect(loadRunFolder(withoutCost).candidates.map((record) => recordGate(record)?.byCost)).toEqual(plain.lineage.rounds[0]!.candidates.map(() => undefined));
    expect(summary).toContain('| round | parent | candidate levers | batch success | verdict |');
  });
});
