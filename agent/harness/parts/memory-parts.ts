/** Memory: episodic notes (what was searched, what was seen where), lessons and exemplars from texts. */
import { z } from 'zod';
import { definePart, type PartDefinition } from '../define-part.ts';

const episodicNotes = definePart({
  kind: 'memory', name: 'episodic-notes', description: 'Receptacles searched and objects seen, with where.', params: z.object({}).strict(),
  mayChange: { 'step-start': ['sections'] },
  create: () => ({ hooks: {
    'after-action': ({ view, store }) => {
      const searched = new Set((store.searched as string[] | undefined) ?? []);
      const seen = new Map(Object.entries((store.seen as Record<string, string> | undefined) ?? {}));
      const { json } = view.observation;
      if (json.at && (json.receptacles.find((r) => r.id === json.at)?.open ?? true)) searched.add(json.at);
      for (const object of json.visibleObjects) seen.set(object.id, object.location === 'agent' ? 'in your hand' : object.location);
      store.searched = [...searched].sort();
      store.seen = Object.fromEntries(seen);
    },
    'step-start': ({ turn, store }) => {
      const searched = (store.searched as string[] | undefined) ?? [];
      const seen = Object.entries((store.seen as Record<string, string> | undefined) ?? {});
      if (!searched.length && !seen.length) return;
      turn.sections.notes = [searched.length ? `Already searched: ${searched.join(', ')}.` : '', seen.length ? `Seen: ${seen.map(([id, where]) => `${id} (${where})`).join(', ')}.` : ''].filter(Boolean).join('\n');
    },
  } }),
});

const lessons = definePart({
  kind: 'memory', name: 'lessons', description: 'Rules learned from earlier failures (the spec\'s texts.lessons, one per line), added to the instructions.',
  params: z.object({ key: z.string().default('lessons') }).strict(),
  mayChange: { 'step-start': ['rules'] },
  create: ({ key }) => ({ hooks: { 'step-start': ({ turn, texts }) => {
    for (const line of (texts[key] ?? '').split('\n')) if (line.trim()) turn.rules.push(line.trim());
  } } }),
});

const exemplars = definePart({
  kind: 'memory', name: 'exemplars', description: 'A solved example of the same task type (texts["exemplar:<task type>"]).',
  params: z.object({}).strict(),
  mayChange: { 'step-start': ['sections'] },
  create: () => ({ hooks: { 'step-start': ({ view, turn, texts }) => {
    const example = view.taskType ? texts[`exemplar:${view.taskType}`] : undefined;
    if (example) turn.sections.exemplar = `A solved example of this kind of task:\n${example}`;
  } } }),
});

export const memoryParts: PartDefinition[] = [episodicNotes, lessons, exemplars];
