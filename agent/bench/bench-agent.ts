/**
 * `npm run bench:agent -- [--json] [--episodes N] [--harnesses minimal,react-basic] [--threads T]
 *   [--suite household-v1 --split test-unseen | --scenarios DIR]`
 * - harness overhead per step with model time excluded (scripted model; wall time minus the time
 *   spent inside model calls; the symbolic env step is included): `react-basic` and a harness
 *   with one part of every kind;
 * - with the real default model: seconds per episode → episodes/hour (extrapolated from the
 *   sample), and the success rate of each harness on the same N scenarios.
 * - episodes/hour at concurrency N = 1, 2, 4 (`--concurrency 1,2,4`): N episodes at once against one
 *   loaded model (N llama.cpp sequences in one context, batched), `--concurrency-harness` on
 *   `--concurrency-episodes` scenarios, wall time of the whole batch.
 * Scenarios: a split of a frozen suite (default household-v1 test-unseen, regenerated and
 * hash-checked), or every file of `--scenarios DIR`; N taken round-robin over task types (default: all).
 * Model threads default to 2 (both cores of the reference machine; the bench runs alone).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { WorldSpec } from '../../sim/index.ts';
import { loadWorldOrThrow } from '../../scenarios/format/load-scenario.ts';
import { loadSuite } from '../../scenarios/suites/load-suite.ts';
import { SPLITS, type SplitName } from '../../scenarios/suites/suite-manifest.ts';
import { buildHarness } from '../harness/build-harness.ts';
import { builtInParts } from '../harness/all-parts.ts';
import { loadHarness } from '../harness/presets/load-harness.ts';
import { runEpisode } from '../harness/run-episode.ts';
import { createScriptedBackend } from '../models/scripted-backend.ts';
import { openModel } from '../models/open-model.ts';
import { ensureModel } from '../models/catalog/fetch-model.ts';
import { DEFAULT_MODEL_ID } from '../models/catalog/model-catalog.ts';
import type { ModelBackend } from '../models/model-backend.ts';
import type { EventOf, Trace } from '../trace/trace-events.ts';
import { balancedSample } from './balanced-sample.ts';
import { openEpisodeLog } from './episode-log.ts';
import { runEpisodeJobs, scenarioTask } from './run-episodes.ts';
import os from 'node:os';

const { values: args } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    episodes: { type: 'string' },
    harnesses: { type: 'string', default: 'minimal,react-basic' },
    threads: { type: 'string', default: '2' },
    suite: { type: 'string', default: 'household-v1' },
    split: { type: 'string', default: 'test-unseen' },
    scenarios: { type: 'string' },
    concurrency: { type: 'string', default: '1,2,4' },
    'concurrency-harness': { type: 'string', default: 'evolved-smollm2' },
    'concurrency-episodes': { type: 'string', default: '8' },
  },
});
const json = args.json;
const harnessNames = args.harnesses === 'none' ? [] : args.harnesses.split(',');
const concurrencyLevels = args.concurrency === 'none' ? [] : args.concurrency.split(',').map(Number);
if (concurrencyLevels.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`--concurrency must list whole numbers ≥ 1 (or none), got '${args.concurrency}'`);
const threads = Number(args.threads);
if (!Number.isInteger(threads) || threads < 1) throw new Error(`--threads must be a whole number ≥ 1, got '${args.threads}'`);
if (!args.scenarios && !(SPLITS as readonly string[]).includes(args.split)) throw new Error(`--split must be one of ${SPLITS.join(', ')}, got '${args.split}'`);
const scenarioDir = args.scenarios;
const scenarios: WorldSpec[] = scenarioDir
  ? fs.readdirSync(scenarioDir).filter((name) => name.endsWith('.json') && name !== 'manifest.json').sort().map((name) => loadWorldOrThrow(path.join(scenarioDir, name)))
  : loadSuite(args.suite, { splits: [args.split as SplitName] }).map((member) => member.world);
const episodes = args.episodes === undefined ? scenarios.length : Number(args.episodes);
if (!Number.isInteger(episodes) || episodes < 1) throw new Error(`--episodes must be a whole number ≥ 1, got '${args.episodes}'`);

const EVERY_KIND = {
  formatVersion: 1, name: 'every-kind',
  slots: {
    summarizers: ['observation-text', 'visible-here', 'goal-relevant', 'observation-json', 'ascii-map', 'changes', 'history-window'].map((part) => ({ part })),
    decomposer: { part: 'goal-tree' },
    memory: [{ part: 'episodic-notes' }, { part: 'lessons', params: { lessons: [{ rule: 'Open closed receptacles first.', evidence: 'bench' }] } }, { part: 'exemplars' }],
    promptBuilder: { part: 'chat-prompt' },
    selector: { part: 'free-generation', params: { thought: true } },
    validators: [{ part: 'learned-preconditions' }, { part: 'admissible' }],
    control: ['loop-detection', 'search-once', 'step-budget', 'replan-on-stall', 'switch-selector'].map((part) => ({ part })),
  },
};

/** Wraps a model to add up the time spent inside its calls. */
function timed(model: ModelBackend): { model: ModelBackend; ms: () => number } {
  let ms = 0;
  const time = async <T>(call: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await call();
    } finally {
      ms += performance.now() - started;
    }
  };
  const wrapped: ModelBackend = {
    info: model.info,
    generate: (request) => time(() => model.generate(request)),
    scoreChoices: (request) => time(() => model.scoreChoices(request)),
    resetCache: () => model.resetCache(),
    close: () => model.close(),
  };
  return { model: wrapped, ms: () => ms };
}

const endOf = (trace: Trace): EventOf<'episode-end'> => trace.events.at(-1) as EventOf<'episode-end'>;

async function overheadMsPerStep(spec: unknown): Promise<number> {
  const harness = typeof spec === 'string' ? loadHarness(spec) : buildHarness(spec, builtInParts);
  let steps = 0;
  let harnessMs = 0;
  for (let round = 0; round < 3; round += 1) {
    for (const scenario of scenarios.slice(0, 24)) {
      const { model, ms } = timed(createScriptedBackend({ replies: [], fallback: 'go to countertop 1' }));
      const started = performance.now();
      const trace = await runEpisode({ scenario, seed: round, model, harness });
      harnessMs += performance.now() - started - ms();
      steps += endOf(trace).steps;
    }
  }
  return harnessMs / steps;
}

const sample = (count: number): WorldSpec[] => balancedSample(scenarios, count);

async function measureHarness(name: string, model: ModelBackend, chosen: WorldSpec[]) {
  const totals = { successes: 0, steps: 0, seconds: 0, modelSeconds: 0 };
  for (const scenario of chosen) {
    const clock = timed(model);
    const started = performance.now();
    const end = endOf(await runEpisode({ scenario, seed: 0, model: clock.model, harness: loadHarness(name) }));
    totals.seconds += (performance.now() - started) / 1000;
    totals.modelSeconds += clock.ms() / 1000;
    totals.successes += end.success ? 1 : 0;
    totals.steps += end.steps;
    if (!json) console.log(`${name} ${scenario.id}: ${end.success ? 'success' : `failed (${end.termination})`} in ${end.steps} steps`);
  }
  const n = chosen.length;
  return { episodes: n, successes: totals.successes, successRate: totals.successes / n, meanSteps: totals.steps / n, secondsPerEpisode: totals.seconds / n, secondsPerStep: totals.seconds / totals.steps, modelShareOfTime: totals.modelSeconds / totals.seconds, episodesPerHourExtrapolated: (3600 * n) / totals.seconds };
}

const round3 = (value: number): number => Math.round(value * 1000) / 1000;
const rounded = (record: Record<string, number>) => Object.fromEntries(Object.entries(record).map(([key, value]) => [key, round3(value)]));

const overhead = { 'react-basic': await overheadMsPerStep('react-basic'), 'every-kind': await overheadMsPerStep(EVERY_KIND) };
if (!json) console.log('harness overhead ms/step', rounded(overhead));
await ensureModel(DEFAULT_MODEL_ID);
const model = await openModel(DEFAULT_MODEL_ID, { threads });
// Warm-up: the first evaluation pays one-time costs (weights paged in, buffers allocated).
await model.generate({ messages: [{ role: 'user', content: 'Say hello.' }], maxTokens: 4 });
const chosen = sample(episodes);
const perHarness: Record<string, Record<string, number>> = {};
for (const name of harnessNames) perHarness[name] = rounded(await measureHarness(name, model, chosen));
await model.close();

/** One batch at concurrency N on a fresh model with N sequences; wall time of the whole batch. */
async function measureConcurrency(n: number, harnessName: string, batch: WorldSpec[]) {
  const shared = await openModel(DEFAULT_MODEL_ID, { threads, sequences: n });
  await shared.generate({ messages: [{ role: 'user', content: 'Say hello.' }], maxTokens: 4 });
  const log = openEpisodeLog(fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-bench-concurrency-')));
  const spec = loadHarness(harnessName).spec;
  const started = performance.now();
  const results = await runEpisodeJobs(batch.map((scenario) => ({ spec, task: scenarioTask(scenario), seed: 0 })), { log, model: shared, concurrency: n });
  const seconds = (performance.now() - started) / 1000;
  await shared.close();
  fs.rmSync(log.dir, { recursive: true, force: true });
  const steps = results.reduce((sum, result) => sum + result.steps, 0);
  if (!json) console.log(`concurrency ${n}: ${results.length} episodes in ${seconds.toFixed(1)} s`);
  return { episodes: results.length, successes: results.filter((result) => result.success).length, wallSeconds: seconds, episodesPerHour: (3600 * results.length) / seconds, stepsPerSecond: steps / seconds };
}
const concurrencyBatch = sample(Number(args['concurrency-episodes']));
const perConcurrency: Record<string, Record<string, number>> = {};
for (const n of concurrencyLevels) perConcurrency[`N=${n}`] = rounded(await measureConcurrency(n, args['concurrency-harness'], concurrencyBatch));
const baseline = perConcurrency['N=1']?.episodesPerHour;
const concurrencySpeedup = baseline ? Object.fromEntries(Object.entries(perConcurrency).map(([key, value]) => [key, round3(value.episodesPerHour! / baseline)])) : {};
const result = {
  harnessOverheadMsPerStep: rounded(overhead),
  overheadNote: 'wall time minus time inside model calls, scripted model, symbolic env step included; 3 rounds over the first 24 scenarios',
  model: model.info.id,
  threads,
  scenarios: { source: scenarioDir ? path.relative(process.cwd(), scenarioDir) : `${args.suite} ${args.split}`, sampled: chosen.map((scenario) => scenario.id), of: scenarios.length },
  note: `episodes/hour is extrapolated from ${chosen.length} episodes per harness, seed 0, on a shared 2-core machine`,
  harnesses: perHarness,
  concurrency: { harness: args['concurrency-harness'], scenarios: concurrencyBatch.map((scenario) => scenario.id), levels: perConcurrency, episodesPerHourRatioToN1: concurrencySpeedup },
};
console.log(json ? JSON.stringify(result, null, 2) : result);
