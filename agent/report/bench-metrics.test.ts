import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport, type Report } from './build-report.ts';
import type { GroupMetrics } from './bench-metrics.ts';
import { handMadeConfig, handMadeEpisodes, writeHandMadeRun } from './testing/hand-made-run.ts';

// The episodes are described in testing/hand-made-run.ts; every expected value below is worked out by hand from them.
let dir: string;
let report: Report;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-report-hand-'));
  writeHandMadeRun(dir, handMadeConfig(), handMadeEpisodes());
  report = buildReport(dir);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const group = (model: string, harnessId: string): GroupMetrics => {
  const found = report.sets[0]!.metrics.groups.find((g) => g.model === model && g.harnessId === harnessId);
  if (!found) throw new Error(`no group ${model} × ${harnessId}`);
  return found;
};

describe('bench metrics on a hand-made folder', () => {
  it('finds one set with three model × harness groups, in the config order, with the config labels', () => {
    expect(report).toMatchObject({ formatVersion: 1, kind: 'bench', runDir: dir });
    expect(report.sets).toHaveLength(1);
    expect(report.sets[0]!.metrics.groups.map((g) => [g.modelLabel, g.harnessLabel, g.chooser])).toEqual([
      ['m', 'one', 'model'], ['m', 'two', 'model'], ['random (null chooser)', 'one', 'null'],
    ]);
  });

  it('measures success, steps, efficiency, invalid and repeated actions and cost of m × one', () => {
    const g = group('m', 'h-a');
    expect(g).toMatchObject({ n: 4, successes: 2, successRate: 0.5, meanStepsToSuccess: 3, steps: 11, invalidActions: 5, repeatedActions: 3 });
    // Wilson 95% for 2/4: centre 0.5, half-width 1.96/1.9604 · sqrt(0.0625 + 0.060025) = 0.34997.
    expect(g.low).toBeCloseTo(0.15003, 4);
    expect(g.high).toBeCloseTo(0.84997, 4);
    // Successes: 2 of 2 oracle steps, then 2 of 4.
    expect(g.efficiency).toBeCloseTo(0.75, 10);
    expect(g.invalidPerStep).toBeCloseTo(5 / 11, 10);
    expect(g.repeatedPerStep).toBeCloseTo(3 / 11, 10);
    // 12 model calls (the rejected step asked twice), 100 tokens and 1 s each.
    expect(g.modelCallsPerEpisode).toBe(3);
    expect(g.tokensPerEpisode).toBe(300);
    expect(g.tokensPerStep).toBeCloseTo(1200 / 11, 10);
    expect(g.modelSecondsPerEpisode).toBe(3);
    expect(g.modelSecondsPerStep).toBeCloseTo(12 / 11, 10);
    // s/b#0: refused actions (not-visible) → precondition; s/b#1: a guessed action → invalid-action.
    expect(Object.entries(g.failures).filter(([, count]) => count > 0)).toEqual([['invalid-action', 1], ['precondition', 1]]);
  });

  it('measures m × two and the null chooser', () => {
    const two = group('m', 'h-b');
    expect(two).toMatchObject({ n: 4, successes: 4, meanStepsToSuccess: 4, invalidActions: 0, repeatedActions: 0, high: 1 });
    expect(two.low).toBeCloseTo(0.51006, 4);
    expect(two.efficiency).toBeCloseTo((0.5 + 0.5 + 1 + 1) / 4, 10);
    const floor = group('random', 'h-a');
    expect(floor).toMatchObject({ n: 4, successes: 1, tokensPerEpisode: 0, modelSecondsPerEpisode: 0, modelCallsPerEpisode: 0, efficiency: 1, repeatedActions: 1 });
    expect(floor.low).toBeCloseTo(0.04559, 4);
    expect(floor.high).toBeCloseTo(0.69936, 4);
  });

  it('splits by task type', () => {
    const rows = report.sets[0]!.metrics.byTaskType.filter((g) => g.model === 'm' && g.harnessId === 'h-a');
    expect(rows.map((g) => [g.taskType, g.successes, g.n])).toEqual([['heat', 0, 2], ['pick', 2, 2]]);
  });

  it('compares harnesses on the same pairs: exact McNemar and a paired bootstrap interval', () => {
    const [comparison, ...others] = report.sets[0]!.metrics.harnessComparisons;
    expect(others).toEqual([]); // the null chooser ran one harness only
    expect(comparison).toMatchObject({ kind: 'harnesses', within: 'm', a: 'h-a', b: 'h-b', pairs: 4, bothSolved: 2, onlyA: 0, onlyB: 2, neither: 0, successA: 0.5, successB: 1, difference: 0.5, effectPoints: 50 });
    // Two discordant pairs, both for B: p = 2 · P(X ≥ 2 | n = 2) = 0.5.
    expect(comparison!.mcnemarP).toBeCloseTo(0.5, 10);
    // Differences [0, 0, 1, 1]: an all-zero or all-one resample has probability 1/16 > 2.5%.
    expect([comparison!.low, comparison!.high]).toEqual([0, 1]);
  });

  it('compares the model with the null chooser in the harness both ran', () => {
    expect(report.sets[0]!.metrics.nullComparisons).toEqual([expect.objectContaining({
      kind: 'model-vs-null', within: 'h-a', a: 'random', b: 'm', pairs: 4, bothSolved: 1, onlyA: 0, onlyB: 1, neither: 2, difference: 0.25, mcnemarP: 1,
      // Differences [0, 1, 0, 0]: P(mean = 1) = 1/256 < 2.5% < P(mean ≥ 0.75) = 13/256.
      low: 0, high: 0.75,
    })]);
  });

  it('keeps every episode\'s facts, with the oracle length from the config', () => {
    const episodes = report.sets[0]!.episodes;
    expect(episodes).toHaveLength(12);
    expect(episodes.find((e) => e.model === 'm' && e.harnessId === 'h-a' && e.scenarioId === 's/b' && e.seed === 1)).toMatchObject({ oracleSteps: 4, taskType: 'heat', invalidActions: 3, repeatedActions: 1, modelCalls: 3, modelSeconds: 3, failure: 'invalid-action' });
  });
});
