/**
 * The task's metadata as a form: id (`suite/name-v1`, also the exported file's name), title,
 * description, tags, step limit (empty: the simulator's default) and the goal's own wording
 * (empty: the simulator describes the tree). Typing edits the draft at once; a field's typing is
 * one undo step.
 */
import { el } from '../dom.ts';
import type { Draft, Edit } from './editor-draft.ts';

interface Field {
  key: 'id' | 'title' | 'description' | 'tags' | 'stepLimit' | 'goalText';
  label: string;
  placeholder: string;
  read: (draft: Draft) => string;
  write: (draft: Draft, value: string) => void;
}

const FIELDS: Field[] = [
  { key: 'id', label: 'Id', placeholder: 'household/my-task-v1', read: (d) => d.id, write: (d, v) => void (d.id = v) },
  { key: 'title', label: 'Title', placeholder: 'Put an apple on the table', read: (d) => d.title, write: (d, v) => void (d.title = v) },
  { key: 'description', label: 'Description', placeholder: '(optional) what the task tests', read: (d) => d.description, write: (d, v) => void (d.description = v) },
  { key: 'tags', label: 'Tags', placeholder: 'task:pick-and-place, difficulty:easy', read: (d) => d.tags.join(', '), write: (d, v) => void (d.tags = v.split(',').map((tag) => tag.trim()).filter(Boolean)) },
  { key: 'stepLimit', label: 'Step limit', placeholder: 'default 50', read: (d) => (d.stepLimit === null ? '' : String(d.stepLimit)), write: (d, v) => void (d.stepLimit = v.trim() === '' ? null : Number(v)) },
  { key: 'goalText', label: 'Goal text', placeholder: '(optional) the goal in words', read: (d) => d.goalText, write: (d, v) => void (d.goalText = v) },
];

export class MetaForm {
  constructor(private readonly host: HTMLElement, private readonly draft: () => Draft, private readonly edit: Edit) {}

  /** Rebuilds the fields from the draft (after opening a file, undo or redo). */
  render(): void {
    const draft = this.draft();
    const rows = FIELDS.flatMap((field) => {
      const input = el('input', { type: field.key === 'stepLimit' ? 'number' : 'text', id: `editor-meta-${field.key}`, placeholder: field.placeholder, value: field.read(draft), ...(field.key === 'stepLimit' ? { min: 1, max: 1000, step: 1 } : {}) });
      input.addEventListener('input', () => this.edit(`${field.label.toLowerCase()} changed`, (d) => field.write(d, input.value), `meta-${field.key}`));
      return [el('label', { for: input.id, text: field.label }), input];
    });
    this.host.replaceChildren(el('div', { class: 'meta' }, ...rows));
  }
}
