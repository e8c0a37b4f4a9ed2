/**
 * The rule proposer: failure categories → levers over the part catalogue, with no second model.
 * Levers are ranked by how many failed episodes they answer; levers that failed the gate before
 * lose weight, twice-failed ones are blocked; a candidate identical in behaviour to one already
 * tried is never proposed again. With room for it, the last candidate bundles the top two levers.
 */
import type { HarnessSpec } from '../harness/harness-spec.ts';
import type { CandidateManifest } from './candidate-manifest.ts';
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

function score(lever: Lever, ranked: ReturnType<typeof rankCategories>, rates: ReturnType<typeof leverHitRates>): number {
  const answered = new Set(ranked.filter((entry) => lever.answers.includes(entry.category)).flatMap((entry) => entry.episodes));
  const rate = rates[lever.id];
  const failedBefore = rate ? rate.tried - rate.accepted : 0;
  return failedBefore >= 2 ? 0 : answered.size * (failedBefore === 1 ? 0.5 : 1);
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

/** Up to `count` candidates for the parent `spec`. */
export function proposeRules(input: ProposeInput): Proposal[] {
  const ranked = rankCategories(input.failures);
  if (ranked.length === 0) return [];
  const categories = ranked.map((entry) => entry.category);
  const rates = leverHitRates(input.history);
  const tried = new Set([behaviourId(input.spec), ...input.history.map((attempt) => attempt.behaviourId)]);
  const usable = LEVERS.map((lever) => ({ lever, edits: lever.edits(input.spec, categories, input.history), score: score(lever, ranked, rates) }))
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
