/**
 * `npm run bench:placement -- [--json] [--suite household-v2] [--split test-unseen] [--models smollm2-135m,gemma3-270m] [--threads 2]`
 * Does knowing where things usually are pay off, and do the small models know it? On the split,
 * the same enforcing harness (shortlist, open-here, progress guard) is driven by search orders:
 * (a) uniform random (the null chooser), (b) the generator's placement table directly — an upper
 * bound, for measurement only, never a part — and (c) each model's choice scoring of where the
 * goal's object is usually found, used alone as the order. Also: how often each model ranks a
 * typical receptacle type above an atypical one. This bench reads generator data on purpose;
 * harness parts never can (scenarios/generate/placement-table.test.ts).
 */
import { parseArgs } from 'node:util';
import { RECEPTACLE_TYPES, typeOfId, type WorldSpec } from '../../sim/index.ts';
import { loadSuiteAsync } from '../../scenarios/suites/load-suite.ts';
import type { SplitName } from '../../scenarios/suites/suite-manifest.ts';
import { PLACEMENT_TABLE, isTypicalPlace } from '../../scenarios/generate/placement-table.ts';
import { buildHarness } from '../harness/build-harness.ts';
import { builtInParts } from '../harness/all-parts.ts';
import { taskGoal } from '../harness/parts/task-progress.ts';
import { runEpisode } from '../harness/run-episode.ts';
import { ensureModel } from '../models/catalog/fetch-model.ts';
import { MODEL_CATALOG } from '../models/catalog/model-catalog.ts';
import type { ModelBackend } from '../models/model-backend.ts';
import { createNullChooser } from '../models/null-chooser.ts';
import { openModel } from '../models/open-model.ts';
import type { EventOf } from '../trace/trace-events.ts';

const { values: args } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    suite: { type: 'string', default: 'household-v2' },
    split: { type: 'string', default: 'test-unseen' },
    models: { type: 'string', default: 'smollm2-135m,gemma3-270m' },
    threads: { type: 'string', default: '2' },
  },
});

/** The harness every order drives: it decides what serves the stage; the order decides where to search first. */
const SEARCH_HARNESS = buildHarness({
  formatVersion: 1, name: 'search-order-probe',
  slots: {
    promptBuilder: { part: 'chat-prompt' }, selector: { part: 'numbered-menu' },
    validators: [{ part: 'learned-preconditions', params: { preload: true } }, { part: 'admissible' }],
    control: [{ part: 'subgoal-shortlist', params: { openHere: 'only' } }, { part: 'progress-guard' }],
  },
}, builtInParts);

const HOLDING_TYPES = Object.entries(RECEPTACLE_TYPES).filter(([, info]) => info.holds).map(([type]) => type);

/** A chooser that goes first where `rank` says the object is most likely; other choices stay uniform. */
function orderChooser(rank: (receptacleType: string) => number): ModelBackend {
  const uniform = createNullChooser(0);
  return {
    ...uniform,
    info: { ...uniform.info, id: 'search-order' },
    pick(options, key) {
      const goTos = options.map((option, index) => ({ index, score: option.startsWith('go to ') ? rank(typeOfId(option.slice('go to '.length))) : -Infinity }));
      const best = goTos.reduce((a, b) => (b.score > a.score ? b : a));
      return best.score === -Infinity ? uniform.pick!(options, key) : best.index;
    },
  };
}

/** Mean log-probability of " <type>" after a sentence about the object: the model's sense of where it is kept. */
async function modelPlaces(model: ModelBackend, objectType: string): Promise<Record<string, number>> {
  const { scores } = await model.scoreChoices({ prompt: `In a house, a ${objectType} is usually found in or on the`, candidates: HOLDING_TYPES.map((type) => ` ${type}`) });
  return Object.fromEntries(scores.map((score, index) => [HOLDING_TYPES[index]!, score.meanLogProb]));
}

/** Share of (typical, atypical) receptacle pairs the scores put in the right order, over every table object. */
function rankingAccuracy(places: Record<string, Record<string, number>>): number {
  let right = 0;
  let pairs = 0;
  for (const [object, scores] of Object.entries(places)) {
    const typical = HOLDING_TYPES.filter((type) => isTypicalPlace(object, type));
    const atypical = HOLDING_TYPES.filter((type) => !isTypicalPlace(object, type));
    for (const t of typical) for (const a of atypical) {
      pairs += 1;
      if (scores[t]! > scores[a]!) right += 1;
    }
  }
  return pairs ? right / pairs : 0;
}

async function runOrder(worlds: readonly WorldSpec[], chooserFor: (world: WorldSpec) => ModelBackend) {
  let successes = 0;
  let steps = 0;
  for (const world of worlds) {
    const trace = await runEpisode({ scenario: world, seed: 0, model: chooserFor(world), harness: SEARCH_HARNESS });
    const end = trace.events.at(-1) as EventOf<'episode-end'>;
    successes += end.success ? 1 : 0;
    steps += end.steps;
  }
  return { successes, episodes: worlds.length, successRate: successes / worlds.length, meanSteps: steps / worlds.length };
}

const goalType = (world: WorldSpec): string => taskGoal(world.goal)?.objectType ?? '';
const worlds = (await loadSuiteAsync(args.suite, { splits: [args.split as SplitName] })).map((member) => member.world);
const orders: Record<string, Awaited<ReturnType<typeof runOrder>>> = {
  uniform: await runOrder(worlds, () => createNullChooser(0)),
  'placement table (upper bound)': await runOrder(worlds, (world) => orderChooser((type) => PLACEMENT_TABLE[goalType(world)]?.[type] ?? 0)),
};
const ranking: Record<string, number> = {};
for (const id of args.models.split(',').filter(Boolean)) {
  if (MODEL_CATALOG[id]) await ensureModel(id);
  const model = await openModel(id, { threads: Number(args.threads) });
  const places: Record<string, Record<string, number>> = {};
  for (const object of Object.keys(PLACEMENT_TABLE)) places[object] = await modelPlaces(model, object);
  await model.close();
  ranking[id] = rankingAccuracy(places);
  orders[`${id} choice scoring`] = await runOrder(worlds, (world) => orderChooser((type) => places[goalType(world)]?.[type] ?? -1e9));
}
const result = {
  suite: args.suite, split: args.split, episodes: worlds.length, harness: SEARCH_HARNESS.spec.slots, orders,
  typicalAboveAtypical: { ...ranking, 'placement table': 1, uniform: 0.5 },
  note: 'same enforcing harness for every order; only which receptacle to search first differs',
};
console.log(args.json ? JSON.stringify(result, null, 2) : result);
