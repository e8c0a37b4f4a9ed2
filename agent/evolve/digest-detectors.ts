/**
 * The failure detectors behind `digestTrace`: one function per category, each reading the trace
 * on its own, so a trace can show several failure kinds and a new kind is one more table entry.
 * They read a `DigestContext`, built from a whole trace (`digestContext`) or from what an agent has
 * seen so far in a running episode (`stepsContext`, for mid-task rewriting).
 */
import { selectorType, typeOfId, type GoalNode } from '../../sim/index.ts';
import type { HarnessSpec } from '../harness/harness-spec.ts';
import { mainLeaf } from '../harness/parts/goal-phases.ts';
import type { EventOf, Trace, TraceEvent } from '../trace/trace-events.ts';
import type { FailureCategory, FailureEvidence } from './digest.ts';

/** What the goal asks for, as far as the digest needs it. */
export interface GoalFacts {
  objectType: string;
  /** Set when the goal names one instance (`apple 2`): then only that instance counts. */
  objectId: string | null;
  states: string[];
  destinationType: string | null;
  /** Goals that need the object in hand: putting it down anywhere undoes progress. */
  needsHolding: boolean;
}

/** A trace, pre-digested once so the detectors stay short. */
export interface DigestContext {
  events: readonly TraceEvent[];
  end: EventOf<'episode-end'> | null;
  applies: EventOf<'action-apply'>[];
  goal: GoalFacts | null;
  slots: HarnessSpec['slots'];
}

/** One detected category: every piece of evidence (the digest keeps the first few). */
export interface Finding {
  evidence: FailureEvidence[];
  implicated: string[];
  reasons?: Record<string, number>;
}

/** Finds one category in a trace, or null when it is absent. */
export type Detector = (context: DigestContext) => Finding | null;

const EXCERPT_LIMIT = 160;
const PRECONDITION_REASONS = new Set(['container-closed', 'not-at-receptacle', 'hands-full', 'not-holding', 'not-visible', 'not-in-receptacle', 'wrong-tool', 'already-open', 'already-closed', 'not-openable', 'not-toggleable']);
const BLOCKAGE_REASONS = new Set(['path-blocked', 'door-closed', 'unreachable']);
const UNKNOWN_REASONS = new Set(['unknown-action', 'unknown-target']);

/** Excerpts are for people and prompts: one line, bounded. */
export function clip(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= EXCERPT_LIMIT ? line : `${line.slice(0, EXCERPT_LIMIT - 1)}…`;
}

const evidence = (step: number, text: string): FailureEvidence => ({ step, excerpt: clip(text) });
const applyEvidence = (e: EventOf<'action-apply'>): FailureEvidence => evidence(e.step, `${e.action} → ${e.success ? '' : `${e.reason}: `}${e.feedback}`);
const found = (items: FailureEvidence[], implicated: string[], reasons?: Record<string, number>): Finding | null =>
  items.length === 0 ? null : { evidence: items, implicated, ...(reasons ? { reasons } : {}) };

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const takeOf = (action: string) => /^take (.+?) from (.+)$/.exec(action);
const putOf = (action: string) => /^put (.+?) (?:in\/on|in|on) (.+)$/.exec(action);

/** Names of the parts in a slot, or the slot itself when it is empty (the fix would be to fill it). */
const partsIn = (slot: { part: string }[], name: string): string[] => (slot.length > 0 ? slot.map((s) => s.part) : [`slots.${name}`]);
const controlOf = (c: DigestContext): string[] => partsIn(c.slots.control, 'control');

/** The goal's object, state and destination, from the episode-start goal tree (null if absent or malformed). */
function goalFacts(events: readonly TraceEvent[]): GoalFacts | null {
  const tree = events.find((e) => e.type === 'episode-start')?.goalTree;
  if (!tree || typeof tree !== 'object') return null;
  try {
    const leaf = mainLeaf(tree as GoalNode);
    if (!leaf) return null;
    return {
      objectType: selectorType(leaf.object),
      objectId: 'id' in leaf.object ? leaf.object.id : null,
      states: leaf.object.states ?? [],
      destinationType: 'receptacle' in leaf ? selectorType(leaf.receptacle) : null,
      needsHolding: leaf.type === 'holding' || leaf.type === 'examined-under-light',
    };
  } catch {
    return null; // a hand-written trace with a broken tree: digest it without goal facts
  }
}

/** Pre-digests a trace once for all detectors. */
export function digestContext(trace: Trace): DigestContext {
  return contextOf(trace.events, trace.header.harness.slots);
}

function contextOf(events: readonly TraceEvent[], slots: HarnessSpec['slots']): DigestContext {
  const last = events.at(-1);
  return {
    events,
    end: last?.type === 'episode-end' ? last : null,
    applies: events.filter((e): e is EventOf<'action-apply'> => e.type === 'action-apply'),
    goal: goalFacts(events),
    slots,
  };
}

/** What an agent has seen of a running episode: the goal, the first observation, the steps applied so far (oldest first). */
export interface EpisodeSoFar {
  goal: { text: string; tree: unknown };
  firstObservation: string;
  history: readonly { action: string; feedback: string; reason: string; success: boolean }[];
}

/** Slots of a harness the reader does not know (a part inside it): parts to blame are then unknown. */
const UNKNOWN_SLOTS: HarnessSpec['slots'] = { summarizers: [], decomposer: null, memory: [], promptBuilder: { part: '(unknown)', params: {} }, selector: { part: '(unknown)', params: {} }, validators: [], control: [] };

/**
 * The context of an episode still running, from what the agent saw (no episode end, no model
 * calls): detectors that need the end (search inefficiency) or model events find nothing.
 */
export function stepsContext(soFar: EpisodeSoFar): DigestContext {
  const start: TraceEvent = { type: 'episode-start', step: 0, goal: soFar.goal.text, goalTree: soFar.goal.tree, stepLimit: 0, observation: soFar.firstObservation };
  const applies: TraceEvent[] = soFar.history.map((h, index) => ({ type: 'action-apply', step: index + 1, ...h }));
  return contextOf([start, ...applies], UNKNOWN_SLOTS);
}

export const isGoalObject = (goal: GoalFacts | null, id: string): boolean => (goal ? (goal.objectId ? id === goal.objectId : typeOfId(id) === goal.objectType) : false);

/** Matches the goal's object in text: its id when the goal names one, else any `<type> <n>`. */
const goalObjectPattern = (goal: GoalFacts, flags = ''): RegExp => new RegExp(`\\b${escape(goal.objectId ?? goal.objectType)}${goal.objectId ? '' : ' \\d+'}\\b`, flags);

/** Some `<type> <n>` of the goal's object appears in what the agent was shown. */
export function targetSeen(c: DigestContext): boolean {
  if (!c.goal) return false;
  const pattern = goalObjectPattern(c.goal);
  const start = c.events.find((e) => e.type === 'episode-start');
  return [start?.observation ?? '', ...c.applies.map((e) => e.feedback)].some((text) => pattern.test(text));
}

/**
 * Steps the agent spent looking: steps begun with no goal object in hand and none seen that was
 * still to be delivered. A search that finds the object only near the step limit is as fruitless
 * as one that never finds it.
 */
export function lookingSteps(c: DigestContext): number {
  const goal = c.goal;
  if (!goal) return 0;
  const ids = goalObjectPattern(goal, 'g');
  const seen = new Set<string>();
  const delivered = new Set<string>();
  const held = new Set<string>();
  const see = (text: string) => { for (const id of text.match(ids) ?? []) seen.add(id); };
  see(c.events.find((e) => e.type === 'episode-start')?.observation ?? '');
  let looking = 0;
  for (const e of c.applies) {
    if (held.size === 0 && ![...seen].some((id) => !delivered.has(id))) looking += 1;
    see(e.feedback);
    if (!e.success) continue;
    const take = takeOf(e.action);
    if (take && isGoalObject(goal, take[1]!)) held.add(take[1]!);
    const put = putOf(e.action);
    if (put && held.delete(put[1]!) && (!goal.destinationType || typeOfId(put[2]!) === goal.destinationType)) delivered.add(put[1]!);
  }
  return looking;
}

/** The least number of receptacles searched before "never seen" or "found late" points at the search order rather than at not searching. */
export const SEARCHED_ENOUGH = 3;

/** Receptacles the agent saw the inside or the top of (an arrival that was not at a closed one, or an opening). */
export function searchedCount(c: DigestContext): number {
  const searched = new Set<string>();
  for (const e of c.applies.filter((a) => a.success)) {
    const arrived = e.action.startsWith('go to ') ? e.action.slice('go to '.length) : null;
    if (arrived && !/ is closed\./.test(e.feedback) && !/^door \d+$/.test(arrived)) searched.add(arrived);
    const opened = /^open (.+)$/.exec(e.action)?.[1];
    if (opened && typeOfId(opened) !== 'door') searched.add(opened);
  }
  return searched.size;
}

/** A step-limit end where looking took at least this share of the steps (over enough places): the search was the failure. */
export const LONG_SEARCH_SHARE = 0.5;
export const searchTookMostSteps = (c: DigestContext): boolean =>
  c.end?.termination === 'step-limit' && c.end.steps > 0 && lookingSteps(c) >= LONG_SEARCH_SHARE * c.end.steps && searchedCount(c) >= SEARCHED_ENOUGH;

/** Successful takes of goal objects. */
export const goalTakes = (c: DigestContext) => c.applies.filter((e) => e.success && isGoalObject(c.goal, takeOf(e.action)?.[1] ?? ''));

function invalidAction(c: DigestContext): Finding | null {
  const items: FailureEvidence[] = [];
  const selectors = new Set<string>();
  let reply = ''; // what the model wrote: the guess alone hides whether the prompt or the parse failed
  for (const e of c.events) {
    if (e.type === 'model-call') reply = typeof e.output === 'string' ? ` from "${e.output}"` : '';
    else if (e.type === 'action-select' && e.guessed) {
      selectors.add(e.part);
      items.push(evidence(e.step, `guessed "${e.action}"${reply} (${e.part})`));
    } else if (e.type === 'action-apply' && UNKNOWN_REASONS.has(e.reason)) items.push(applyEvidence(e));
    else if (e.type === 'action-reject' && e.reason === 'not-admissible') items.push(evidence(e.step, `rejected "${e.action}" (${e.part}): not admissible`));
    // Only the admissibility validator repairs an action for not being in the valid list.
    else if (e.type === 'action-repair' && e.part === 'admissible') items.push(evidence(e.step, `repaired "${e.from}" → "${e.to}" (${e.part})`));
  }
  if (selectors.size === 0) selectors.add(c.slots.selector.part);
  return found(items, [...selectors, c.slots.promptBuilder.part]);
}

function precondition(c: DigestContext): Finding | null {
  const failed = c.applies.filter((e) => !e.success && PRECONDITION_REASONS.has(e.reason));
  const reasons: Record<string, number> = {};
  for (const e of failed) reasons[e.reason] = (reasons[e.reason] ?? 0) + 1;
  return found(failed.map(applyEvidence), partsIn(c.slots.validators, 'validators'), reasons);
}

/** Maximal stretches [start, end) where each action repeats the one `period` before it. */
function repeats(actions: string[], period: 1 | 2, minLength: number): [number, number][] {
  const stretches: [number, number][] = [];
  let start = 0;
  while (start + period < actions.length) {
    let end = start + period;
    while (end < actions.length && actions[end] === actions[end - period]) end++;
    const cycles = period === 1 || actions[start] !== actions[start + 1]; // A-A-A-A is a run, not a cycle
    if (cycles && end - start >= minLength) stretches.push([start, end]);
    start = cycles && end - start >= minLength ? end : start + 1;
  }
  return stretches;
}

function loop(c: DigestContext): Finding | null {
  const actions = c.applies.map((e) => e.action);
  const stepAt = (i: number): number => c.applies[i]!.step;
  const looped = new Set<string>();
  const items: FailureEvidence[] = [];
  for (const [start, end] of repeats(actions, 1, 3)) {
    looped.add(actions[start]!);
    items.push(evidence(stepAt(start), `"${actions[start]}" ×${end - start} in a row (steps ${stepAt(start)}–${stepAt(end - 1)})`));
  }
  for (const [start, end] of repeats(actions, 2, 4)) {
    looped.add(actions[start]!).add(actions[start + 1]!);
    items.push(evidence(stepAt(start), `"${actions[start]}" ↔ "${actions[start + 1]}" for ${end - start} actions (steps ${stepAt(start)}–${stepAt(end - 1)})`));
  }
  // Scattered repeats: walking back and forth is normal, doing the same thing again is not.
  for (const action of new Set(actions)) {
    const at = actions.flatMap((a, i) => (a === action ? [i] : []));
    if (at.length >= 4 && !action.startsWith('go to ') && !looped.has(action)) items.push(evidence(stepAt(at[3]!), `"${action}" applied ${at.length} times`));
  }
  return found(items.sort((a, b) => a.step - b.step), controlOf(c));
}

/** The step limit ended a search: the target never seen, or seen only after most of the steps went on looking. */
function searchInefficiency(c: DigestContext): Finding | null {
  if (c.end?.termination !== 'step-limit' || !c.goal) return null;
  const seen = targetSeen(c);
  if (seen && !searchTookMostSteps(c)) return null;
  const visited = [...new Set(c.applies.filter((e) => e.success && e.action.startsWith('go to ')).map((e) => e.action.slice(6)))];
  const wanted = c.goal.objectId ?? c.goal.objectType;
  const what = seen ? `${lookingSteps(c)} of ${c.end.steps} steps spent looking for a ${wanted}` : `no ${wanted} seen in ${c.end.steps} steps`;
  return found([evidence(c.end.step, `${what}; visited: ${visited.join(', ') || 'nothing'}`)], ['slots.decomposer', 'slots.memory', ...controlOf(c)]);
}

function wrongObject(c: DigestContext): Finding | null {
  if (!c.goal) return null;
  const wrong = c.applies.filter((e) => e.success && takeOf(e.action) && !isGoalObject(c.goal, takeOf(e.action)![1]!));
  const wanted = c.goal.objectId ?? c.goal.objectType;
  return found(wrong.map((e) => evidence(e.step, `${e.action} (the goal wants ${wanted})`)), ['slots.summarizers', c.slots.selector.part]);
}

function progressUndone(c: DigestContext): Finding | null {
  const goal = c.goal;
  if (!goal) return null;
  const held = new Set<string>();
  const items: FailureEvidence[] = [];
  for (const e of c.applies.filter((a) => a.success)) {
    const take = takeOf(e.action);
    const put = putOf(e.action);
    if (take && isGoalObject(goal, take[1]!)) held.add(take[1]!);
    if (!put || !held.delete(put[1]!)) continue;
    const undoes = goal.destinationType ? typeOfId(put[2]!) !== goal.destinationType : goal.needsHolding;
    if (undoes) items.push(evidence(e.step, `${e.action} (the goal wants it ${goal.destinationType ? `in a ${goal.destinationType}` : 'held'})`));
  }
  return found(items, ['slots.control']);
}

/** The object and the state a transform's feedback reports (`You heat the mug 1 using … It is hot now.`). */
function stateGained(feedback: string): { object: string; state: string } | null {
  const transformed = /^You (?:heat|cool|clean) the (.+?) using .*?It is (\w+) now/.exec(feedback);
  if (transformed) return { object: transformed[1]!, state: transformed[2]! };
  const sliced = /^You slice the (.+?) with /.exec(feedback);
  return sliced ? { object: sliced[1]!, state: 'sliced' } : null;
}

function transformNotDelivered(c: DigestContext): Finding | null {
  const gained = c.applies.filter((e) => {
    const change = e.success ? stateGained(e.feedback) : null;
    return change !== null && isGoalObject(c.goal, change.object) && c.goal!.states.includes(change.state);
  });
  return found(gained.map(applyEvidence), ['slots.decomposer', 'slots.control']);
}

function modelError(c: DigestContext): Finding | null {
  const calls = c.events.filter((e): e is EventOf<'model-call'> => e.type === 'model-call' && e.error !== undefined);
  const items = calls.map((e) => evidence(e.step, `model call (${e.part}): ${e.error!.reason}: ${e.error!.message}`));
  const ended = c.end && (c.end.termination === 'model-error' || c.end.termination === 'cancelled');
  if (items.length === 0 && ended) items.push(evidence(c.end!.step, `episode ended: ${c.end!.termination}`));
  return found(items, [c.slots.selector.part]);
}

const blockage: Detector = (c) => found(c.applies.filter((e) => !e.success && BLOCKAGE_REASONS.has(e.reason)).map(applyEvidence), ['slots.validators', 'slots.control']);

function partError(c: DigestContext): Finding | null {
  const errors = c.events.filter((e): e is EventOf<'part-error'> => e.type === 'part-error');
  return found(errors.map((e) => evidence(e.step, `${e.part} at ${e.hook}: ${e.message}`)), [...new Set(errors.map((e) => e.part))]);
}

/** The fallback: says how the episode ended and what it did last, so the record is never empty. */
function other(c: DigestContext): Finding | null {
  const last = c.applies.at(-1);
  const ending = c.end ? `ended by ${c.end.termination} after ${c.end.steps} steps` : 'the trace has no episode-end';
  return found([evidence(c.end?.step ?? last?.step ?? 0, `${ending}${last ? `; last: ${last.action} → ${last.feedback}` : ''}`)], []);
}

/** One detector per category. `other` always fires; the digest keeps it only when nothing else did. */
export const DETECTORS: Record<FailureCategory, Detector> = {
  'invalid-action': invalidAction,
  precondition,
  loop,
  'search-inefficiency': searchInefficiency,
  'wrong-object': wrongObject,
  'progress-undone': progressUndone,
  'transform-not-delivered': transformNotDelivered,
  'model-error': modelError,
  blockage,
  'part-error': partError,
  other,
};
