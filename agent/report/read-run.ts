/**
 * Reading a run folder for a report: a benchmark (`config.json` with `kind: 'bench'`) or an
 * evolution (an evolution config, lineage.json, summary.json), its episode log and every
 * episode's trace, as sets of episodes to measure. A benchmark is one set; an evolution is one
 * set per held-out split it was judged on (the start and the evolved harness, with the model and
 * the null chooser) plus its rounds. Anything unusable is a ReportInputError naming the path and
 * what to do.
 */
import fs from 'node:fs';
import path from 'node:path';
import { benchConfigSchema, type BenchConfig } from '../bench/bench-config.ts';
import { openEpisodeLog, type EpisodeLog, type EpisodeResult } from '../bench/episode-log.ts';
import { loadRunFolder, RunFolderError, type RunFolder } from '../evolve/run-folder.ts';
import { loadSuiteManifest } from '../../scenarios/suites/load-suite.ts';
import { episodeFacts } from './episode-facts.ts';
import type { MetricLabels, ReportEpisode } from './bench-metrics.ts';
import { evolutionProgress, summaryJudgementSchema, type EvolutionProgress } from './evolution-progress.ts';
import type { Trace } from '../trace/trace-events.ts';

export class ReportInputError extends Error {
  override readonly name = 'ReportInputError';
}

/** Episodes measured together, with the names to show for their models and harnesses. */
export interface EpisodeSet {
  name: string;
  description: string;
  episodes: ReportEpisode[];
  labels: MetricLabels;
}

export interface RunContents {
  kind: 'bench' | 'evolution';
  dir: string;
  title: string;
  /** One line on what ran. */
  description: string;
  sets: EpisodeSet[];
  evolution: EvolutionProgress | null;
}

type ScenarioFacts = Map<string, { taskType: string | null; oracleSteps: number | null }>;

const NULL_CHOOSER_NOTE = ' (null chooser)';

function readJsonFile(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ReportInputError(`${file} is not valid JSON (${(error as Error).message}); restore it from the run, or rerun the command that made the folder`);
  }
}

/** The log, refusing a folder without finished episodes. */
function openLog(dir: string, rerun: string): EpisodeLog {
  if (!fs.existsSync(path.join(dir, 'episodes.jsonl'))) throw new ReportInputError(`${dir} has no episodes.jsonl: no episode has finished yet — ${rerun}`);
  let log: EpisodeLog;
  try {
    log = openEpisodeLog(dir, { readOnly: true });
  } catch (error) {
    throw new ReportInputError((error as Error).message);
  }
  if (log.size() === 0) throw new ReportInputError(`${path.join(dir, 'episodes.jsonl')} holds no episodes yet — ${rerun}`);
  return log;
}

/** An episode's trace; a missing or broken file is a ReportInputError naming it. */
export function readTraceOf(log: EpisodeLog, result: EpisodeResult): Trace {
  try {
    return log.readTrace(result);
  } catch (error) {
    throw new ReportInputError(`${path.join(log.dir, result.traceFile)}: cannot read the trace of ${result.scenarioId} seed ${result.seed} (${(error as Error).message}); the folder is incomplete — rerun the command that made it to write it again`);
  }
}

function toReportEpisode(log: EpisodeLog, result: EpisodeResult, scenarios: ScenarioFacts): ReportEpisode {
  const facts = episodeFacts(result, readTraceOf(log, result));
  const known = scenarios.get(result.scenarioId);
  return { ...facts, taskType: known?.taskType ?? facts.taskType, oracleSteps: known?.oracleSteps ?? null };
}

/** Harness names, made unique: the name, else the reference it was given by, else the name with its id. */
function harnessLabels(harnesses: BenchConfig['harnesses']): MetricLabels['harnesses'] {
  const count = (pick: (h: BenchConfig['harnesses'][number]) => string) => (value: string) => harnesses.filter((h) => pick(h) === value).length;
  const byName = count((h) => h.name);
  const byRef = count((h) => h.ref);
  return harnesses.map((h) => ({ id: h.harnessId, label: byName(h.name) === 1 ? h.name : byRef(h.ref) === 1 ? h.ref : `${h.name} (${h.harnessId})` }));
}

function readBench(dir: string, raw: unknown): RunContents {
  const parsed = benchConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ReportInputError(`${path.join(dir, 'config.json')} says kind 'bench' but does not match the bench config schema (${issue?.path.join('.') || '(top level)'}: ${issue?.message}); it was edited or made by another Hearth version — rerun hearth bench in a new folder`);
  }
  const config = parsed.data;
  const log = openLog(dir, `run hearth bench with --out ${dir} first (it continues where it stopped)`);
  const scenarios: ScenarioFacts = new Map(config.scenarios.map((s) => [s.id, { taskType: s.taskType, oracleSteps: s.oracleSteps }]));
  const source = config.source.suite ? [config.source.suite, ...(config.source.splits.length ? [config.source.splits.join('+')] : [])].join(':') : (config.source.files ?? 'scenario files');
  const world = !config.env ? `${config.physics} physics` : config.env.id === 'hearth' ? `${config.physics} physics, text view` : config.env.version;
  const labels: MetricLabels = {
    models: config.models.map((m) => ({ id: m.id, label: m.backend === 'null' ? `${m.spec}${NULL_CHOOSER_NOTE}` : m.spec })),
    harnesses: harnessLabels(config.harnesses),
  };
  const episodes = log.all().map((result) => toReportEpisode(log, result, scenarios));
  const description = `${config.models.length} model(s) × ${config.harnesses.length} harness(es) on ${config.scenarios.length} scenarios of ${source} × seeds ${config.seeds.join(', ')}, ${world}, Hearth ${config.hearthVersion}; ${episodes.length} episodes logged.`;
  return {
    kind: 'bench', dir, title: `Benchmark: ${config.models.map((m) => m.spec).join(', ')} on ${source}`, description,
    sets: [{ name: source, description: `${config.scenarios.length} scenarios × ${config.seeds.length} seed(s)`, episodes, labels }],
    evolution: null,
  };
}

/** Task types and oracle lengths from the frozen suite manifest (empty when the suite is not a known one). */
function suiteFacts(suite: string): ScenarioFacts {
  try {
    return new Map(loadSuiteManifest(suite).members.map((m) => [m.id, { taskType: m.taskType, oracleSteps: m.oracleLength }]));
  } catch {
    return new Map();
  }
}

function readEvolution(dir: string): RunContents {
  let folder: RunFolder;
  try {
    folder = loadRunFolder(dir);
  } catch (error) {
    if (error instanceof RunFolderError) throw new ReportInputError(error.message);
    throw error;
  }
  const summaryFile = path.join(dir, 'summary.json');
  const rerun = `continue it with the same hearth evolve command (--out ${dir}); it ends by judging on the held-out splits`;
  if (!fs.existsSync(summaryFile)) throw new ReportInputError(`${dir} is an unfinished evolution: no summary.json yet — ${rerun}`);
  const summary = summaryJudgementSchema.safeParse(readJsonFile(summaryFile));
  if (!summary.success) throw new ReportInputError(`${summaryFile} has no usable judgement (${summary.error.issues[0]?.path.join('.')}: ${summary.error.issues[0]?.message}) — ${rerun}`);
  const log = openLog(dir, rerun);
  const scenarios = suiteFacts(folder.config.suite);
  const results = log.all();
  const seeds = new Set(folder.config.seeds);
  const sets = summary.data.judgement.map((split): EpisodeSet => {
    const harnessNames = new Map<string, string[]>();
    for (const row of split.rows) harnessNames.set(row.harness, [...new Set([...(harnessNames.get(row.harness) ?? []), row.label])]);
    const members = new Set(split.scenarios);
    const episodes = results.filter((r) => harnessNames.has(r.harnessId) && members.has(r.scenarioId) && seeds.has(r.seed)).map((r) => toReportEpisode(log, r, scenarios));
    // In the order the judge ran them: the evolution's model first, then the null chooser.
    const models = [...new Map(episodes.map((e) => [e.model, { id: e.model, label: e.chooser === 'null' ? `${e.model}${NULL_CHOOSER_NOTE}` : e.model }])).values()];
    return {
      name: split.split, description: `held-out ${split.split}: ${split.scenarios.length} scenarios × seeds ${folder.config.seeds.join(', ')}, never used for selection`,
      episodes, labels: { models, harnesses: [...harnessNames].map(([id, names]) => ({ id, label: names.join(' = ') })) },
    };
  });
  const { config, lineage } = folder;
  return {
    kind: 'evolution', dir, title: `Evolution: ${config.from} with ${config.model} on ${config.suite}`,
    description: `${lineage.rounds.length} round(s) of up to ${config.candidates} candidates on ${config.train.limit} train scenarios each (stopped: ${lineage.stopped}); judged on ${config.judge.splits.join(', ')} (${config.judge.limit} scenarios each), ${config.physics} physics; ${results.length} episodes logged.`,
    sets, evolution: evolutionProgress(folder, summary.data.judgement),
  };
}

const GIVE_A_RUN_FOLDER = 'give a folder made by hearth bench or hearth evolve (their --out)';

/** Checks that `dir` is a run folder and says which kind; returns its parsed config.json. */
function runKind(dir: string): { kind: 'bench' | 'evolution'; config: unknown } {
  if (!fs.existsSync(dir)) throw new ReportInputError(`${dir} does not exist; ${GIVE_A_RUN_FOLDER}`);
  if (!fs.statSync(dir).isDirectory()) throw new ReportInputError(`${dir} is a file, not a run folder; ${GIVE_A_RUN_FOLDER}`);
  const configFile = path.join(dir, 'config.json');
  if (!fs.existsSync(configFile)) throw new ReportInputError(`${dir} is not a run folder: it has no config.json; ${GIVE_A_RUN_FOLDER}`);
  const config = readJsonFile(configFile);
  if (config && typeof config === 'object' && (config as { kind?: unknown }).kind === 'bench') return { kind: 'bench', config };
  if (!fs.existsSync(path.join(dir, 'lineage.json'))) throw new ReportInputError(`${dir} is not a run folder: its config.json has no kind 'bench' and there is no lineage.json (an evolution's); ${GIVE_A_RUN_FOLDER}`);
  return { kind: 'evolution', config };
}

/** Reads `dir` as a benchmark or an evolution run folder. */
export function readRun(dir: string): RunContents {
  const { kind, config } = runKind(dir);
  return kind === 'bench' ? readBench(dir, config) : readEvolution(dir);
}

/** The episode log of a run folder of either kind, finished or not (for exporting its episodes). */
export function readRunEpisodes(dir: string): { log: EpisodeLog; results: EpisodeResult[] } {
  const { kind } = runKind(dir);
  const log = openLog(dir, `run hearth ${kind === 'bench' ? 'bench' : 'evolve'} with --out ${dir} first`);
  return { log, results: log.all() };
}
