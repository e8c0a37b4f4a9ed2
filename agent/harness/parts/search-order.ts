/**
 * `search-order`: where to look first is the one place a small model's knowledge of households can
 * pay. While searching, the part asks the model — once per episode and object kind, by scoring —
 * where such an object is usually kept: each receptacle type in view is scored as the continuation
 * of `prompt`. It then offers only the unsearched receptacles of the best-scoring type(s); when
 * several of that type remain, the selector still chooses among them. What else was offered (opening
 * the receptacle here, clearing a way) stays offered.
 *
 * It reads only the view and the public type names: never the generator's placement table (a test
 * follows the imports). With the null chooser the scores are uniform random (a seeded function of
 * the request), so the order is a random ranking of types: the "no knowledge" row of attribution.
 */
import { z } from 'zod';
import { RECEPTACLE_TYPES, typeOfId } from '../../../sim/index.ts';
import { definePart, type HookContext, type PartDefinition } from '../define-part.ts';
import { offeredActions } from '../hooks.ts';
import { stageOf, taskGoal } from './task-progress.ts';
import { emitOnce, observe, type ProgressStore } from './progress-store.ts';
import { structured } from '../harness-view.ts';

export const SEARCH_ORDER = 'search-order';

/** Type names as English words (the catalogue writes them as one word: `diningtable`). */
export const SPOKEN: Readonly<Record<string, string>> = {
  countertop: 'counter top', diningtable: 'dining table', sidetable: 'side table', coffeetable: 'coffee table', tvstand: 'TV stand',
  stoveburner: 'stove burner', sinkbasin: 'sink', bathtubbasin: 'bathtub', garbagecan: 'garbage can',
  butterknife: 'butter knife', soapbar: 'bar of soap', winebottle: 'wine bottle', spraybottle: 'spray bottle', remotecontrol: 'remote control',
  creditcard: 'credit card', cellphone: 'cell phone', keychain: 'key chain', alarmclock: 'alarm clock', tissuebox: 'tissue box',
  toiletpaper: 'toilet paper', saltshaker: 'salt shaker', peppershaker: 'pepper shaker', soapbottle: 'soap bottle', papertowel: 'paper towel',
};

interface OrderStore extends ProgressStore {
  /** Object type → receptacle type → the model's mean log-probability (scored once per episode). */
  scores?: Record<string, Record<string, number>>;
}

const goToTarget = (action: string): string | null => (action.startsWith('go to ') ? action.slice('go to '.length) : null);

/** Scores for every type in `types` not yet scored for `objectType` (one model call for all of them). */
async function scoreTypes(context: HookContext, prompt: string, words: boolean, objectType: string, types: readonly string[]): Promise<Record<string, number>> {
  const store = context.store as OrderStore;
  store.scores ??= {};
  const known = (store.scores[objectType] ??= {});
  const missing = types.filter((type) => !(type in known)).sort();
  if (missing.length) {
    const say = (name: string): string => (words ? SPOKEN[name] ?? name : name);
    const { scores } = await context.model.scoreChoices({ prompt: prompt.replaceAll('{object}', say(objectType)), candidates: missing.map((type) => ` ${say(type)}`) });
    missing.forEach((type, index) => { known[type] = scores[index]!.meanLogProb; });
  }
  return known;
}

const searchOrder = definePart({
  kind: 'control', name: SEARCH_ORDER, needs: ['hearth-structure'],
  description: "While searching, offers only the unsearched receptacles of the type(s) the model scores likeliest to hold the goal's object (`prompt` continued by each type in view, once per episode); the selector still chooses among several of that type; the rest of what was offered stays. Put it after `subgoal-shortlist`.",
  params: z.object({
    prompt: z.string().min(1).default('In a house, a {object} is usually found in or on the'),
    /** How many of the best-scoring types stay offered. */
    keep: z.number().int().min(1).max(5).default(1),
    /** `words`: say `dining table`, not `diningtable`, to the model. */
    spelling: z.enum(['words', 'as-named']).default('words'),
  }).strict(),
  mayChange: { 'before-model': ['candidates'] },
  create: ({ prompt, keep, spelling }) => ({ hooks: {
    'step-start': (context) => void observe(context),
    'before-model': async (context) => {
      const { view, turn } = context;
      const goal = taskGoal(structured(view).goal.tree);
      const store = context.store as OrderStore;
      if (!goal || !store.memory || stageOf(goal, store.memory, structured(view)) !== 'search') return;
      const memory = store.memory;
      const offered = offeredActions(turn, view);
      const remembered = new Set(Object.values(memory.seen));
      const searchable = offered.filter((action) => {
        const target = goToTarget(action);
        return target !== null && RECEPTACLE_TYPES[typeOfId(target)]?.holds === true && !memory.searched.includes(target) && !remembered.has(target) && !memory.blocked.includes(target);
      });
      const types = [...new Set(searchable.map((action) => typeOfId(goToTarget(action)!)))];
      if (types.length <= keep) return;
      const scores = await scoreTypes(context, prompt, spelling === 'words', goal.objectType, types);
      const best = new Set([...types].sort((a, b) => scores[b]! - scores[a]! || a.localeCompare(b)).slice(0, keep));
      const kept = offered.filter((action) => !searchable.includes(action) || best.has(typeOfId(goToTarget(action)!)));
      turn.candidates = [...kept];
      emitOnce(context, SEARCH_ORDER, SEARCH_ORDER, `${goal.objectType}: ${[...best].join(', ')} first, of ${types.length} types → ${kept.length} of ${offered.length} offered`);
    },
  } }),
});

export const searchOrderParts: PartDefinition[] = [searchOrder];
