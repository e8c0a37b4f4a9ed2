/**
 * The numbers of a report, from per-episode facts: per model × harness (and × task type) success
 * with Wilson 95% intervals, steps, efficiency against the oracle, invalid and repeated actions,
 * cost and failure categories; and paired comparisons on the same (scenario, seed) pairs — every
 * two harnesses for each model, and each model against the null chooser in each harness.
 */
import { FAILURE_CATEGORIES, type FailureCategory } from '../evolve/digest.ts';
import { mcnemarExact, pairedBootstrapDifference, wilsonInterval } from '../evolve/stats.ts';
import type { EpisodeFacts } from './episode-facts.ts';

/** One episode as the metrics see it: its facts, and the oracle's plan length when known. */
export interface ReportEpisode extends EpisodeFacts {
  oracleSteps: number | null;
}

/** Display names and order: models and harnesses in the order the run lists them. */
export interface MetricLabels {
  models: { id: string; label: string }[];
  harnesses: { id: string; label: string }[];
}

export interface GroupMetrics {
  model: string;
  modelLabel: string;
  chooser: 'model' | 'null';
  harnessId: string;
  harnessLabel: string;
  /** Set in `byTaskType` rows only. */
  taskType?: string | null;
  n: number;
  successes: number;
  /** Success rate and its Wilson 95% interval (fractions). */
  successRate: number;
  low: number;
  high: number;
  /** Mean steps of the successful episodes (null: none succeeded). */
  meanStepsToSuccess: number | null;
  /** Mean of oracleSteps / steps over successful episodes with a known oracle length (1 = as short as the oracle). */
  efficiency: number | null;
  steps: number;
  invalidActions: number;
  repeatedActions: number;
  /** Totals divided by total steps. */
  invalidPerStep: number;
  repeatedPerStep: number;
  tokensPerEpisode: number;
  tokensPerStep: number;
  modelSecondsPerEpisode: number;
  modelSecondsPerStep: number;
  modelCallsPerEpisode: number;
  /** Failed episodes by their primary failure category. */
  failures: Record<FailureCategory, number>;
}

/** B against A on the (scenario, seed) pairs both ran. */
export interface PairedComparison {
  kind: 'harnesses' | 'model-vs-null';
  /** harnesses: the model both ran with; model-vs-null: the harness both ran in. */
  within: string;
  withinLabel: string;
  a: string;
  aLabel: string;
  b: string;
  bLabel: string;
  pairs: number;
  bothSolved: number;
  onlyA: number;
  onlyB: number;
  neither: number;
  successA: number;
  successB: number;
  /** successB − successA on the pairs, with a paired bootstrap 95% interval (fractions). */
  difference: number;
  low: number;
  high: number;
  /** The difference in points (100 × difference). */
  effectPoints: number;
  /** Exact two-sided McNemar test on the discordant pairs. */
  mcnemarP: number;
}

export interface BenchMetrics {
  groups: GroupMetrics[];
  byTaskType: GroupMetrics[];
  harnessComparisons: PairedComparison[];
  nullComparisons: PairedComparison[];
}

/** Fixed so the same folder always gives the same report. */
export const BOOTSTRAP_SEED = 0;

const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);
const mean = (values: readonly number[]): number | null => (values.length ? sum(values) / values.length : null);
const perStep = (total: number, steps: number): number => (steps > 0 ? total / steps : 0);
const pairKey = (episode: { scenarioId: string; seed: number }): string => `${episode.scenarioId}#${episode.seed}`;

/** The measures of one group of episodes. */
export function measure(episodes: readonly ReportEpisode[]): Omit<GroupMetrics, 'model' | 'modelLabel' | 'chooser' | 'harnessId' | 'harnessLabel' | 'taskType'> {
  const solved = episodes.filter((episode) => episode.success);
  const interval = wilsonInterval(solved.length, episodes.length);
  const steps = sum(episodes.map((episode) => episode.steps));
  const invalidActions = sum(episodes.map((episode) => episode.invalidActions));
  const repeatedActions = sum(episodes.map((episode) => episode.repeatedActions));
  const tokens = sum(episodes.map((episode) => episode.tokens));
  const modelSeconds = sum(episodes.map((episode) => episode.modelSeconds));
  const failures = Object.fromEntries(FAILURE_CATEGORIES.map((category) => [category, 0])) as Record<FailureCategory, number>;
  for (const episode of episodes) if (episode.failure) failures[episode.failure] += 1;
  const n = episodes.length;
  return {
    n,
    successes: solved.length,
    successRate: interval.rate,
    low: interval.low,
    high: interval.high,
    meanStepsToSuccess: mean(solved.map((episode) => episode.steps)),
    efficiency: mean(solved.flatMap((episode) => (episode.oracleSteps !== null && episode.steps > 0 ? [episode.oracleSteps / episode.steps] : []))),
    steps,
    invalidActions,
    repeatedActions,
    invalidPerStep: perStep(invalidActions, steps),
    repeatedPerStep: perStep(repeatedActions, steps),
    tokensPerEpisode: n ? tokens / n : 0,
    tokensPerStep: perStep(tokens, steps),
    modelSecondsPerEpisode: n ? modelSeconds / n : 0,
    modelSecondsPerStep: perStep(modelSeconds, steps),
    modelCallsPerEpisode: n ? sum(episodes.map((episode) => episode.modelCalls)) / n : 0,
    failures,
  };
}

/** B against A on the pairs both ran (episodes are unique per scenario and seed within a group). */
export function comparePaired(a: readonly ReportEpisode[], b: readonly ReportEpisode[]): Omit<PairedComparison, 'kind' | 'within' | 'withinLabel' | 'a' | 'aLabel' | 'b' | 'bLabel'> {
  const inB = new Map(b.map((episode) => [pairKey(episode), episode.success]));
  const pairs = a.flatMap((episode) => (inB.has(pairKey(episode)) ? [{ parent: episode.success, candidate: inB.get(pairKey(episode))! }] : []));
  const count = (test: (pair: { parent: boolean; candidate: boolean }) => boolean): number => pairs.filter(test).length;
  const bootstrap = pairedBootstrapDifference(pairs.map((pair) => pair.parent), pairs.map((pair) => pair.candidate), { seed: BOOTSTRAP_SEED });
  const n = pairs.length;
  return {
    pairs: n,
    bothSolved: count((pair) => pair.parent && pair.candidate),
    onlyA: count((pair) => pair.parent && !pair.candidate),
    onlyB: count((pair) => !pair.parent && pair.candidate),
    neither: count((pair) => !pair.parent && !pair.candidate),
    successA: n ? count((pair) => pair.parent) / n : 0,
    successB: n ? count((pair) => pair.candidate) / n : 0,
    difference: bootstrap.difference,
    low: bootstrap.low,
    high: bootstrap.high,
    effectPoints: 100 * bootstrap.difference,
    mcnemarP: mcnemarExact(pairs).pTwoSided,
  };
}

/** Ids in the run's order, then any the labels do not know (sorted), each with its label. */
function ordered(known: readonly { id: string; label: string }[], seen: Iterable<string>): { id: string; label: string }[] {
  const present = new Set(seen);
  const listed = known.filter((entry) => present.has(entry.id));
  const extra = [...present].filter((id) => !known.some((entry) => entry.id === id)).sort().map((id) => ({ id, label: id }));
  return [...listed, ...extra];
}

export function benchMetrics(episodes: readonly ReportEpisode[], labels: MetricLabels): BenchMetrics {
  const models = ordered(labels.models, episodes.map((episode) => episode.model));
  const harnesses = ordered(labels.harnesses, episodes.map((episode) => episode.harnessId));
  const of = (model: string, harness: string) => episodes.filter((episode) => episode.model === model && episode.harnessId === harness);
  const chooserOf = (model: string): 'model' | 'null' => episodes.find((episode) => episode.model === model)?.chooser ?? 'model';
  const taskTypes = [...new Set(episodes.map((episode) => episode.taskType))].sort((x, y) => String(x).localeCompare(String(y)));
  const groups: GroupMetrics[] = [];
  const byTaskType: GroupMetrics[] = [];
  for (const model of models) {
    for (const harness of harnesses) {
      const group = of(model.id, harness.id);
      if (group.length === 0) continue;
      const identity = { model: model.id, modelLabel: model.label, chooser: chooserOf(model.id), harnessId: harness.id, harnessLabel: harness.label };
      groups.push({ ...identity, ...measure(group) });
      for (const taskType of taskTypes) {
        const typed = group.filter((episode) => episode.taskType === taskType);
        if (typed.length) byTaskType.push({ ...identity, taskType, ...measure(typed) });
      }
    }
  }
  const harnessComparisons: PairedComparison[] = [];
  for (const model of models) {
    const ran = harnesses.filter((harness) => of(model.id, harness.id).length > 0);
    ran.forEach((a, index) => {
      for (const b of ran.slice(index + 1)) {
        harnessComparisons.push({ kind: 'harnesses', within: model.id, withinLabel: model.label, a: a.id, aLabel: a.label, b: b.id, bLabel: b.label, ...comparePaired(of(model.id, a.id), of(model.id, b.id)) });
      }
    });
  }
  const nullComparisons: PairedComparison[] = [];
  const nullModels = models.filter((model) => chooserOf(model.id) === 'null');
  for (const harness of harnesses) {
    for (const model of models.filter((entry) => chooserOf(entry.id) === 'model')) {
      for (const floor of nullModels) {
        const a = of(floor.id, harness.id);
        const b = of(model.id, harness.id);
        if (a.length === 0 || b.length === 0) continue;
        nullComparisons.push({ kind: 'model-vs-null', within: harness.id, withinLabel: harness.label, a: floor.id, aLabel: floor.label, b: model.id, bLabel: model.label, ...comparePaired(a, b) });
      }
    }
  }
  return { groups, byTaskType, harnessComparisons, nullComparisons };
}
