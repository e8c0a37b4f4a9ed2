/**
 * The evolution loop, a resumable state machine over files in its output folder:
 * run the current version on a training batch → digest its failures → propose candidates →
 * evaluate each on the same episodes → gate → accept the best → next round; then judge the start
 * and the best version on held-out splits. Every episode goes through the episode log, so a rerun
 * replays the finished ones from disk (deterministic proposer, same files) and runs only the rest.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { WorldSpec } from '../../sim/index.ts';
import { loadSuiteAsync } from '../../scenarios/suites/load-suite.ts';
import type { SplitName } from '../../scenarios/suites/suite-manifest.ts';
import { openEpisodeLog, type EpisodeLog, type EpisodeResult } from '../bench/episode-log.ts';
import { runEpisodes, type EpisodePlan } from '../bench/run-episodes.ts';
import { balancedSample } from '../bench/balanced-sample.ts';
import { buildHarness } from '../harness/build-harness.ts';
import { builtInParts } from '../harness/all-parts.ts';
import { behaviourId, harnessId, type HarnessSpec } from '../harness/harness-spec.ts';
import type { ModelBackend } from '../models/model-backend.ts';
import { createNullChooser } from '../models/null-chooser.ts';
import { configDifferences, evolveConfigSchema, type EvolveConfig } from './evolve-config.ts';
import { COST_ANSWER } from './candidate-manifest.ts';
import { digestTrace, type FailureRecord } from './digest.ts';
import { gate } from './gate.ts';
import { judgeDifference, judgeRow, scenarioIds, type SplitJudgement } from './judge.ts';
import { leverHitRates, type LeverHistory, type Proposal } from './propose-rules.ts';
import { failedCandidateRecord, parseProposerList, proposersFor, proposeWith, type ProposalAttempt, type Proposer } from './proposers.ts';
import type { Lineage, VersionRecord } from './version-record.ts';
import { writeEvolveSummary } from './evolve-summary.ts';

export type EvolveProgress =
  | { kind: 'phase'; text: string }
  | { kind: 'episode'; phase: string; done: number; total: number; result: EpisodeResult; fresh: boolean };

export interface EvolveRunOptions {
  config: EvolveConfig;
  out: string;
  model: ModelBackend;
  /** The model proposer's model (default: `model`). */
  proposerModel?: ModelBackend;
  /** Proposers to use instead of those the config names (tests inject scripted ones). */
  proposers?: Proposer[];
  onProgress?: (progress: EvolveProgress) => void;
}

export interface EvolveOutcome {
  lineage: Lineage;
  judgement: SplitJudgement[];
  /** Episodes this invocation ran (not read back from the log). */
  episodesRun: number;
  wallSeconds: number;
  /** Over every invocation that finished in this folder (a killed one is not counted). */
  total: { invocations: number; seconds: number; episodesRun: number; episodesLogged: number };
}

export class EvolveConfigError extends Error {
  override readonly name = 'EvolveConfigError';
}

/** Writes config.json, or checks that an existing one describes the same run. */
function prepareFolder(out: string, config: EvolveConfig): void {
  fs.mkdirSync(path.join(out, 'versions'), { recursive: true });
  fs.mkdirSync(path.join(out, 'candidates'), { recursive: true });
  const file = path.join(out, 'config.json');
  if (fs.existsSync(file)) {
    const previous = evolveConfigSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    if (!previous.success) throw new EvolveConfigError(`${file} is not an evolution config (${previous.error.issues[0]?.message}); use a new --out folder`);
    const differences = configDifferences(previous.data, config);
    if (differences.length) throw new EvolveConfigError(`${out} holds a different evolution run; differs in ${differences.join('; ')}. Use the same options to continue it, or a new --out folder`);
  }
  fs.writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
}

const writeJson = (file: string, value: unknown): void => {
  fs.writeFileSync(`${file}.tmp`, `${JSON.stringify(value, null, 2)}\n`);
  fs.renameSync(`${file}.tmp`, file);
};

const outcomes = (results: readonly EpisodeResult[]): VersionRecord['results'] =>
  results.map(({ scenarioId, seed, success, steps, tokens, seconds }) => ({ scenarioId, seed, success, steps, tokens, seconds }));
const rate = (results: readonly EpisodeResult[]): number => (results.length ? results.filter((r) => r.success).length / results.length : 0);

interface Current {
  spec: HarnessSpec;
  id: string;
  levers: string[];
}

/** The loop's state while it runs. */
class Evolution {
  readonly log: EpisodeLog;
  readonly started = Date.now();
  episodesRun = 0;
  stopped = 'rounds done';
  readonly history: LeverHistory[] = [];
  readonly lineage: Lineage;
  proposers: Proposer[] = [];

  constructor(readonly options: EvolveRunOptions, readonly start: Current) {
    this.log = openEpisodeLog(options.out);
    this.lineage = { formatVersion: 1, start: start.id, best: start.id, versions: [], rounds: [], hitRates: {}, stopped: '' };
  }

  overBudget(): boolean {
    const minutes = this.options.config.budgetMinutes;
    return minutes > 0 && Date.now() - this.started > minutes * 60_000;
  }

  async run(spec: HarnessSpec, plan: EpisodePlan, phase: string, model = this.options.model): Promise<EpisodeResult[]> {
    const total = plan.scenarios.length * plan.seeds.length;
    let done = 0;
    return runEpisodes(spec, plan, {
      log: this.log, model, physics: this.options.config.physics,
      onEpisode: (result, fresh) => {
        done += 1;
        if (fresh) this.episodesRun += 1;
        this.options.onProgress?.({ kind: 'episode', phase, done, total, result, fresh });
      },
    });
  }

  failuresOf(results: readonly EpisodeResult[]): FailureRecord[] {
    return results.filter((r) => !r.success).map((r) => digestTrace(this.log.readTrace(r))).filter((record): record is FailureRecord => record !== null);
  }

  record(file: string, record: VersionRecord): string {
    const relative = path.join(record.kind === 'candidate' ? 'candidates' : 'versions', file);
    writeJson(path.join(this.options.out, relative), record);
    return relative;
  }
}

/** One candidate: build, evaluate on the parent's episodes, gate, archive. */
async function tryCandidate(evolution: Evolution, round: number, parent: Current, parentResults: EpisodeResult[], attempt: Extract<ProposalAttempt, { type: 'proposal' }>, plan: EpisodePlan, failures: FailureRecord[]) {
  const { proposal } = attempt;
  let buildError: string | null = null;
  try {
    buildHarness(proposal.spec, builtInParts);
  } catch (error) {
    buildError = (error as Error).message;
  }
  const results = buildError ? [] : await evolution.run(proposal.spec, plan, `round ${round}: ${proposal.manifest.levers.join('+')}`);
  const verdict = gate({ manifest: proposal.manifest, buildError, parent: parentResults, candidate: results, candidateTraces: results.map((r) => evolution.log.readTrace(r)) }, evolution.options.config.gate);
  // A cost lever's answer names every episode of the batch; it answers none of their failures.
  const answered = new Set(proposal.manifest.answers.filter((answer) => answer.category !== COST_ANSWER).flatMap((answer) => answer.episodes));
  const record: VersionRecord = {
    formatVersion: 1, kind: 'candidate', id: harnessId(proposal.spec), behaviourId: proposal.behaviourId, round, parents: [parent.id], accepted: verdict.accepted, reason: verdict.reason,
    spec: proposal.spec, manifest: proposal.manifest, gate: verdict, evidence: failures.filter((f) => answered.has(`${f.scenarioId}#${f.seed}`)), results: outcomes(results), successRate: rate(results),
    proposer: attempt.proposer, ...(attempt.rawText !== undefined ? { rawText: attempt.rawText } : {}),
  };
  const file = evolution.record(`r${round}-${proposal.behaviourId}.json`, record);
  evolution.history.push({ levers: proposal.manifest.levers, behaviourId: proposal.behaviourId, accepted: verdict.accepted });
  return { proposal, results, verdict, record, file };
}

async function evolveRound(evolution: Evolution, round: number, parent: Current, plan: EpisodePlan): Promise<Current | null> {
  const { config } = evolution.options;
  evolution.options.onProgress?.({ kind: 'phase', text: `round ${round}: parent ${parent.id} on ${plan.scenarios.length} train scenarios` });
  const parentResults = await evolution.run(parent.spec, plan, `round ${round}: parent`);
  const failures = evolution.failuresOf(parentResults);
  const solved = parentResults.filter((r) => r.success).map((r) => `${r.scenarioId}#${r.seed}`);
  const attempts = await proposeWith(evolution.proposers, { round, spec: parent.spec, failures, solved, history: evolution.history, count: config.candidates, minCostCut: config.gate.minCostCut });
  if (attempts.length === 0) {
    evolution.stopped = failures.length ? 'no lever left to try' : 'the parent solves the whole batch';
    return null;
  }
  const tried = [];
  const candidates: Lineage['rounds'][number]['candidates'] = [];
  for (const [index, attempt] of attempts.entries()) {
    if (attempt.type === 'failed') {
      const record = failedCandidateRecord(attempt, round, index, parent);
      const file = evolution.record(`r${round}-failed-${attempt.proposer}-${index}.json`, record);
      candidates.push({ behaviourId: record.behaviourId, levers: [], accepted: false, reason: attempt.reason, successRate: 0, file, proposer: attempt.proposer, valid: false });
      continue;
    }
    if (evolution.overBudget()) {
      evolution.stopped = `time budget of ${config.budgetMinutes} min used`;
      break;
    }
    const t = await tryCandidate(evolution, round, parent, parentResults, attempt, plan, failures);
    tried.push(t);
    candidates.push({ behaviourId: t.proposal.behaviourId, levers: t.proposal.manifest.levers, accepted: t.verdict.accepted, reason: t.verdict.reason, successRate: t.record.successRate, file: t.file, proposer: attempt.proposer });
  }
  const best = tried.filter((t) => t.verdict.accepted).sort((a, b) => b.verdict.paired.candidateSuccesses - a.verdict.paired.candidateSuccesses || tokens(a.results) - tokens(b.results))[0];
  const next = best ? asVersion(evolution, parent, best.proposal, round) : null;
  evolution.lineage.rounds.push({
    round, parent: parent.id, accepted: next ? next.id : null,
    candidates,
  });
  if (!best || !next) return parent;
  const file = evolution.record(`${next.id}.json`, { ...best.record, kind: "version", id: next.id, spec: next.spec });
  evolution.lineage.versions.push({ id: next.id, behaviourId: best.proposal.behaviourId, parent: parent.id, round, successRate: best.record.successRate, levers: best.proposal.manifest.levers, file });
  evolution.lineage.best = next.id;
  return next;
}

/** The accepted candidate as the next version: named after the start, its levers so far in the description. */
function asVersion(evolution: Evolution, parent: Current, proposal: Proposal, round: number): Current {
  const levers = [...parent.levers, ...proposal.manifest.levers];
  const spec: HarnessSpec = { ...proposal.spec, parent: parent.id, name: `${evolution.start.spec.name}-evolved`, description: `${evolution.start.spec.name} + ${levers.join(' + ')}`, evidence: { round, levers: proposal.manifest.levers, rationale: proposal.manifest.rationale } };
  return { spec, id: harnessId(spec), levers };
}

const tokens = (results: readonly EpisodeResult[]): number => results.reduce((sum, r) => sum + r.tokens, 0);

/**
 * Round r's batch: the r-th block of `size` train scenarios (wrapping around when the split runs
 * out). A fresh batch each round keeps evolution from fitting one batch, and the parent is always
 * re-run on it, so every comparison stays paired.
 */
export function roundBatch<T>(train: readonly T[], size: number, round: number): T[] {
  const batch: T[] = [];
  for (let index = 0; index < Math.min(size, train.length); index += 1) batch.push(train[((round - 1) * size + index) % train.length]!);
  return batch;
}

async function splitScenarios(config: EvolveConfig, split: SplitName, limit: number): Promise<WorldSpec[]> {
  return balancedSample((await loadSuiteAsync(config.suite, { splits: [split], limit })).map((member) => member.world), limit);
}

async function judge(evolution: Evolution, start: Current, best: Current): Promise<SplitJudgement[]> {
  const { config } = evolution.options;
  const nullChooser = createNullChooser(0);
  const judged: SplitJudgement[] = [];
  for (const split of config.judge.splits) {
    const plan = { scenarios: await splitScenarios(config, split, config.judge.limit), seeds: config.seeds };
    evolution.options.onProgress?.({ kind: 'phase', text: `judging on ${split} (${plan.scenarios.length} scenarios)` });
    const staticModel = await evolution.run(start.spec, plan, `judge ${split}: static`);
    const evolvedModel = await evolution.run(best.spec, plan, `judge ${split}: evolved`);
    const rows = [judgeRow(`static (${start.spec.name})`, start.id, 'model', staticModel), judgeRow('evolved', best.id, 'model', evolvedModel)];
    const differences = [judgeDifference('evolved − static, with the model', staticModel, evolvedModel)];
    if (config.judge.nullChooser) {
      const evolvedNull = await evolution.run(best.spec, plan, `judge ${split}: evolved, null chooser`, nullChooser);
      const staticNull = await evolution.run(start.spec, plan, `judge ${split}: static, null chooser`, nullChooser);
      rows.push(judgeRow('evolved', best.id, 'null', evolvedNull), judgeRow(`static (${start.spec.name})`, start.id, 'null', staticNull));
      differences.push(judgeDifference('evolved: model − null chooser (what the model adds)', evolvedNull, evolvedModel));
    }
    judged.push({ split, scenarios: scenarioIds(plan.scenarios), rows, differences });
  }
  return judged;
}

/** Runs (or continues) an evolution in `options.out`. */
export async function runEvolution(options: EvolveRunOptions): Promise<EvolveOutcome> {
  const config = evolveConfigSchema.parse(options.config);
  prepareFolder(options.out, config);
  const startSpec = { ...config.start, parent: null };
  const start: Current = { spec: startSpec, id: harnessId(startSpec), levers: [] };
  const evolution = new Evolution({ ...options, config }, start);
  evolution.proposers = options.proposers ?? await proposersFor(parseProposerList(config.proposer), options.proposerModel ?? options.model, options.out);
  const startFile = evolution.record(`${start.id}.json`, { formatVersion: 1, kind: 'start', id: start.id, behaviourId: behaviourId(startSpec), round: 0, parents: [], accepted: true, reason: 'start', spec: startSpec, manifest: null, gate: null, evidence: [], results: [], successRate: 0 });
  evolution.lineage.versions.push({ id: start.id, behaviourId: behaviourId(startSpec), parent: null, round: 0, successRate: 0, levers: [], file: startFile });
  const train = await splitScenarios(config, 'train', config.train.limit * Math.max(1, config.rounds));
  let current = start;
  for (let round = 1; round <= config.rounds; round += 1) {
    if (evolution.overBudget()) {
      evolution.stopped = `time budget of ${config.budgetMinutes} min used`;
      break;
    }
    const next = await evolveRound(evolution, round, current, { scenarios: roundBatch(train, config.train.limit, round), seeds: config.seeds });
    writeJson(path.join(options.out, 'lineage.json'), { ...evolution.lineage, hitRates: leverHitRates(evolution.history), stopped: 'running' });
    if (!next) break;
    current = next;
  }
  const lineage: Lineage = { ...evolution.lineage, hitRates: leverHitRates(evolution.history), stopped: evolution.stopped };
  writeJson(path.join(options.out, 'lineage.json'), lineage);
  const judgement = await judge(evolution, start, current);
  const invocation = { startedAt: new Date(evolution.started).toISOString(), seconds: (Date.now() - evolution.started) / 1000, episodesRun: evolution.episodesRun };
  fs.appendFileSync(path.join(options.out, 'invocations.jsonl'), `${JSON.stringify(invocation)}\n`);
  const invocations = fs.readFileSync(path.join(options.out, 'invocations.jsonl'), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as typeof invocation);
  const outcome = {
    lineage, judgement, episodesRun: evolution.episodesRun, wallSeconds: invocation.seconds,
    total: { invocations: invocations.length, seconds: invocations.reduce((sum, i) => sum + i.seconds, 0), episodesRun: invocations.reduce((sum, i) => sum + i.episodesRun, 0), episodesLogged: evolution.log.size() },
  };
  writeEvolveSummary(options.out, config, outcome);
  return outcome;
}
