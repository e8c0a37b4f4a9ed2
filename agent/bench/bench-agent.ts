/**
 * `npm run bench:agent -- --json [--episodes N] [--harnesses minimal,react-basic]`
 * - harness overhead per step, model time excluded (scripted model): react-basic and a harness
 *   with every kind of part;
 * - with the real default model: seconds per episode → episodes/hour, and success rates per
 *   harness over the first N scenarios of the hand-written library (household-v1's held-out split
 *   is not generated yet: see the README).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadWorldOrThrow } from '../../scenarios/format/load-scenario.ts';
import { buildHarness } from '../harness/build-harness.ts';
import { builtInParts } from '../harness/all-parts.ts';
import { loadHarness } from '../harness/presets/load-harness.ts';
import { runEpisode } from '../harness/run-episode.ts';
import { createScriptedBackend } from '../models/scripted-backend.ts';
import { openModel } from '../models/open-model.ts';
import { ensureModel } from '../models/catalog/fetch-model.ts';

const args = process.argv.slice(2);
const json = args.includes('--json');
const option = (name: string, fallback: string): string => (args.includes(name) ? args[args.indexOf(name) + 1]! : fallback);
const episodes = Number(option('--episodes', '6'));
const harnessNames = option('--harnesses', 'minimal,react-basic').split(',');
const libraryDir = fileURLToPath(new URL('../../scenarios/library/', import.meta.url));
const library = fs.readdirSync(libraryDir).filter((name) => name.endsWith('.json')).sort().map((name) => loadWorldOrThrow(path.join(libraryDir, name)));

const EVERYTHING = {
  formatVersion: 1, name: 'every-part',
  slots: {
    summarizers: ['observation-text', 'visible-here', 'goal-relevant', 'observation-json', 'ascii-map', 'changes', 'history-window'].map((part) => ({ part })),
    decomposer: { part: 'goal-tree' },
    memory: [{ part: 'episodic-notes' }, { part: 'lessons' }],
    promptBuilder: { part: 'chat-prompt' },
    selector: { part: 'free-generation' },
    validators: [{ part: 'learned-preconditions' }, { part: 'admissible' }],
    control: ['loop-detection', 'search-once', 'step-budget', 'replan-on-stall', 'switch-selector'].map((part) => ({ part })),
  },
  texts: { lessons: 'Open closed receptacles first.' },
};

async function overheadMsPerStep(spec: unknown): Promise<number> {
  let steps = 0;
  const started = performance.now();
  for (let round = 0; round < 3; round += 1) {
    for (const scenario of library) {
      const harness = typeof spec === 'string' ? loadHarness(spec) : buildHarness(spec, builtInParts);
      const trace = await runEpisode({ scenario, seed: round, model: createScriptedBackend({ replies: [], fallback: 'go to countertop 1' }), harness });
      const end = trace.events.at(-1);
      steps += end?.type === 'episode-end' ? end.steps : 0;
    }
  }
  return (performance.now() - started) / steps;
}

const overhead = { 'react-basic': await overheadMsPerStep('react-basic'), 'every-part': await overheadMsPerStep(EVERYTHING) };
const model = await openModel((await ensureModel('smollm2-135m')).id);
const sample = library.slice(0, episodes);
const perHarness: Record<string, { episodes: number; successes: number; successRate: number; meanSteps: number; secondsPerEpisode: number; episodesPerHour: number }> = {};
for (const name of harnessNames) {
  let successes = 0;
  let steps = 0;
  const started = performance.now();
  for (const scenario of sample) {
    const trace = await runEpisode({ scenario, seed: 0, model, harness: loadHarness(name) });
    const end = trace.events.at(-1);
    if (end?.type === 'episode-end') {
      successes += end.success ? 1 : 0;
      steps += end.steps;
    }
    if (!json) console.log(`${name} ${scenario.id}: ${end?.type === 'episode-end' && end.success ? 'success' : 'failed'}`);
  }
  const seconds = (performance.now() - started) / 1000 / sample.length;
  perHarness[name] = { episodes: sample.length, successes, successRate: successes / sample.length, meanSteps: steps / sample.length, secondsPerEpisode: seconds, episodesPerHour: 3600 / seconds };
}
await model.close();
const round = (value: number): number => Math.round(value * 1000) / 1000;
const result = {
  harnessOverheadMsPerStep: Object.fromEntries(Object.entries(overhead).map(([key, value]) => [key, round(value)])),
  model: 'smollm2-135m',
  scenarios: `scenarios/library (first ${sample.length} of ${library.length}, sorted by file name)`,
  harnesses: Object.fromEntries(Object.entries(perHarness).map(([key, value]) => [key, Object.fromEntries(Object.entries(value).map(([k, v]) => [k, round(v)]))])),
};
console.log(json ? JSON.stringify(result, null, 2) : result);
