/**
 * How an evolution went, for its report: each round's batch success on `train` (the current
 * version, re-run on the round's fresh batch, and every candidate evaluated on the same episodes),
 * and the held-out judgement (start and evolved, with the model and the null chooser) as
 * `hearth evolve` wrote it to summary.json.
 */
import { z } from 'zod';
import type { SplitJudgement } from '../evolve/judge.ts';
import { recordGate, type RunFolder } from '../evolve/run-folder.ts';
import type { Lineage } from '../evolve/version-record.ts';

/** One harness's success on one round's training batch. */
export interface RoundPoint {
  round: number;
  /** `version`: the round's parent (the current version); `candidate`: one proposal. */
  role: 'version' | 'candidate';
  /** Version id (h-…) for a version, behaviour id (b-…) for a candidate. */
  id: string;
  levers: string[];
  /** null for the version (it is not gated). */
  accepted: boolean | null;
  successes: number;
  n: number;
  rate: number;
  reason: string;
}

export interface EvolutionProgress {
  model: string;
  suite: string;
  from: string;
  lineage: Lineage;
  rounds: RoundPoint[];
  /** From summary.json: never used for selection. */
  judgement: SplitJudgement[];
}

const judgeRowSchema = z.object({
  label: z.string(), harness: z.string(), chooser: z.enum(['model', 'null']), successes: z.number(), episodes: z.number(), rate: z.number(), low: z.number(), high: z.number(),
  meanSteps: z.number(), tokensPerEpisode: z.number(), secondsPerEpisode: z.number(), episodesPerHour: z.number(),
});
/** The part of summary.json a report reads. */
export const summaryJudgementSchema = z.object({
  judgement: z.array(z.object({
    split: z.string(),
    scenarios: z.array(z.string()),
    rows: z.array(judgeRowSchema),
    differences: z.array(z.object({ label: z.string(), difference: z.number(), low: z.number(), high: z.number() })),
  })),
});

const point = (fields: Omit<RoundPoint, 'rate'>): RoundPoint => ({ ...fields, rate: fields.n ? fields.successes / fields.n : 0 });

/** The version and candidate points of every round that ran, in round order. */
export function roundPoints(folder: RunFolder): RoundPoint[] {
  return folder.lineage.rounds.flatMap((round) => {
    const records = round.candidates.map((candidate) => ({ candidate, record: folder.candidates.find((r) => r.round === round.round && r.behaviourId === candidate.behaviourId) }));
    // Every candidate is gated on the parent's episodes of this round, so any gate verdict gives the parent's batch success.
    const paired = records.map(({ record }) => (record ? recordGate(record)?.paired : undefined)).find((p) => p && p.episodes > 0);
    const parentVersion = folder.lineage.versions.find((version) => version.id === round.parent);
    const parent = paired
      ? [point({ round: round.round, role: 'version', id: round.parent, levers: parentVersion?.levers ?? [], accepted: null, successes: paired.parentSuccesses, n: paired.episodes, reason: 'the current version on this round\'s batch' })]
      : [];
    const candidates = records.map(({ candidate, record }) => point({
      round: round.round, role: 'candidate', id: candidate.behaviourId, levers: candidate.levers, accepted: candidate.accepted,
      successes: record ? record.results.filter((result) => result.success).length : Math.round(candidate.successRate * (paired?.episodes ?? 0)),
      n: record ? record.results.length : (paired?.episodes ?? 0),
      reason: candidate.reason,
    }));
    return [...parent, ...candidates];
  });
}

export function evolutionProgress(folder: RunFolder, judgement: SplitJudgement[]): EvolutionProgress {
  return { model: folder.config.model, suite: folder.config.suite, from: folder.config.from, lineage: folder.lineage, rounds: roundPoints(folder), judgement };
}
