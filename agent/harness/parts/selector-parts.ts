/** Action selectors: how the model's answer becomes one action. */
import { z } from 'zod';
import { definePart, type PartDefinition, type SelectContext } from '../define-part.ts';
import { parseModelAction } from './parse-model-action.ts';

const THOUGHT_INSTRUCTION = 'First write one short line starting with "Thought:", then one line "Action: <one valid action>".';

const freeGeneration = definePart({
  kind: 'selector', name: 'free-generation',
  description: 'The model writes its action (optionally after a short thought); `parse: closest` maps it to the closest valid action (flagging guesses), `raw` passes its first line to the world as written.',
  params: z.object({ thought: z.boolean().default(false), maxTokens: z.number().int().min(4).max(256).default(24), parse: z.enum(['closest', 'raw']).default('closest') }).strict(),
  mayChange: {},
  create: ({ thought, maxTokens, parse }) => ({ hooks: {}, async select(context: SelectContext) {
    const messages = thought ? withInstruction(context, THOUGHT_INSTRUCTION) : context.messages;
    const result = await context.generate({ messages, maxTokens, stop: thought ? ['\n\n'] : ['\n'] });
    const parsed = parse === 'raw' ? { action: rawAction(result.text), guessed: false } : parseModelAction(result.text, context.view.validActions);
    const thoughtText = /thought\s*:\s*(.+)/i.exec(result.text)?.[1]?.trim();
    return { action: parsed.action, guessed: parsed.guessed, ...(thoughtText ? { thought: thoughtText } : {}) };
  } }),
});

const numberedMenu = definePart({
  kind: 'selector', name: 'numbered-menu', description: 'Valid actions numbered; the model answers one number (constrained to the menu).',
  params: z.object({}).strict(), mayChange: {},
  create: () => ({ hooks: {}, async select(context: SelectContext) {
    const actions = context.view.validActions;
    const menu = actions.map((action, index) => `${index + 1}. ${action}`).join('\n');
    const messages = withInstruction(context, `Choose by number:\n${menu}\nAnswer with the number only.`);
    const result = await context.generate({ messages, choices: actions.map((_, index) => String(index + 1)), maxTokens: 4 });
    const index = Number.parseInt(result.text, 10) - 1;
    return { action: actions[index] ?? actions[0]!, guessed: !(index >= 0 && index < actions.length) };
  } }),
});

const choiceScoring = definePart({
  kind: 'selector', name: 'choice-scoring', description: 'Scores every valid action as a continuation and takes the most likely.',
  params: z.object({ normalise: z.enum(['sum', 'mean']).default('mean') }).strict(), mayChange: {},
  create: ({ normalise }) => ({ hooks: {}, async select(context: SelectContext) {
    const actions = context.view.validActions;
    const result = await context.scoreChoices({ messages: context.messages, candidates: actions });
    const value = (index: number): number => (normalise === 'mean' ? result.scores[index]!.meanLogProb : result.scores[index]!.logProb);
    let best = 0;
    for (let index = 1; index < actions.length; index += 1) if (value(index) > value(best)) best = index;
    return { action: actions[best]!, guessed: false };
  } }),
});

const grammarConstrained = definePart({
  kind: 'selector', name: 'grammar', description: 'Generation constrained by a grammar whose sentences are exactly the valid actions.',
  params: z.object({}).strict(), mayChange: {},
  create: () => ({ hooks: {}, async select(context: SelectContext) {
    const actions = context.view.validActions;
    const grammar = `root ::= ${actions.map((action) => JSON.stringify(action)).join(' | ')}`;
    const result = await context.generate({ messages: context.messages, grammar, maxTokens: 24 });
    const parsed = parseModelAction(result.text, actions);
    return { action: parsed.action, guessed: parsed.guessed };
  } }),
});

/** The text after "Action:", else the first non-empty line, trimmed. */
function rawAction(text: string): string {
  const line = /action\s*:\s*(.+)/i.exec(text)?.[1] ?? text.split('\n').find((candidate) => candidate.trim()) ?? '';
  return line.trim().replace(/^[>*\-\s]+/, '');
}

/** Appends an instruction to the last user message. */
function withInstruction(context: SelectContext, instruction: string): SelectContext['messages'] {
  const messages = context.messages.map((message) => ({ ...message }));
  const last = messages.at(-1)!;
  last.content = `${last.content}\n${instruction}`;
  return messages;
}

export const selectorParts: PartDefinition[] = [freeGeneration, numberedMenu, choiceScoring, grammarConstrained];
