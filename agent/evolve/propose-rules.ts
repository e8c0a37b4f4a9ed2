/**
 * The rule proposer: failure categories → levers over the part catalogue, with no second model.
 * Levers are ranked by how many failed episodes they answer (and the symptoms they cure); levers that failed the gate before
 * lose weight, twice-failed ones are blocked; a candidate identical in behaviour to one already
 * tried is never proposed again. With room for it, the last candidate bundles the top two levers.
 * When the gate accepts on cost (`minCostCut`), one cost lever (same behaviour, fewer tokens) takes
 * the round's last slot; with no failures at all, cost levers may take every slot.
 */
import type { HarnessSpec } from '../harness/harness-spec.ts';
import { COST_ANSWER, type CandidateManifest } from './candidate-manifest.ts';
import { FAILURE_CATEGORIES, type FailureCategory, type FailureRecord } from './digest.ts';
import { applyEdits } from '../harness/harness-edits.ts';
import { behaviourId, harnessId } from '../harness/harness-spec.ts';
import { LEVERS, type Lever } from './lever-catalog.ts';

/** What the proposer knows of earlier attempts in this run. */
export interface LeverHistory {
  levers: string[];
  behaviourId: string;
  accepted: boolean;
}

export interface ProposeInput {
  spec: HarnessSpec;
  /** Digests of the parent's failed episodes on the batch. */
  failures: readonly FailureRecord[];
  /** Keys (`scenario#seed`) of the episodes the parent solved: what every edit puts at risk. */
  solved: readonly string[];
  history: readonly LeverHistory[];
  count: number;
  /** The gate's `minCostCut`: above 0, cost levers are proposed too; absent or 0, never (runs from before it propose as they did). */
  minCostCut?: number;
}

export interface Proposal {
  manifest: CandidateManifest;
  spec: HarnessSpec;
  behaviourId: string;
}

const episodeKey = (record: FailureRecord): string => `${record.scenarioId}#${record.seed}`;

/** Categories by how many failed episodes show them, most first (ties in catalogue order). */
export function rankCategories(failures: readonly FailureRecord[]): { category: FailureCategory; episodes: string[] }[] {
  return FAILURE_CATEGORIES.map((category) => ({ category, episodes: failures.filter((r) => r.categories.some((c) => c.category === category)).map(episodeKey) }))
    .filter((entry) => entry.episodes.length > 0)
    .sort((a, b) => b.episodes.length - a.episodes.length);
}

/** Hit rate bookkeeping: how often each lever was tried and accepted. */
export function leverHitRates(history: readonly LeverHistory[]): Record<string, { tried: number; accepted: number }> {
  const rates: Record<string, { tried: number; accepted: number }> = {};
  for (const attempt of history) for (const lever of attempt.levers) {
    rates[lever] ??= { tried: 0, accepted: 0 };
    rates[lever].tried += 1;
    if (attempt.accepted) rates[lever].accepted += 1;
  }
  return rates;
}

const failedTwice = (lever: Lever, rates: ReturnType<typeof leverHitRates>): boolean => {
  const rate = rates[lever.id];
  return rate !== undefined && rate.tried - rate.accepted >= 2;
};

/**
 * A lever's rank: the failed episodes whose categories it answers, plus those showing a symptom it
 * cures (finer evidence counts twice: "closed drawers never opened" points at one remedy, a loop at many).
 */
function score(lever: Lever, ranked: ReturnType<typeof rankCategories>, rates: ReturnType<typeof leverHitRates>, failures: readonly FailureRecord[]): number {
  const answered = new Set(ranked.filter((entry) => lever.answers.includes(entry.category)).flatMap((entry) => entry.episodes));
  const cured = answered.size === 0 ? 0 : failures.filter((record) => record.symptoms?.some((symptom) => lever.cures?.includes(symptom))).length;
  const rate = rates[lever.id];
  return failedTwice(lever, rates) ? 0 : (answered.size + cured) * (rate && rate.tried - rate.accepted === 1 ? 0.5 : 1);
}

function manifestFor(levers: Lever[], edits: CandidateManifest['edits'], input: ProposeInput, ranked: ReturnType<typeof rankCategories>): CandidateManifest {
  const answers = ranked.filter((entry) => levers.some((lever) => lever.answers.includes(entry.category))).map((entry) => ({ category: entry.category, count: entry.episodes.length, episodes: entry.episodes }));
  const unlock = input.failures.filter((record) => levers.some((lever) => lever.answers.includes(record.primary))).map(episodeKey);
  return {
    formatVersion: 1, proposer: 'rules', levers: levers.map((lever) => lever.id), edits,
    answers, predicted: { unlock, risk: [...input.solved] }, signatures: levers.map((lever) => lever.signature),
    rationale: `${levers.map((lever) => lever.description).join(' + ')}; answers ${answers.map((a) => `${a.category} (${a.count})`).join(', ')}`,
  };
}

/**
 * A cost lever's manifest: it answers no failure, so what it "answers" is the cost of every parent
 * episode on the batch (category `cost`); it unlocks nothing and risks every solved episode.
 */
function costManifestFor(lever: Lever, edits: CandidateManifest['edits'], input: ProposeInput): CandidateManifest {
  const episodes = [...input.solved, ...input.failures.map(episodeKey)];
  const cut = `${Math.round((input.minCostCut ?? 0) * 100)}%`;
  return {
    formatVersion: 1, proposer: 'rules', levers: [lever.id], edits,
    answers: [{ category: COST_ANSWER, count: episodes.length, episodes }], predicted: { unlock: [], risk: [...input.solved] }, signatures: [lever.signature],
    rationale: `${lever.description}; a cost lever: it answers no failure, and the gate's minCostCut decides it (it passes only with no fewer successes than the parent and at least ${cut} fewer tokens per episode)`,
  };
}

/** The cost levers' candidates for `spec` not tried before, in catalogue order (none without `minCostCut`). */
function costProposals(input: ProposeInput, tried: ReadonlySet<string>): Proposal[] {
  if (!((input.minCostCut ?? 0) > 0) || input.solved.length + input.failures.length === 0) return [];
  const rates = leverHitRates(input.history);
  return LEVERS.filter((lever) => lever.aim === 'cost' && !failedTwice(lever, rates)).flatMap((lever) => {
    const edits = lever.edits(input.spec, [], input.history);
    if (!edits) return [];
    let spec: HarnessSpec;
    try {
      spec = { ...applyEdits(input.spec, edits), parent: harnessId(input.spec) };
    } catch {
      return [];
    }
    const id = behaviourId(spec);
    return tried.has(id) ? [] : [{ manifest: costManifestFor(lever, edits, input), spec, behaviourId: id }];
  });
}

/** Up to `count` candidates for the parent `spec`: success levers, then (with `minCostCut`) one cost lever in the last slot. */
export function proposeRules(input: ProposeInput): Proposal[] {
  const tried = new Set([behaviourId(input.spec), ...input.history.map((attempt) => attempt.behaviourId)]);
  const costs = costProposals(input, tried);
  const reserved = costs.length && input.failures.length ? 1 : 0;
  const proposals = proposeForFailures({ ...input, count: input.count - reserved }, tried);
  const room = input.count - proposals.length;
  return [...proposals, ...costs.filter((cost) => !tried.has(cost.behaviourId)).slice(0, input.failures.length ? Math.min(1, room) : room)];
}

/** Up to `input.count` candidates answering the parent's failures (none without failures); adds their behaviour ids to `tried`. */
function proposeForFailures(input: ProposeInput, tried: Set<string>): Proposal[] {
  const ranked = rankCategories(input.failures);
  if (ranked.length === 0 || input.count <= 0) return [];
  const categories = ranked.map((entry) => entry.category);
  const rates = leverHitRates(input.history);
  const usable = LEVERS.filter((lever) => lever.aim !== 'cost').map((lever) => ({ lever, edits: lever.edits(input.spec, categories, input.history), score: score(lever, ranked, rates, input.failures) }))
    .filter((entry): entry is { lever: Lever; edits: NonNullable<typeof entry.edits>; score: number } => entry.edits !== null && entry.score > 0)
    .sort((a, b) => b.score - a.score);
  const proposals: Proposal[] = [];
  const offer = (levers: Lever[], edits: CandidateManifest['edits']): void => {
    if (proposals.length >= input.count) return;
    let spec: HarnessSpec;
    try {
      spec = { ...applyEdits(input.spec, edits), parent: harnessId(input.spec) };
    } catch {
      return; // an edit that does not fit this spec is no candidate
    }
    const id = behaviourId(spec);
    if (tried.has(id)) return;
    tried.add(id);
    proposals.push({ manifest: manifestFor(levers, edits, input, ranked), spec, behaviourId: id });
  };
  const bundle = input.count >= 3 && usable.length >= 2 ? usable.slice(0, 2) : null;
  const singles = [...usable];
  while (singles.length && proposals.length < (bundle ? input.count - 1 : input.count)) offer([singles[0]!.lever], singles.shift()!.edits);
  if (bundle) {
    const second = bundle[1]!.lever.edits(applyEdits(input.spec, bundle[0]!.edits), categories, input.history);
    if (second) offer([bundle[0]!.lever, bundle[1]!.lever], [...bundle[0]!.edits, ...second]);
  }
  // When the bundle was no candidate (tried before, or did not fit), another single lever takes its place.
  while (singles.length && proposals.length < input.count) offer([singles[0]!.lever], singles.shift()!.edits);
  return proposals;
}
