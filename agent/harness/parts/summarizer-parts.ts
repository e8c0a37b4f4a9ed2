/** State summarizers: each writes one prompt section from what the agent observes. */
import { z } from 'zod';
import { definePart, type PartDefinition } from '../define-part.ts';
import { goalTypes } from './goal-types.ts';
import { structured } from '../harness-view.ts';

const none = z.object({}).strict();
const write = { 'step-start': ['sections' as const] };

/** The sentences of `text` that `already` does not contain (feedback often repeats the observation). */
export function newSentences(text: string, already: string): string {
  return text.split(/(?<=[.!?])\s+/).filter((sentence) => sentence && !already.includes(sentence.trim())).join(' ').trim();
}

const observationText = definePart({
  kind: 'summarizer', name: 'observation-text', description: 'The English observation, after the sentences of the last feedback that it does not already say.', params: none, mayChange: write,
  create: () => ({ hooks: { 'step-start': ({ view, turn }) => {
    const feedback = view.last ? newSentences(view.last.feedback, view.observation.text) : '';
    turn.sections.observation = `${feedback ? `${feedback}\n` : ''}${view.observation.text}`;
  } } }),
});

const visibleHere = definePart({
  kind: 'summarizer', name: 'visible-here', needs: ['hearth-structure'], description: 'Only where the agent is, what it holds and what it sees there.', params: none, mayChange: write,
  create: () => ({ hooks: { 'step-start': ({ view, turn }) => {
    const { json } = structured(view).observation;
    const seen = json.visibleObjects.filter((o) => o.location !== 'agent').map((o) => o.id);
    turn.sections.observation = [`You are in the ${json.room}${json.at ? `, at the ${json.at}` : ''}.`, `You hold ${json.holding ?? 'nothing'}.`, seen.length ? `You see: ${seen.join(', ')}.` : 'You see no objects here.'].join(' ');
  } } }),
});

const goalRelevant = definePart({
  kind: 'summarizer', name: 'goal-relevant', needs: ['hearth-structure'], description: 'Only the objects and receptacles whose types the goal names.', params: none, mayChange: write,
  create: () => ({ hooks: { 'step-start': ({ view, turn }) => {
    const types = goalTypes(structured(view).goal.tree);
    const objects = structured(view).observation.json.visibleObjects.filter((o) => types.has(o.type)).map((o) => `${o.id}${o.states.length ? ` (${o.states.join(', ')})` : ''} at ${o.location}`);
    turn.sections.relevant = objects.length ? `Relevant here: ${objects.join('; ')}.` : 'Nothing relevant to the goal is visible here.';
  } } }),
});

const observationJson = definePart({
  kind: 'summarizer', name: 'observation-json', needs: ['hearth-structure'], description: 'The observation as JSON.', params: none, mayChange: write,
  create: () => ({ hooks: { 'step-start': ({ view, turn }) => void (turn.sections.json = JSON.stringify(structured(view).observation.json)) } }),
});

const asciiMap = definePart({
  kind: 'summarizer', name: 'ascii-map', needs: ['hearth-structure'], description: 'The ASCII map of the house with its legend.', params: none, mayChange: write,
  create: () => ({ hooks: { 'step-start': ({ view, turn }) => void (turn.sections.map = structured(view).observation.ascii) } }),
});

const changes = definePart({
  kind: 'summarizer', name: 'changes', needs: ['hearth-structure'], description: 'What changed in view since the last step.', params: none, mayChange: write,
  create: () => ({ hooks: { 'step-start': ({ view, turn, store }) => {
    const now = structured(view).observation.json.visibleObjects.map((o) => `${o.id}@${o.location}:${o.states.join('+')}`);
    const before = new Set((store.previous as string[] | undefined) ?? []);
    const appeared = now.filter((item) => !before.has(item)).map((item) => item.split(':')[0]!.replace('@', ' at '));
    store.previous = now;
    turn.sections.changes = appeared.length ? `New since last step: ${appeared.join(', ')}.` : 'Nothing new in view.';
  } } }),
});

const historyWindow = definePart({
  kind: 'summarizer', name: 'history-window', description: 'The last N actions and their feedback.', params: z.object({ size: z.number().int().min(1).max(50).default(5) }).strict(), mayChange: write,
  create: ({ size }) => ({ hooks: { 'step-start': ({ view, turn }) => {
    const recent = view.history.slice(-size);
    if (recent.length) turn.sections.history = recent.map((h) => `> ${h.action}\n${h.feedback}`).join('\n');
  } } }),
});

export const summarizerParts: PartDefinition[] = [observationText, visibleHere, goalRelevant, observationJson, asciiMap, changes, historyWindow];
