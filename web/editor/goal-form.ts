/**
 * The goal as a form over its predicate tree: every node kind the format has (all-of, any-of, not
 * and the leaves in, holding, has-state, count, light-on, examined-under-light), object and
 * receptacle selectors by type (from the catalogue) or by id (from the draft), wanted states, a
 * count's minimum. Changing a node's kind keeps what still fits (a leaf becomes the first
 * condition of a new all-of). Each control's id is its JSON path, so errors and tests can find it.
 */
import { OBJECT_STATE_NAMES, OBJECT_TYPES, RECEPTACLE_TYPES, type GoalNode, type ObjectSelector, type ReceptacleSelector } from '../../sim/index.ts';
import { el } from '../dom.ts';
import type { Draft, Edit } from './editor-draft.ts';

type Path = (string | number)[];

const KINDS: [GoalNode['type'], string][] = [
  ['in', 'in / on (object in a receptacle)'],
  ['holding', 'holding (the agent holds it)'],
  ['has-state', 'has state (hot, clean, sliced …)'],
  ['count', 'count (at least N in one receptacle)'],
  ['light-on', 'light on (a lamp is switched on)'],
  ['examined-under-light', 'examined under light'],
  ['all-of', 'all of (and)'],
  ['any-of', 'any of (or)'],
  ['not', 'not'],
];
const COMPOSITE = new Set(['all-of', 'any-of', 'not']);
const typeOf = (id: string): string => id.split(' ')[0] ?? id;
const controlId = (path: Path, field: string): string => `goal-${path.join('-')}-${field}`;

function defaultObject(draft: Draft): ObjectSelector {
  return { type: draft.objects[0] ? typeOf(draft.objects[0].id) : 'apple' };
}

function defaultReceptacle(draft: Draft, lamp = false): ReceptacleSelector {
  const fits = draft.furniture.find((item) => (lamp ? RECEPTACLE_TYPES[typeOf(item.id)]?.light : RECEPTACLE_TYPES[typeOf(item.id)]?.holds));
  return { type: fits ? typeOf(fits.id) : lamp ? 'desklamp' : 'diningtable' };
}

/** The first leaf under a node (what a composite keeps when it becomes a leaf). */
function firstLeaf(node: GoalNode): GoalNode | undefined {
  if (node.type === 'all-of' || node.type === 'any-of') return node.goals.map(firstLeaf).find(Boolean);
  if (node.type === 'not') return firstLeaf(node.goal);
  return node;
}

/** `node` as kind `type`, keeping its selectors and children where the new kind has them. */
export function convertGoal(node: GoalNode, type: GoalNode['type'], draft: Draft): GoalNode {
  const children = node.type === 'all-of' || node.type === 'any-of' ? node.goals : node.type === 'not' ? [node.goal] : [node];
  if (type === 'all-of' || type === 'any-of') return { type, goals: children };
  if (type === 'not') return { type, goal: node.type === 'all-of' || node.type === 'any-of' ? node : children[0]! };
  const leaf = firstLeaf(node) ?? node;
  const object = 'object' in leaf ? leaf.object : defaultObject(draft);
  const receptacle = 'receptacle' in leaf ? leaf.receptacle : defaultReceptacle(draft, type === 'light-on');
  switch (type) {
    case 'in': return { type, object, receptacle };
    case 'count': return { type, object, receptacle, min: leaf.type === 'count' ? leaf.min : 2 };
    case 'light-on': return { type, receptacle: 'receptacle' in leaf && leaf.type === 'light-on' ? leaf.receptacle : defaultReceptacle(draft, true) };
    default: return { type, object };
  }
}

function options(values: string[], current: string, present: Set<string>): HTMLOptionElement[] {
  const all = values.includes(current) || !current ? values : [current, ...values];
  return all.map((value) => el('option', { value, text: !values.includes(value) ? `${value} (not in the scenario)` : present.has(value) ? `${value} ✓` : value, selected: value === current }));
}

/** "by type / by id" and the name, for an object or receptacle selector. */
function selectorControls(draft: Draft, selector: { id?: string; type?: string; states?: string[] }, path: Path, kind: 'object' | 'receptacle', change: (next: typeof selector) => void): HTMLElement {
  const byId = selector.id !== undefined;
  const ids = kind === 'object' ? draft.objects.map((o) => o.id) : draft.furniture.map((f) => f.id);
  const catalog = Object.keys(kind === 'object' ? OBJECT_TYPES : RECEPTACLE_TYPES).sort();
  const presentTypes = new Set(ids.map(typeOf));
  const mode = el('select', { id: controlId(path, 'by'), 'aria-label': `${kind} chosen by` }, el('option', { value: 'type', text: 'any of type', selected: !byId }), el('option', { value: 'id', text: 'the one named', selected: byId }));
  const name = el('select', { id: controlId(path, byId ? 'id' : 'type'), 'aria-label': `${kind} ${byId ? 'id' : 'type'}` }, ...(byId ? options(ids, selector.id!, new Set()) : options(catalog, selector.type ?? '', presentTypes)));
  const states = selector.states;
  mode.addEventListener('change', () => {
    const id = mode.value === 'id' ? (ids.find((candidate) => typeOf(candidate) === selector.type) ?? ids[0] ?? `${selector.type ?? kind} 1`) : undefined;
    change({ ...(id !== undefined ? { id } : { type: typeOf(selector.id ?? '') || catalog[0] }), ...(states ? { states } : {}) });
  });
  name.addEventListener('change', () => change({ ...(byId ? { id: name.value } : { type: name.value }), ...(states ? { states } : {}) }));
  const row = el('div', { class: 'goal-selector' }, el('span', { class: 'goal-role', text: kind }), mode, name);
  if (kind === 'object') {
    const boxes = OBJECT_STATE_NAMES.map((state) => {
      const box = el('input', { type: 'checkbox', id: controlId(path, `state-${state}`), checked: states?.includes(state) ?? false });
      box.addEventListener('change', () => {
        const wanted = OBJECT_STATE_NAMES.filter((s) => (s === state ? box.checked : states?.includes(s)));
        const { states: _drop, ...rest } = selector;
        change(wanted.length ? { ...rest, states: wanted } : rest);
      });
      return el('label', { class: 'state-box' }, box, state);
    });
    row.append(el('span', { class: 'goal-states' }, ...boxes));
  }
  return row;
}

export class GoalForm {
  /** `edit` changes the draft (the tree in place) and redraws the editor, this form included. */
  constructor(private readonly host: HTMLElement, private readonly draft: () => Draft, private readonly edit: Edit) {}

  render(): void {
    const draft = this.draft();
    this.host.replaceChildren(this.node(draft, draft.goal, ['tree'], (next) => (draft.goal = next), null));
  }

  private commit(what: string, change: () => void): void {
    this.edit(`goal: ${what}`, change);
  }

  private node(draft: Draft, node: GoalNode, path: Path, replace: (next: GoalNode) => void, remove: (() => void) | null): HTMLElement {
    const kind = el('select', { id: controlId(path, 'kind'), 'aria-label': 'condition kind' }, ...KINDS.map(([value, text]) => el('option', { value, text, selected: value === node.type })));
    kind.addEventListener('change', () => this.commit(`${kind.value} at ${path.join('.')}`, () => replace(convertGoal(node, kind.value as GoalNode['type'], draft))));
    const head = el('div', { class: 'goal-head' }, kind);
    if (remove) {
      const button = el('button', { type: 'button', class: 'small', id: controlId(path, 'remove'), 'aria-label': 'remove this condition', text: '✕' });
      button.addEventListener('click', () => this.commit(`removed the condition at ${path.join('.')}`, remove));
      head.append(button);
    }
    const box = el('div', { class: `goal-node${COMPOSITE.has(node.type) ? ' composite' : ''}`, 'data-path': `goal.${path.join('.')}` }, head);
    if (node.type === 'all-of' || node.type === 'any-of') {
      node.goals.forEach((child, index) => box.append(this.node(draft, child, [...path, 'goals', index], (next) => (node.goals[index] = next), () => node.goals.splice(index, 1))));
      const add = el('button', { type: 'button', class: 'small', id: controlId(path, 'add'), text: '+ condition' });
      add.addEventListener('click', () => this.commit(`a condition under ${path.join('.')}`, () => void node.goals.push({ type: 'in', object: defaultObject(draft), receptacle: defaultReceptacle(draft) })));
      box.append(add);
    } else if (node.type === 'not') {
      box.append(this.node(draft, node.goal, [...path, 'goal'], (next) => (node.goal = next), null));
    } else {
      const set = (field: 'object' | 'receptacle') => (next: object): void => this.commit(`${field} at ${path.join('.')}`, () => void ((node as Record<string, unknown>)[field] = next));
      if ('object' in node) box.append(selectorControls(draft, node.object, [...path, 'object'], 'object', set('object')));
      if ('receptacle' in node) box.append(selectorControls(draft, node.receptacle, [...path, 'receptacle'], 'receptacle', set('receptacle')));
      if (node.type === 'count') {
        const min = el('input', { type: 'number', min: 1, step: 1, value: node.min, id: controlId(path, 'min'), class: 'narrow' });
        min.addEventListener('change', () => this.commit(`count at least ${min.value}`, () => void (node.min = Math.floor(Number(min.value)))));
        box.append(el('label', {}, 'at least ', min));
      }
    }
    return box;
  }
}
