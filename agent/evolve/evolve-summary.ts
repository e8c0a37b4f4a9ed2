/** The end of an evolution run as files a person reads: summary.md (tables) and summary.json (the same numbers). */
import fs from 'node:fs';
import path from 'node:path';
import type { EvolveConfig } from './evolve-config.ts';
import { gateVerdictSchema, type GateVerdict } from './gate.ts';
import type { SplitJudgement } from './judge.ts';
import { judgementMarkdown } from './judge.ts';
import type { Lineage } from './version-record.ts';

export interface EvolveSummaryInput {
  lineage: Lineage;
  judgement: SplitJudgement[];
  episodesRun: number;
  wallSeconds: number;
  total: { invocations: number; seconds: number; episodesRun: number; episodesLogged: number };
}

/**
 * Rounds as a table: each candidate's levers, success on the batch and the gate's verdict. With
 * `gateOf` (the gate accepts on cost), also tokens per episode, parent → candidate, and which
 * candidates passed on cost.
 */
export function roundsMarkdown(lineage: Lineage, gateOf?: (file: string) => GateVerdict | null): string {
  if (lineage.rounds.length === 0) return 'No rounds ran.';
  const lines = gateOf
    ? ['| round | parent | candidate levers | batch success | tokens/episode (parent → candidate) | verdict |', '|---|---|---|---|---|---|']
    : ['| round | parent | candidate levers | batch success | verdict |', '|---|---|---|---|---|'];
  for (const round of lineage.rounds) {
    for (const candidate of round.candidates) {
      const verdict = gateOf?.(candidate.file) ?? null;
      const paired = verdict && verdict.paired.episodes > 0 ? verdict.paired : null;
      const tokens = paired?.parentTokens !== undefined && paired.candidateTokens !== undefined ? `${Math.round(paired.parentTokens)} → ${Math.round(paired.candidateTokens)}` : '—';
      const outcome = candidate.accepted ? `passed the gate${verdict?.byCost ? ' on cost' : ''}` : candidate.reason.replace(/\|/g, '/');
      const cells = [round.round, round.parent, candidate.levers.join(' + ') || `(${candidate.proposer ?? 'rules'} answer, not valid)`, `${(100 * candidate.successRate).toFixed(0)}%`, ...(gateOf ? [tokens] : []), outcome];
      lines.push(`| ${cells.join(' | ')} |`);
    }
  }
  return lines.join('\n');
}

/** The gate verdict in a candidate record file of run folder `out`, or null (a candidate that failed before evaluation has none). */
function recordedGate(out: string, file: string): GateVerdict | null {
  try {
    const parsed = gateVerdictSchema.safeParse((JSON.parse(fs.readFileSync(path.join(out, file), 'utf8')) as { gate?: unknown }).gate);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Per proposer: candidates proposed, valid (evaluated: not failed before), accepted, and its levers' hit rates. */
export interface ProposerStats {
  proposer: string;
  proposed: number;
  valid: number;
  accepted: number;
  hitRates: Record<string, { tried: number; accepted: number }>;
}

/** Proposer statistics over the lineage's rounds, in the order proposers first appear (lineages from before proposers were pluggable count as rules). */
export function proposerStats(lineage: Lineage): ProposerStats[] {
  const stats = new Map<string, ProposerStats>();
  for (const candidate of lineage.rounds.flatMap((round) => round.candidates)) {
    const proposer = candidate.proposer ?? 'rules';
    const entry = stats.get(proposer) ?? { proposer, proposed: 0, valid: 0, accepted: 0, hitRates: {} };
    stats.set(proposer, entry);
    entry.proposed += 1;
    if (candidate.valid === false) continue;
    entry.valid += 1;
    if (candidate.accepted) entry.accepted += 1;
    for (const lever of candidate.levers) {
      entry.hitRates[lever] ??= { tried: 0, accepted: 0 };
      entry.hitRates[lever].tried += 1;
      if (candidate.accepted) entry.hitRates[lever].accepted += 1;
    }
  }
  return [...stats.values()];
}

/** Proposers as a table. */
export function proposersMarkdown(stats: readonly ProposerStats[]): string {
  if (stats.length === 0) return 'No candidates were proposed.';
  const lines = ['| proposer | proposed | valid | accepted | lever hit rates (accepted/tried) |', '|---|---|---|---|---|'];
  for (const entry of stats) {
    const rates = Object.entries(entry.hitRates).map(([lever, { tried, accepted }]) => `${lever} ${accepted}/${tried}`).join(', ') || '—';
    lines.push(`| ${entry.proposer} | ${entry.proposed} | ${entry.valid} | ${entry.accepted} | ${rates.replace(/\|/g, '/')} |`);
  }
  return lines.join('\n');
}

/** The path from the start to the best version. */
export function lineagePath(lineage: Lineage): string {
  return lineage.versions.map((v) => (v.levers.length ? `${v.id} (+${v.levers.join(' + ')}, round ${v.round}, batch ${(100 * v.successRate).toFixed(0)}%)` : `${v.id} (start)`)).join(' → ');
}

export function writeEvolveSummary(out: string, config: EvolveConfig, outcome: EvolveSummaryInput): void {
  const proposers = proposerStats(outcome.lineage);
  const costCut = config.gate.minCostCut ?? 0;
  const costGate = costCut > 0 ? `; or equal success with at least ${(100 * costCut).toFixed(0)}% fewer tokens per episode (on cost)` : '';
  const markdown = [
    `# Evolution: ${config.from} with ${config.model} on ${config.suite}`,
    '',
    `Training batch: ${config.train.limit} train scenarios × seeds ${config.seeds.join(', ')}; ${config.candidates} candidates per round, ${outcome.lineage.rounds.length} round(s) run (stopped: ${outcome.lineage.stopped}); gate: one-sided exact McNemar p ≤ ${config.gate.alpha}, gain ≥ ${config.gate.minGain}, at most ${config.gate.maxRegressions} regression(s)${costGate}.`,
    '',
    '## Rounds',
    '',
    roundsMarkdown(outcome.lineage, costCut > 0 ? (file) => recordedGate(out, file) : undefined),
    '',
    `## Proposers (${config.proposer}${config.proposerModel ? `; model proposer ${config.proposerModel}` : ''})`,
    '',
    proposersMarkdown(proposers),
    '',
    '## Lineage',
    '',
    lineagePath(outcome.lineage),
    '',
    '## Held-out judgement (never used for selection)',
    '',
    judgementMarkdown(outcome.judgement),
    '',
    '## Cost',
    '',
    `${outcome.episodesRun} episodes run by this invocation in ${outcome.wallSeconds.toFixed(0)} s; over ${outcome.total.invocations} finished invocation(s): ${outcome.total.episodesRun} episodes in ${(outcome.total.seconds / 60).toFixed(1)} min (${outcome.total.episodesLogged} in the log).`,
    '',
    '## Look closer',
    '',
    `- \`hearth harness log ${out}\` — every version and candidate with its verdict`,
    `- \`hearth harness show ${outcome.lineage.best} --dir ${out}\` — the best version's parts, parameters and texts`,
    `- \`hearth harness diff ${outcome.lineage.start} ${outcome.lineage.best} --dir ${out}\` — what changed, with the evidence`,
    `- \`hearth trace digest ${path.join(out, 'traces')}/<behaviour>/*.jsonl\` — what went wrong in episodes`,
    '',
  ].join('\n');
  fs.writeFileSync(path.join(out, 'summary.md'), markdown);
  fs.writeFileSync(path.join(out, 'summary.json'), `${JSON.stringify({ formatVersion: 1, config, ...outcome, proposers }, null, 2)}\n`);
}
