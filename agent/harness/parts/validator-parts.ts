/**
 * Validators: check the chosen action before it reaches the world; repair it, or send it back to
 * the selector with feedback (reject-and-retry) at most `maxRetries` times per step, then repair.
 */
import { z } from 'zod';
import { definePart, type HookContext, type PartDefinition } from '../define-part.ts';
import { parseModelAction } from './parse-model-action.ts';
import { PRECONDITION_RULES, preconditionFix } from './precondition-rules.ts';
import { structured } from '../harness-view.ts';

const mode = z.enum(['repair', 'retry']).default('repair');
const maxRetries = z.number().int().min(1).max(5).default(2);

/** Counts this step's retries in the part's store; true while another retry is allowed. */
export function mayRetry({ view, store }: HookContext, limit: number): boolean {
  const counter = store.retries as { step: number; count: number } | undefined;
  const count = counter?.step === view.step ? counter.count : 0;
  if (count >= limit) return false;
  store.retries = { step: view.step, count: count + 1 };
  return true;
}

const admissible = definePart({
  kind: 'validator', name: 'admissible', description: 'The action must be in the valid-action list: repair to the closest one, or send it back with feedback (then repair).',
  params: z.object({ mode, maxRetries }).strict(), mayChange: { 'before-action': ['action', 'retry'] },
  create: ({ mode, maxRetries }) => ({ hooks: { 'before-action': (context) => {
    const { view, turn, emit } = context;
    if (!turn.action || view.validActions.includes(turn.action) || view.validActions.length === 0) return;
    if (mode === 'retry' && mayRetry(context, maxRetries)) {
      const feedback = `"${turn.action}" is not a valid action now. Choose one from the list exactly as written.`;
      emit({ type: 'action-reject', part: 'admissible', action: turn.action, reason: 'not-admissible', feedback });
      turn.retry = { reason: 'not-admissible', feedback };
      return;
    }
    const repaired = parseModelAction(turn.action, view.validActions).action;
    emit({ type: 'action-repair', part: 'admissible', from: turn.action, to: repaired, why: 'closest valid action' });
    turn.action = repaired;
  } } }),
});

const learnedPreconditions = definePart({
  kind: 'validator', name: 'learned-preconditions', needs: ['hearth-structure'],
  description: `Learns preconditions from failure reason codes (${Object.keys(PRECONDITION_RULES).join(', ')}) and then inserts the missing step (repair) or sends the action back saying what is missing (retry, then repair).`,
  params: z.object({ mode, maxRetries, preload: z.boolean().default(false) }).strict(),
  mayChange: { 'before-action': ['action', 'retry'] },
  create: ({ mode, maxRetries, preload }) => {
    const learned = (store: Record<string, unknown>): string[] => (store.learned as string[] | undefined) ?? (preload ? Object.keys(PRECONDITION_RULES) : []);
    return { hooks: {
      'after-action': ({ view, store }) => {
        if (view.last && !view.last.success && PRECONDITION_RULES[view.last.reason] && !learned(store).includes(view.last.reason)) {
          store.learned = [...learned(store), view.last.reason];
        }
      },
      'before-action': (context) => {
        const { turn, emit } = context;
        const found = turn.action ? preconditionFix(structured(context.view), turn.action, learned(context.store)) : null;
        if (!found || !turn.action) return;
        if (mode === 'retry' && mayRetry(context, maxRetries)) {
          turn.retry = { reason: found.reason, feedback: `Before "${turn.action}" you must ${found.fix}.` };
          emit({ type: 'action-reject', part: 'learned-preconditions', action: turn.action, reason: found.reason, feedback: turn.retry.feedback });
          return;
        }
        emit({ type: 'action-repair', part: 'learned-preconditions', from: turn.action, to: found.fix, why: `learned from ${found.reason}` });
        turn.action = found.fix;
      },
    } };
  },
});

export const validatorParts: PartDefinition[] = [admissible, learnedPreconditions];
