/** Validators: check the chosen action before it reaches the world; repair it or send it back. */
import { z } from 'zod';
import { definePart, type HookContext, type PartDefinition } from '../define-part.ts';
import { parseModelAction } from './parse-model-action.ts';

const mode = z.enum(['repair', 'retry']).default('repair');

const admissible = definePart({
  kind: 'validator', name: 'admissible', description: 'The action must be in the valid-action list: repair to the closest one, or retry with feedback.',
  params: z.object({ mode }).strict(), mayChange: { 'before-action': ['action', 'retry'] },
  create: ({ mode }) => ({ hooks: { 'before-action': ({ view, turn, emit }) => {
    if (!turn.action || view.validActions.includes(turn.action)) return;
    if (mode === 'retry') {
      emit({ type: 'action-reject', step: view.step, part: 'admissible', action: turn.action, reason: 'not-admissible', feedback: 'not in the valid-action list' });
      turn.retry = { reason: 'not-admissible', feedback: `"${turn.action}" is not a valid action now. Choose one from the list exactly as written.` };
      return;
    }
    const repaired = parseModelAction(turn.action, view.validActions).action;
    emit({ type: 'action-repair', step: view.step, part: 'admissible', from: turn.action, to: repaired, why: 'closest valid action' });
    turn.action = repaired;
  } } }),
});

/** Precondition rules, each switched on by the failure reason code that teaches it. */
const RULES: Record<string, (context: HookContext, verb: string, target: string) => string | null> = {
  'container-closed': ({ view }, verb, target) => {
    const receptacle = view.observation.json.receptacles.find((r) => r.id === target);
    return (verb === 'take' || verb === 'put') && receptacle?.open === false ? `open ${target}` : null;
  },
  'not-at-receptacle': ({ view }, verb, target) => {
    const needsPresence = ['take', 'put', 'open', 'close', 'heat', 'cool', 'clean', 'use'].includes(verb);
    return needsPresence && view.observation.json.at !== target && view.observation.json.receptacles.some((r) => r.id === target) ? `go to ${target}` : null;
  },
};

function verbAndTarget(action: string): [string, string] | null {
  const match = /^(take|put|open|close|heat|cool|clean|use) (?:.+? (?:from|in\/on|with) )?([a-z]+ \d+)$/.exec(action);
  return match ? [match[1]!, match[2]!] : null;
}

const learnedPreconditions = definePart({
  kind: 'validator', name: 'learned-preconditions', description: 'Learns preconditions from failure reason codes (open before take/put, go to before use) and inserts the missing step.',
  params: z.object({ mode, preload: z.boolean().default(false) }).strict(),
  mayChange: { 'before-action': ['action', 'retry'] },
  create: ({ mode, preload }) => ({ hooks: {
    'after-action': ({ view, store }) => {
      const learned = new Set((store.learned as string[] | undefined) ?? (preload ? Object.keys(RULES) : []));
      if (view.last && !view.last.success && RULES[view.last.reason]) learned.add(view.last.reason);
      store.learned = [...learned];
    },
    'before-action': (context) => {
      const { view, turn, store, emit } = context;
      const parts = turn.action ? verbAndTarget(turn.action) : null;
      if (!parts) return;
      for (const reason of (store.learned as string[] | undefined) ?? (preload ? Object.keys(RULES) : [])) {
        const fix = RULES[reason]?.(context, parts[0], parts[1]);
        if (!fix || !view.validActions.includes(fix)) continue;
        if (mode === 'retry') {
          turn.retry = { reason, feedback: `Before "${turn.action}" you must ${fix}.` };
          emit({ type: 'action-reject', step: view.step, part: 'learned-preconditions', action: turn.action!, reason, feedback: turn.retry.feedback });
        } else {
          emit({ type: 'action-repair', step: view.step, part: 'learned-preconditions', from: turn.action!, to: fix, why: `learned from ${reason}` });
          turn.action = fix;
        }
        return;
      }
    },
  } }),
});

export const validatorParts: PartDefinition[] = [admissible, learnedPreconditions];
