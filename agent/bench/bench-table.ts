/**
 * `npm run bench:table -- [--json] [--suites a,b@text,…] [--models …] [--harness …] [--limit N] [--seeds 0]
 *   [--out runs/table] [--threads 2]`
 * The ground table: models × harnesses × environments, each environment one `hearth bench` run
 * folder (`<out>/<suite>`; resumable — rerun the same command to continue), then one row per
 * environment × model × harness: success with its Wilson 95% interval, mean score (environments
 * with partial credit), mean steps, tokens and seconds per episode. `suite@text` runs one of
 * Hearth's suites in its text view (only what ALFWorld gives). Markdown by default, `--json` for
 * the numbers. Run alone: it uses the model on every core it is given.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { wilsonInterval } from '../evolve/stats.ts';
import { runBench } from './run-bench.ts';
import type { EpisodeResult } from './episode-log.ts';

const { values: args } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    suites: { type: 'string', default: 'household-v1:test-unseen@text,household-v2:test-unseen@text,alfworld:valid_seen' },
    models: { type: 'string', default: 'smollm2-135m,gemma3-270m,random' },
    harness: { type: 'string', default: 'react-basic,menu-minimal,text-best' },
    limit: { type: 'string' },
    seeds: { type: 'string', default: '0' },
    out: { type: 'string', default: 'runs/table' },
    threads: { type: 'string', default: '2' },
  },
});

const list = (text: string) => text.split(',').map((item) => item.trim()).filter(Boolean);
const limit = args.limit === undefined ? undefined : Number(args.limit);
if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) throw new Error(`--limit must be a whole number ≥ 1, got '${args.limit}'`);
const seeds = list(args.seeds).map(Number);
if (seeds.some((seed) => !Number.isInteger(seed) || seed < 0)) throw new Error(`--seeds must list whole numbers ≥ 0, got '${args.seeds}'`);

interface Row {
  suite: string;
  model: string;
  harness: string;
  episodes: number;
  successes: number;
  rate: number;
  low: number;
  high: number;
  meanScore: number;
  meanSteps: number;
  tokensPerEpisode: number;
  secondsPerEpisode: number;
  envErrors: number;
}

const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0);

function rowOf(suite: string, model: string, harness: string, results: EpisodeResult[]): Row {
  const successes = results.filter((r) => r.success).length;
  const interval = wilsonInterval(successes, results.length);
  return {
    suite, model, harness, episodes: results.length, successes, rate: interval.rate, low: interval.low, high: interval.high,
    meanScore: mean(results.map((r) => r.score ?? (r.success ? 1 : 0))),
    meanSteps: mean(results.map((r) => r.steps)),
    tokensPerEpisode: mean(results.map((r) => r.tokens)),
    secondsPerEpisode: mean(results.map((r) => r.seconds)),
    envErrors: results.filter((r) => r.termination === 'env-error').length,
  };
}

const rows: Row[] = [];
for (const entry of list(args.suites)) {
  const [suite, view] = entry.split('@') as [string, string | undefined];
  const out = path.join(args.out, entry.replace(/[^a-z0-9]+/gi, '-'));
  if (!args.json) console.error(`${entry} → ${out}`);
  const outcome = await runBench({
    out, threads: Number(args.threads),
    request: { models: list(args.models), harnesses: list(args.harness), scenarios: suite, seeds, limit, view: view === 'text' ? 'text' : 'full' },
    onProgress: (p) => { if (!args.json && p.fresh && (p.done % 10 === 0 || p.done === p.total)) console.error(`  ${p.done}/${p.total}`); },
  });
  for (const model of outcome.config.models) {
    for (const harness of outcome.config.harnesses) {
      const mine = outcome.results.filter((r) => r.model === model.id && r.behaviourId === harness.behaviourId);
      if (mine.length) rows.push(rowOf(entry, model.spec, harness.ref, mine));
    }
  }
}

const pct = (value: number) => `${(100 * value).toFixed(1)}`;
if (args.json) {
  console.log(JSON.stringify({ formatVersion: 1, seeds, limit: limit ?? null, rows }, null, 2));
} else {
  console.log('| environment | model | harness | success (95% CI) | mean score | steps | tokens/ep | s/ep |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(`| ${r.suite} | ${r.model} | ${r.harness} | ${r.successes}/${r.episodes} = ${pct(r.rate)}% (${pct(r.low)}–${pct(r.high)}) | ${r.meanScore.toFixed(2)} | ${r.meanSteps.toFixed(1)} | ${Math.round(r.tokensPerEpisode)} | ${r.secondsPerEpisode.toFixed(1)} |${r.envErrors ? ` ${r.envErrors} env errors` : ''}`);
  }
}
