/** Memory: episodic notes (what was searched, what was seen where), lessons and exemplars. */
import { z } from 'zod';
import { definePart, type PartDefinition } from '../define-part.ts';

interface NotesStore {
  searched?: string[];
  seen?: Record<string, string>;
}

/** From text alone: the sentence of an observation that says what is there ("… you see a mug 1, …"). */
function whatIsThere(observation: string): string | null {
  const sentence = observation.split(/(?<=[.!?])\s+/).find((s) => /\byou see\b|\bthere is\b|\bthere are\b/i.test(s));
  return sentence ? sentence.trim().slice(0, 240) : null;
}

const episodicNotes = definePart({
  kind: 'memory', name: 'episodic-notes',
  description: "Receptacles searched and objects seen, with where (from observations only): from Hearth's observation JSON when there is one, else from the text — places gone to or opened, and what the observation said is there.",
  params: z.object({ maxSeen: z.number().int().min(1).max(100).default(20) }).strict(),
  mayChange: { 'step-start': ['sections'] },
  create: ({ maxSeen }) => ({ hooks: {
    'after-action': ({ view, store }) => {
      const notes = store as NotesStore;
      const { json } = view.observation;
      const searched = new Set(notes.searched ?? []);
      const seen = { ...notes.seen };
      if (json) {
        // A closed receptacle was looked at, not searched.
        if (json.at && (json.receptacles.find((r) => r.id === json.at)?.open ?? true)) searched.add(json.at);
        for (const object of json.visibleObjects) seen[object.id] = object.location === 'agent' ? 'in your hand' : object.location;
      } else if (view.last?.success) {
        const place = /^(?:go to|open) (.+)$/.exec(view.last.action)?.[1];
        const there = place ? whatIsThere(view.observation.text) : null;
        if (place) searched.add(place);
        if (place && there) {
          delete seen[place];
          seen[place] = there;
        }
      }
      notes.searched = [...searched].sort();
      notes.seen = seen;
    },
    'step-start': ({ view, turn, store }) => {
      const { searched = [], seen = {} } = store as NotesStore;
      const entries = Object.entries(seen).slice(-maxSeen);
      const seenLine = view.observation.json ? `Seen: ${entries.map(([id, where]) => `${id} (${where})`).join(', ')}.` : `Seen:\n${entries.map(([place, there]) => `- at ${place}: ${there}`).join('\n')}`;
      const lines = [searched.length ? `Already ${view.observation.json ? 'searched' : 'visited'}: ${searched.join(', ')}.` : '', entries.length ? seenLine : ''];
      if (lines.some(Boolean)) turn.sections.notes = lines.filter(Boolean).join('\n');
    },
  } }),
});

const lesson = z.object({ rule: z.string().min(1), evidence: z.string().default('') }).strict();
/** A lesson: a text rule and the evidence it came from (trace, step, failure), kept for review. */
export type Lesson = z.infer<typeof lesson>;

const lessons = definePart({
  kind: 'memory', name: 'lessons',
  description: 'Rules learned from earlier failures, each with the evidence it came from (params.lessons), plus any lines in texts[key]; the rules go to the instructions, the evidence stays in the spec.',
  params: z.object({ key: z.string().default('lessons'), lessons: z.array(lesson).default([]) }).strict(),
  mayChange: { 'step-start': ['rules'] },
  create: ({ key, lessons }) => ({ hooks: { 'step-start': ({ turn, texts }) => {
    for (const { rule } of lessons) turn.rules.push(rule);
    for (const line of (texts[key] ?? '').split('\n')) if (line.trim()) turn.rules.push(line.trim());
  } } }),
});

const exemplars = definePart({
  kind: 'memory', name: 'exemplars',
  description: 'Solved examples of the same task type, from texts["exemplar:<task type>"] (written by `exemplarFromTrace` from successful traces).',
  params: z.object({ maxChars: z.number().int().min(100).max(8000).default(1200) }).strict(),
  mayChange: { 'step-start': ['sections'] },
  create: ({ maxChars }) => ({ hooks: { 'step-start': ({ view, turn, texts }) => {
    const example = view.taskType ? texts[`exemplar:${view.taskType}`] : undefined;
    if (example) turn.sections.exemplar = `A solved example of this kind of task:\n${example.slice(0, maxChars)}`;
  } } }),
});

export const memoryParts: PartDefinition[] = [episodicNotes, lessons, exemplars];
