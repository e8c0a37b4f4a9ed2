/** Prompt builders: sections and rules → chat messages. */
import { z } from 'zod';
import { definePart, type PartDefinition } from '../define-part.ts';

export const DEFAULT_SYSTEM = 'You are a household robot. You act in a house by writing one action per turn.';
const ORDER = ['exemplar', 'subgoal', 'notes', 'history', 'map', 'json', 'observation', 'relevant', 'changes'];

const chatPrompt = definePart({
  kind: 'prompt-builder', name: 'chat-prompt', description: 'System text + rules; the user turn holds the goal, the sections and (optionally) the valid actions.',
  params: z.object({ system: z.string().default(DEFAULT_SYSTEM), listActions: z.boolean().default(true), order: z.array(z.string()).default(ORDER) }).strict(),
  mayChange: {},
  create: ({ system, listActions, order }) => ({ hooks: {}, build(turn, view) {
    const rules = turn.rules.length ? `\nRules:\n${turn.rules.map((rule) => `- ${rule}`).join('\n')}` : '';
    const sections = [...order, ...Object.keys(turn.sections).filter((name) => !order.includes(name))].map((name) => turn.sections[name]).filter(Boolean);
    const actions = listActions ? `\nValid actions:\n${view.validActions.join('\n')}` : '';
    const retry = turn.retry ? `\nYour last choice was rejected: ${turn.retry.feedback}` : '';
    return [
      { role: 'system', content: `${system}${rules}` },
      { role: 'user', content: `Goal: ${view.goal.text}\n${sections.join('\n')}${actions}${retry}\nYour next action:` },
    ];
  } }),
});

export const promptParts: PartDefinition[] = [chatPrompt];
