/** Action selectors: how the model's answer becomes one action. */
import { z } from 'zod';
import { choicesGrammar } from '../../models/choices-grammar.ts';
import type { ChatMessage } from '../../models/model-backend.ts';
import { definePart, type PartDefinition, type SelectContext, type Selection } from '../define-part.ts';
import { parseModelAction } from './parse-model-action.ts';
import { offeredActions } from '../hooks.ts';

export const SELECTOR_NAMES = ['free-generation', 'numbered-menu', 'choice-scoring', 'grammar'] as const;

const THOUGHT_AND_ACTION = 'First write one short line starting with "Thought:", then one line "Action: <one valid action>".';
// Small models run on after their action (more "> …" lines, invented feedback); these end the answer early.
const AFTER_ACTION_STOPS = ['\n\n', '\nThought', '\n>', '\nYou ', '\nObservation'];
const thought = z.boolean().default(false);
const thoughtTokens = z.number().int().min(4).max(128).default(24);

/** Appends an instruction to the last user message. */
function withInstruction(messages: ChatMessage[], instruction: string): ChatMessage[] {
  const copy = messages.map((message) => ({ ...message }));
  copy.at(-1)!.content = `${copy.at(-1)!.content}\n${instruction}`;
  return copy;
}

/** The optional short thought before a constrained choice: one line, then shown back to the model. */
async function think(context: SelectContext, enabled: boolean, maxTokens: number): Promise<{ messages: ChatMessage[]; thought?: string }> {
  if (!enabled) return { messages: context.messages };
  const asked = withInstruction(context.messages, 'Think first: write one short line about what to do next.');
  const text = (await context.model.generate({ messages: asked, maxTokens, stop: ['\n'] })).text.replace(/^\s*thought\s*:\s*/i, '').trim();
  return { messages: withInstruction(context.messages, `Your thought: ${text}`), thought: text };
}

/** The text after "Action:", else the first non-empty line, trimmed. */
function rawAction(text: string): string {
  const line = /action\s*:\s*(.+)/i.exec(text)?.[1] ?? text.split('\n').find((candidate) => candidate.trim()) ?? '';
  return line.trim().replace(/^[>*\-\s]+/, '');
}

const freeGeneration = definePart({
  kind: 'selector', name: 'free-generation',
  description: 'The model writes its action (optionally after a short thought); `parse: closest` maps it to the closest valid action (flagging guesses), `raw` passes its first line to the world as written.',
  params: z.object({ thought, maxTokens: z.number().int().min(4).max(256).default(24), parse: z.enum(['closest', 'raw']).default('closest') }).strict(),
  mayChange: {},
  create: ({ thought, maxTokens, parse }) => ({ hooks: {}, async select(context): Promise<Selection> {
    const messages = thought ? withInstruction(context.messages, THOUGHT_AND_ACTION) : context.messages;
    const { text } = await context.model.generate({ messages, maxTokens, stop: thought ? AFTER_ACTION_STOPS : ['\n'] });
    const parsed = parse === 'raw' ? { action: rawAction(text), guessed: false } : parseModelAction(text, offeredActions(context.turn, context.view));
    const thoughtText = /thought\s*:\s*(.+)/i.exec(text)?.[1]?.trim();
    return { ...parsed, ...(thoughtText ? { thought: thoughtText } : {}) };
  } }),
});

const numberedMenu = definePart({
  kind: 'selector', name: 'numbered-menu', description: 'Valid actions numbered; the model answers one number, constrained to the menu (optionally after a short thought).',
  params: z.object({ thought, thoughtTokens }).strict(), mayChange: {},
  create: ({ thought, thoughtTokens }) => ({ hooks: {}, async select(context): Promise<Selection> {
    const actions = offeredActions(context.turn, context.view);
    const prior = await think(context, thought, thoughtTokens);
    const menu = actions.map((action, index) => `${index + 1}. ${action}`).join('\n');
    const messages = withInstruction(prior.messages, `Choose by number:\n${menu}\nAnswer with the number only.`);
    const { text } = await context.model.generate({ messages, choices: actions.map((_, index) => String(index + 1)), maxTokens: 4 });
    const index = Number.parseInt(text, 10) - 1;
    const inMenu = index >= 0 && index < actions.length;
    return { action: inMenu ? actions[index]! : actions[0]!, guessed: !inMenu, ...(prior.thought ? { thought: prior.thought } : {}) };
  } }),
});

const choiceScoring = definePart({
  kind: 'selector', name: 'choice-scoring', description: 'Scores every valid action as a continuation of the prompt and takes the most likely (mean or summed log-probability).',
  params: z.object({ normalise: z.enum(['sum', 'mean']).default('mean'), thought, thoughtTokens }).strict(), mayChange: {},
  create: ({ normalise, thought, thoughtTokens }) => ({ hooks: {}, async select(context): Promise<Selection> {
    const actions = offeredActions(context.turn, context.view);
    const prior = await think(context, thought, thoughtTokens);
    const { scores } = await context.model.scoreChoices({ messages: prior.messages, candidates: [...actions] });
    const value = (index: number): number => (normalise === 'mean' ? scores[index]!.meanLogProb : scores[index]!.logProb);
    let best = 0;
    for (let index = 1; index < actions.length; index += 1) if (value(index) > value(best)) best = index;
    return { action: actions[best]!, guessed: false, ...(prior.thought ? { thought: prior.thought } : {}) };
  } }),
});

const grammarConstrained = definePart({
  kind: 'selector', name: 'grammar', description: 'Generation constrained by a GBNF alternation whose sentences are exactly the valid actions (optionally after a short thought).',
  params: z.object({ thought, thoughtTokens }).strict(), mayChange: {},
  create: ({ thought, thoughtTokens }) => ({ hooks: {}, async select(context): Promise<Selection> {
    const actions = offeredActions(context.turn, context.view);
    const prior = await think(context, thought, thoughtTokens);
    const maxTokens = Math.max(...actions.map((action) => action.length)) + 4;
    const { text } = await context.model.generate({ messages: prior.messages, grammar: choicesGrammar(actions), maxTokens });
    return { ...parseModelAction(text, actions), ...(prior.thought ? { thought: prior.thought } : {}) };
  } }),
});

export const selectorParts: PartDefinition[] = [freeGeneration, numberedMenu, choiceScoring, grammarConstrained];
