/**
 * Proposers behind one interface: each returns attempts — a proposal, or a failed candidate with
 * the raw text it came from and why it failed (a model's answer that is not JSON, does not match
 * the schema, names a part the spec lacks, does not build …). `--proposer rules,model` mixes them:
 * the round's candidate count is split in the order given (the first ones get the remainder, and
 * what one leaves unused passes to the next), so a run proposes the same candidates every time.
 */
import fs from 'node:fs';
import path from 'node:path';
import { hashJson } from '../../sim/index.ts';
import type { HarnessSpec } from '../harness/harness-spec.ts';
import type { ModelBackend } from '../models/model-backend.ts';
import { proposeRules, type ProposeInput, type Proposal } from './propose-rules.ts';
import type { VersionRecord } from './version-record.ts';

export const PROPOSER_NAMES = ['rules', 'model'] as const;
export type ProposerName = (typeof PROPOSER_NAMES)[number];

/** What a proposer is given: the rule proposer's input plus the round and what came before it in this round. */
export interface ProposerInput extends ProposeInput {
  round: number;
  /** Proposals made earlier in this round by proposers listed before this one. */
  earlier: readonly Proposal[];
}

/** One candidate a proposer made: ready to evaluate, or failed before evaluation. */
export type ProposalAttempt =
  | { type: 'proposal'; proposer: string; proposal: Proposal; rawText?: string }
  | { type: 'failed'; proposer: string; reason: string; rawText: string; spec?: HarnessSpec; manifest?: unknown };

export interface Proposer {
  name: string;
  propose(input: ProposerInput): Promise<ProposalAttempt[]>;
}

/** The rule proposer as a Proposer (never fails a candidate: it only offers edits that fit). */
export const rulesProposer: Proposer = {
  name: 'rules',
  propose: async (input) => proposeRules(input).map((proposal) => ({ type: 'proposal', proposer: 'rules', proposal })),
};

/** `rules`, `model` or `rules,model` → names, in order; throws saying what is allowed. */
export function parseProposerList(text: string): ProposerName[] {
  const names = text.split(',').map((name) => name.trim()).filter(Boolean);
  const unknown = names.find((name) => !(PROPOSER_NAMES as readonly string[]).includes(name));
  if (names.length === 0 || unknown !== undefined) throw new Error(`proposer '${unknown ?? text}' is unknown; use ${PROPOSER_NAMES.join(', ')} or a comma-separated mix such as rules,model`);
  if (new Set(names).size !== names.length) throw new Error(`proposer list '${text}' names one proposer twice; name each once`);
  return names as ProposerName[];
}

/** `count` split over `n` proposers: equal shares, the first ones taking the remainder. */
export function splitCount(count: number, n: number): number[] {
  return Array.from({ length: n }, (_, index) => Math.floor(count / n) + (index < count % n ? 1 : 0));
}

/**
 * Every proposer's attempts for one round, in proposer order. A proposal whose behaviour an
 * earlier proposer of this round already proposed becomes a failed attempt (it would be the same
 * candidate twice).
 */
export async function proposeWith(proposers: readonly Proposer[], input: Omit<ProposerInput, 'earlier'>): Promise<ProposalAttempt[]> {
  const shares = splitCount(input.count, proposers.length);
  const attempts: ProposalAttempt[] = [];
  let leftover = 0;
  for (const [index, proposer] of proposers.entries()) {
    const count = shares[index]! + leftover;
    if (count === 0) continue;
    const earlier = attempts.flatMap((attempt) => (attempt.type === 'proposal' ? [attempt.proposal] : []));
    const made = (await proposer.propose({ ...input, count, earlier })).slice(0, count);
    leftover = count - made.length;
    const seen = new Set(earlier.map((proposal) => proposal.behaviourId));
    attempts.push(...made.map((attempt): ProposalAttempt => (attempt.type === 'proposal' && seen.has(attempt.proposal.behaviourId)
      ? { type: 'failed', proposer: attempt.proposer, reason: `duplicate: ${attempt.proposal.behaviourId} was already proposed this round`, rawText: attempt.rawText ?? '', spec: attempt.proposal.spec, manifest: attempt.proposal.manifest }
      : attempt)));
  }
  return attempts;
}

/** Raw model answers kept in the run folder, so a continued run re-reads them instead of asking again. */
export interface AnswerStore {
  get(key: string): string | undefined;
  set(key: string, text: string): void;
}

/** An AnswerStore of one text file per answer in `dir`. */
export function fileAnswerStore(dir: string): AnswerStore {
  const file = (key: string) => path.join(dir, `${key.replace(/[^a-z0-9._-]+/gi, '-')}.txt`);
  return {
    get: (key) => (fs.existsSync(file(key)) ? fs.readFileSync(file(key), 'utf8') : undefined),
    set: (key, text) => {
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(file(key), text);
    },
  };
}

/** The proposers a run's config names; the model proposer asks `proposerModel`. */
export async function proposersFor(names: readonly ProposerName[], proposerModel: ModelBackend, out: string): Promise<Proposer[]> {
  const { createModelProposer } = await import('./propose-model.ts');
  return names.map((name) => (name === 'rules' ? rulesProposer : createModelProposer({ model: proposerModel, answers: fileAnswerStore(path.join(out, 'proposals')) })));
}

/** A failed attempt as an archived candidate: never evaluated, with its reason and the raw text. */
export function failedCandidateRecord(attempt: Extract<ProposalAttempt, { type: 'failed' }>, round: number, index: number, parent: { id: string; spec: HarnessSpec }): VersionRecord {
  const id = `f-${hashJson({ round, index, parent: parent.id, proposer: attempt.proposer, rawText: attempt.rawText, reason: attempt.reason }).slice(0, 12)}`;
  return {
    formatVersion: 1, kind: 'candidate', id, behaviourId: id, round, parents: [parent.id], accepted: false, reason: attempt.reason,
    spec: attempt.spec ?? parent.spec, manifest: attempt.manifest ?? null, gate: null, evidence: [], results: [], successRate: 0,
    proposer: attempt.proposer, rawText: attempt.rawText,
  };
}
