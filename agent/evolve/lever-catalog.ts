/**
 * The levers the rule proposer can pull: each answers failure categories with edits over the part
 * catalogue (a cost lever instead keeps behaviour and spends fewer tokens), and names the
 * signature that shows it was used. A lever that does not apply to a spec (its part is already
 * there, its prerequisite is not) returns null.
 */
import type { HarnessSpec } from '../harness/harness-spec.ts';
import type { AttributionSignature } from './attribution-signature.ts';
import { slotParts, usesPart, type HarnessEdit } from '../harness/harness-edits.ts';
import type { FailureCategory } from './digest.ts';
import type { Symptom } from './digest-symptoms.ts';
import type { LeverHistory } from './propose-rules.ts';
import { MID_TASK_REWRITE, type Remedy } from '../harness/parts/mid-task-rewrite.ts';
import { SEARCH_ORDER } from '../harness/parts/search-order.ts';

/** What kind of change a lever makes (HarnessX's buckets). */
export type LeverBucket = 'enforcement' | 'selector' | 'memory' | 'prompt' | 'config';

export interface Lever {
  id: string;
  bucket: LeverBucket;
  description: string;
  /** The failure categories it answers (none for a cost lever). */
  answers: readonly FailureCategory[];
  /**
   * What it is for: `success` (absent: the default) answers failures; `cost` keeps behaviour and
   * spends fewer tokens, so only a gate with `minCostCut` can accept it (proposed only then).
   */
  aim?: 'success' | 'cost';
  /** Symptoms (finer evidence than a category, `digest-symptoms.ts`) it is the specific remedy for: they rank it higher. */
  cures?: readonly Symptom[];
  /** `categories`: the parent's failure categories, most frequent first; `history`: the levers tried so far in the run. */
  edits(spec: HarnessSpec, categories: readonly FailureCategory[], history?: readonly LeverHistory[]): HarnessEdit[] | null;
  signature: AttributionSignature;
}

const insertControl = (part: string, params: Record<string, unknown> = {}) => (spec: HarnessSpec): HarnessEdit[] | null =>
  usesPart(spec, part) ? null : [{ op: 'insert', slot: 'control', part, params }];

const selectorIs = (spec: HarnessSpec, part: string): boolean => spec.slots.selector.part === part;

const hasParam = (spec: HarnessSpec, part: string, key: string, value: unknown): boolean =>
  [...slotParts(spec, 'control'), ...slotParts(spec, 'selector'), ...slotParts(spec, 'validators')].some((entry) => entry.part === part && entry.params[key] === value);

/** Prompt builders that list the valid actions unless `listActions: false`. */
const ACTION_LISTING_BUILDERS = ['chat-prompt', 'chat-transcript'];

/**
 * With the numbered menu, a prompt builder that also lists the valid actions shows the same list
 * twice a step: stop listing them (the menu stays). Not with the menu's thought: the thought is
 * asked before the menu is shown, so the list is all it sees of the actions.
 */
function compactPromptEdits(spec: HarnessSpec): HarnessEdit[] | null {
  const { promptBuilder, selector } = spec.slots;
  const lists = ACTION_LISTING_BUILDERS.includes(promptBuilder.part) && promptBuilder.params.listActions !== false;
  if (!lists || !selectorIs(spec, 'numbered-menu') || selector.params.thought === true) return null;
  return [{ op: 'set-params', slot: 'promptBuilder', part: promptBuilder.part, params: { listActions: false } }];
}

/** The rules answering failures with lessons (the prompt lever: cheap, and weak for small models). */
export const LESSON_RULES: Partial<Record<FailureCategory, string>> = {
  'search-inefficiency': 'Search each receptacle once: go to one you have not visited, and open it if it is closed.',
  'progress-undone': 'Once you hold the object the goal names, never put it down except at the goal place.',
  'invalid-action': 'Answer with one action copied exactly from the list of valid actions.',
  loop: 'Never repeat the same action three times; try something you have not done.',
  precondition: 'Go to a receptacle before using it, and open it before taking from it.',
  'transform-not-delivered': 'After heating, cooling or cleaning the object, go straight to the goal place and put it there.',
};

export const LEVERS: readonly Lever[] = [
  {
    id: 'shortlist', bucket: 'enforcement', description: 'offer only the actions serving the current stage (subgoal-shortlist)',
    answers: ['search-inefficiency', 'invalid-action', 'wrong-object', 'loop', 'transform-not-delivered', 'precondition'],
    edits: insertControl('subgoal-shortlist'), signature: { event: 'control', part: 'subgoal-shortlist', signal: 'shortlist' },
  },
  {
    id: 'constrained-selector', bucket: 'selector', description: 'choose by number among the offered actions (numbered-menu) instead of free text',
    answers: ['invalid-action', 'model-error', 'loop', 'wrong-object'],
    edits: (spec) => (selectorIs(spec, 'numbered-menu') ? null : [{ op: 'replace', slot: 'selector', part: 'numbered-menu', params: {} }]),
    signature: { event: 'action-select', part: 'numbered-menu' },
  },
  {
    id: 'progress-guard', bucket: 'enforcement', description: 'never undo progress; take a goal object on sight (progress-guard)',
    answers: ['progress-undone', 'wrong-object', 'transform-not-delivered', 'search-inefficiency'],
    edits: insertControl('progress-guard'), signature: { event: 'control', part: 'progress-guard', signal: 'take-on-sight' },
  },
  {
    id: 'open-here', bucket: 'config', description: 'at a closed receptacle not yet searched, opening it is the way to search it (subgoal-shortlist openHere: only)',
    answers: ['search-inefficiency', 'precondition', 'loop'], cures: ['closed-left-unopened'],
    edits: (spec) => (!usesPart(spec, 'subgoal-shortlist') || hasParam(spec, 'subgoal-shortlist', 'openHere', 'only') ? null : [{ op: 'set-params', slot: 'control', part: 'subgoal-shortlist', params: { openHere: 'only' } }]),
    signature: { event: 'action-select', part: 'single-candidate' },
  },
  {
    id: 'preconditions', bucket: 'enforcement', description: 'insert the missing step before an action (learned-preconditions, preloaded)',
    answers: ['precondition', 'blockage'], cures: ['door-closed'],
    edits: (spec) => (usesPart(spec, 'learned-preconditions') ? null : [{ op: 'insert', slot: 'validators', part: 'learned-preconditions', params: { preload: true }, index: 0 }]),
    signature: { event: 'action-repair', part: 'learned-preconditions' },
  },
  {
    id: 'clear-way', bucket: 'enforcement', description: 'after a blocked move, offer only what clears the way: push the item aside, open the door (subgoal-shortlist clearWay: first)',
    answers: ['blockage'], cures: ['blocked-repeatedly'],
    edits: (spec) => (!usesPart(spec, 'subgoal-shortlist') || hasParam(spec, 'subgoal-shortlist', 'clearWay', 'first') ? null : [{ op: 'set-params', slot: 'control', part: 'subgoal-shortlist', params: { clearWay: 'first' } }]),
    signature: { event: 'control', part: 'subgoal-shortlist', signal: 'clear-way' },
  },
  {
    id: 'loop-detection', bucket: 'enforcement', description: 'replace an action that would repeat a loop (loop-detection)',
    answers: ['loop'], edits: insertControl('loop-detection'), signature: { event: 'control', part: 'loop-detection' },
  },
  {
    id: 'search-once', bucket: 'enforcement', description: 'never go back, empty-handed, to a receptacle already searched (search-once)',
    answers: ['search-inefficiency', 'loop'], edits: insertControl('search-once'), signature: { event: 'control', part: 'search-once' },
  },
  {
    id: 'thought-action', bucket: 'enforcement', description: "apply the action named in the model's thought (thought-action)",
    answers: ['invalid-action', 'loop'],
    edits: (spec) => (spec.slots.selector.params.thought === true ? insertControl('thought-action')(spec) : null),
    signature: { event: 'control', part: 'thought-action' },
  },
  {
    id: 'budget-triage', bucket: 'enforcement', description: 'drop exploration when the steps left barely cover what remains (budget-triage)',
    answers: ['transform-not-delivered', 'search-inefficiency'], edits: insertControl('budget-triage'), signature: { event: 'control', part: 'budget-triage' },
  },
  {
    id: 'stall-sooner', bucket: 'config', description: 'fall back to every action sooner when the shortlist stalls (stallSteps 4)',
    answers: ['blockage', 'loop'],
    edits: (spec) => (!usesPart(spec, 'subgoal-shortlist') || hasParam(spec, 'subgoal-shortlist', 'stallSteps', 4) ? null : [{ op: 'set-params', slot: 'control', part: 'subgoal-shortlist', params: { stallSteps: 4 } }]),
    signature: { event: 'control', part: 'subgoal-shortlist', signal: 'shortlist-fallback' },
  },
  {
    id: 'episodic-notes', bucket: 'memory', description: 'notes of what was searched and seen where (episodic-notes)',
    answers: ['search-inefficiency', 'loop'],
    edits: (spec) => (usesPart(spec, 'episodic-notes') ? null : [{ op: 'insert', slot: 'memory', part: 'episodic-notes', params: {} }]),
    signature: { promptContains: 'Already searched:' },
  },
  {
    id: 'goal-tree', bucket: 'memory', description: 'the current subgoal in the prompt (goal-tree decomposer)',
    answers: ['transform-not-delivered', 'wrong-object', 'progress-undone'],
    edits: (spec) => (spec.slots.decomposer ? null : [{ op: 'replace', slot: 'decomposer', part: 'goal-tree', params: {} }]),
    signature: { event: 'subgoal-start', part: 'goal-tree' },
  },
  {
    id: 'lessons', bucket: 'prompt', description: 'rules in the prompt for the most frequent failures (lessons)',
    answers: ['search-inefficiency', 'progress-undone', 'invalid-action', 'loop', 'precondition', 'transform-not-delivered'],
    edits: (spec, categories) => {
      const rules = categories.map((category) => LESSON_RULES[category]).filter((rule): rule is string => Boolean(rule));
      return usesPart(spec, 'lessons') || rules.length === 0 ? null : [{ op: 'insert', slot: 'memory', part: 'lessons', params: {} }, { op: 'set-text', key: 'lessons', text: rules.join('\n') }];
    },
    signature: { promptContains: 'Rules:' },
  },
  {
    id: 'compact-prompt', bucket: 'prompt', aim: 'cost', description: 'list the valid actions once, as the numbered menu, not twice a step (listActions: false)',
    answers: [], edits: compactPromptEdits,
    signature: { promptContains: 'Choose by number:', promptLacks: 'Valid actions:' },
  },
  {
    id: 'mid-task-rewrite', bucket: 'enforcement', description: 'when an episode loops, fails actions or stalls, apply the remedy for the failure it shows, for the rest of it (mid-task-rewrite)',
    answers: ['loop', 'precondition', 'blockage', 'invalid-action'],
    edits: (spec, categories, history = []) => {
      const remedies = midTaskRemedies(spec, categories, history);
      return usesPart(spec, MID_TASK_REWRITE) || remedies.length === 0 ? null : [{ op: 'insert', slot: 'control', part: MID_TASK_REWRITE, params: { remedies } }];
    },
    signature: { event: 'harness-rewrite', part: MID_TASK_REWRITE },
  },
  {
    id: 'search-order', bucket: 'enforcement', description: "search first where the model says such objects are kept (search-order: it scores each receptacle type once per episode)",
    answers: ['search-inefficiency'], cures: ['target-never-seen', 'long-search'],
    edits: (spec) => (usesPart(spec, 'subgoal-shortlist') ? insertControl(SEARCH_ORDER)(spec) : null),
    signature: { event: 'control', part: SEARCH_ORDER, signal: SEARCH_ORDER },
  },
];

/** Failure kinds that only show once an episode has ended (or that end it): no mid-task remedy can answer them. */
const END_ONLY: readonly FailureCategory[] = ['search-inefficiency', 'model-error', 'part-error', 'other'];

/**
 * The lever that answers `category` on `spec`: one the run's history accepted (latest first), or
 * failing that the first in the catalogue; never a mid-task rewrite inside a mid-task rewrite.
 */
function remedyLever(spec: HarnessSpec, category: FailureCategory, history: readonly LeverHistory[]): { lever: Lever; edits: HarnessEdit[] } | null {
  const accepted = history.filter((attempt) => attempt.accepted).reverse().flatMap((attempt) => attempt.levers);
  const candidates = [...accepted.flatMap((id) => LEVERS.filter((lever) => lever.id === id)), ...LEVERS];
  for (const lever of candidates) {
    if (lever.id === MID_TASK_REWRITE || !lever.answers.includes(category)) continue;
    const edits = lever.edits(spec, [category], history);
    if (edits) return { lever, edits };
  }
  return null;
}

/**
 * Remedies for the categories the failures show that a running episode can show too; when the
 * digest sees nothing specific so far (`other`, e.g. a stall), the remedy of the most frequent category.
 */
function midTaskRemedies(spec: HarnessSpec, categories: readonly FailureCategory[], history: readonly LeverHistory[]): Remedy[] {
  const remedy = (category: FailureCategory, answered: FailureCategory): Remedy[] => {
    const found = remedyLever(spec, answered, history);
    return found ? [{ category, edits: found.edits, lever: found.lever.id }] : [];
  };
  const visible = categories.filter((category) => !END_ONLY.includes(category)).flatMap((category) => remedy(category, category));
  const fallback = categories.filter((category) => category !== 'other').flatMap((category) => remedy('other', category)).slice(0, 1);
  return [...visible, ...fallback];
}

/** A lever by id. */
export function leverById(id: string): Lever {
  const lever = LEVERS.find((candidate) => candidate.id === id);
  if (!lever) throw new Error(`unknown lever '${id}'; levers: ${LEVERS.map((l) => l.id).join(', ')}`);
  return lever;
}
