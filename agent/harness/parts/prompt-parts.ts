/**
 * Prompt builders: sections and rules → chat messages.
 * - `chat-prompt`: one user turn rebuilt every step (simple; the KV cache reuses only the system
 *   text and goal, because the sections change near the top).
 * - `chat-transcript`: an append-only conversation — each step adds the previous action as an
 *   assistant turn and a new user turn, so the model's KV cache reuses everything before them and
 *   a step costs roughly its new tokens. The valid-action list and instructions appear only in the
 *   current turn (the past turns keep just their sections), and old turns are dropped in blocks
 *   (half the window at once), so the cached prefix stays stable between drops.
 */
import { z } from 'zod';
import { definePart, type PartDefinition } from '../define-part.ts';
import { offeredActions } from '../hooks.ts';

export const DEFAULT_SYSTEM = 'You are a household robot. You act in a house by writing one action per turn.';
const ORDER = ['exemplar', 'subgoal', 'notes', 'history', 'map', 'json', 'observation', 'relevant', 'changes'];

/** The non-empty sections, those named in `order` first (in that order), then the rest as written. */
function orderedSections(sections: Record<string, string | undefined>, order: readonly string[]): string[] {
  return [...order, ...Object.keys(sections).filter((name) => !order.includes(name))].map((name) => sections[name]).filter((text): text is string => Boolean(text));
}

const chatPrompt = definePart({
  kind: 'prompt-builder', name: 'chat-prompt', description: 'System text + rules; the user turn holds the goal, the sections and (optionally) the valid actions.',
  params: z.object({ system: z.string().default(DEFAULT_SYSTEM), listActions: z.boolean().default(true), order: z.array(z.string()).default(ORDER) }).strict(),
  mayChange: {},
  create: ({ system, listActions, order }) => ({ hooks: {}, build(turn, view) {
    const rules = turn.rules.length ? `\nRules:\n${turn.rules.map((rule) => `- ${rule}`).join('\n')}` : '';
    const sections = orderedSections(turn.sections, order);
    const actions = listActions ? `\nValid actions:\n${offeredActions(turn, view).join('\n')}` : '';
    const retry = turn.retry ? `\nYour last choice was rejected: ${turn.retry.feedback}` : '';
    return [
      { role: 'system', content: `${system}${rules}` },
      { role: 'user', content: `Goal: ${view.goal.text}\n${sections.join('\n')}${actions}${retry}\nYour next action:` },
    ];
  } }),
});

/** Valid actions one per line, or grouped by verb (about a third of the tokens). */
function formatActions(actions: readonly string[], style: 'lines' | 'grouped'): string {
  if (style === 'lines') return actions.join('\n');
  const groups = new Map<string, string[]>();
  for (const action of actions) {
    const verb = /^(go to|[a-z]+)\s*(.*)$/.exec(action);
    const key = verb?.[2] ? verb[1]! : action;
    groups.set(key, [...(groups.get(key) ?? []), verb?.[2] ? verb[2] : '']);
  }
  return [...groups].map(([verb, rests]) => (rests.every((rest) => !rest) ? verb : `${verb} ${rests.join(' | ')}`)).join('\n');
}

const chatTranscript = definePart({
  kind: 'prompt-builder', name: 'chat-transcript',
  description: 'An append-only conversation (goal and rules in the system turn; one user turn per step, the chosen action as the assistant turn): the KV cache reuses all earlier turns. Valid actions only in the current turn; old turns dropped in blocks.',
  params: z.object({
    system: z.string().default(DEFAULT_SYSTEM),
    listActions: z.boolean().default(true),
    actionList: z.enum(['lines', 'grouped']).default('lines'),
    maxTurns: z.number().int().min(1).max(64).default(8),
    order: z.array(z.string()).default(ORDER),
  }).strict(),
  mayChange: {},
  create: ({ system, listActions, actionList, maxTurns, order }) => {
    let systemText: string | null = null;
    let systemRules: string[] = [];
    const past: { step: number; user: string; assistant: string }[] = [];
    let pending: { step: number; user: string } | null = null;
    let start = 0;
    return { hooks: {}, build(turn, view) {
      if (systemText === null) {
        systemRules = [...turn.rules];
        const rules = systemRules.length ? `\nRules:\n${systemRules.map((rule) => `- ${rule}`).join('\n')}` : '';
        systemText = `${system}${rules}\nGoal: ${view.goal.text}`;
      }
      // The previous step's user turn becomes history, answered by the action that was applied.
      if (pending && pending.step < view.step && view.last) {
        past.push({ step: pending.step, user: pending.user, assistant: view.last.action });
        pending = null;
      }
      const sections = orderedSections(turn.sections, order).join('\n');
      pending = { step: view.step, user: sections || '(nothing new)' };
      if (past.length - start > maxTurns) start = past.length - Math.ceil(maxTurns / 2);
      const newRules = turn.rules.filter((rule) => !systemRules.includes(rule));
      const extra = [
        newRules.length ? `Rules:\n${newRules.map((rule) => `- ${rule}`).join('\n')}` : '',
        listActions ? `Valid actions:\n${formatActions(offeredActions(turn, view), actionList)}` : '',
        turn.retry ? `Your last choice was rejected: ${turn.retry.feedback}` : '',
        'Your next action:',
      ].filter(Boolean).join('\n');
      return [
        { role: 'system', content: systemText },
        ...past.slice(start).flatMap((exchange) => [{ role: 'user' as const, content: exchange.user }, { role: 'assistant' as const, content: exchange.assistant }]),
        { role: 'user', content: `${pending.user}\n${extra}` },
      ];
    } };
  },
});

export const promptParts: PartDefinition[] = [chatPrompt, chatTranscript];
