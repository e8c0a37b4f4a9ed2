/**
 * The things in the draft house as lists: furniture (open/closed, lamp on/off, remove), movables
 * and objects (which receptacle each is in — the format puts every object in or on a piece of
 * furniture, there is no floor — its starting states, remove), and a form to add an object of a
 * catalogue type. Every change goes through `edit`, which keeps the undo history.
 */
import { OBJECT_STATE_NAMES, OBJECT_TYPES, RECEPTACLE_TYPES } from '../../sim/index.ts';
import { el } from '../dom.ts';
import { addObject, eraseAt } from './draft-edits.ts';
import type { Draft, Edit } from './editor-draft.ts';

const typeOf = (id: string): string => id.split(' ')[0] ?? id;
const slug = (id: string): string => id.replace(/\s+/g, '-');

function removeButton(id: string, label: string, onClick: () => void): HTMLButtonElement {
  const button = el('button', { type: 'button', class: 'small', id, 'aria-label': label, text: '✕' });
  button.addEventListener('click', onClick);
  return button;
}

function furnitureRows(draft: Draft, edit: Edit): HTMLElement[] {
  return draft.furniture.map((item, index) => {
    const info = RECEPTACLE_TYPES[typeOf(item.id)];
    const flag = info?.openable ? 'open' : info?.light ? 'on' : null;
    const cells: (Node | string)[] = [el('span', { class: 'thing-id', text: item.id }), el('span', { class: 'thing-cell', text: `[${item.cell.join(', ')}]` })];
    if (flag) {
      const box = el('input', { type: 'checkbox', id: `thing-${slug(item.id)}-${flag}`, checked: item[flag] === true });
      box.addEventListener('change', () => edit(`${item.id} ${flag === 'open' ? (box.checked ? 'open' : 'closed') : box.checked ? 'on' : 'off'}`, (d) => void (d.furniture[index]![flag] = box.checked)));
      cells.push(el('label', {}, box, flag));
    } else cells.push(el('span', {}));
    cells.push(removeButton(`thing-${slug(item.id)}-remove`, `remove ${item.id}`, () => edit(`removed ${item.id}`, (d) => void eraseAt(d, item.cell))));
    return el('li', { class: 'thing' }, ...cells);
  });
}

function objectRows(draft: Draft, edit: Edit): HTMLElement[] {
  const holders = draft.furniture.filter((item) => RECEPTACLE_TYPES[typeOf(item.id)]?.holds !== false).map((item) => item.id);
  return draft.objects.map((object, index) => {
    const ids = holders.includes(object.in) ? holders : [object.in, ...holders];
    const into = el('select', { id: `object-${slug(object.id)}-in`, 'aria-label': `${object.id} is in` }, ...ids.map((id) => el('option', { value: id, text: holders.includes(id) ? id : `${id || '(none)'} (missing)`, selected: id === object.in })));
    into.addEventListener('change', () => edit(`${object.id} into ${into.value}`, (d) => void (d.objects[index]!.in = into.value)));
    const states = OBJECT_STATE_NAMES.map((state) => {
      const box = el('input', { type: 'checkbox', id: `object-${slug(object.id)}-${state}`, checked: object.states.includes(state) });
      box.addEventListener('change', () => edit(`${object.id} ${box.checked ? '' : 'not '}${state}`, (d) => void (d.objects[index]!.states = OBJECT_STATE_NAMES.filter((s) => (s === state ? box.checked : object.states.includes(s))))));
      return el('label', { class: 'state-box' }, box, state);
    });
    return el('li', { class: 'thing' }, el('span', { class: 'thing-id', text: object.id }), el('label', {}, 'in ', into), el('span', { class: 'goal-states' }, ...states), removeButton(`object-${slug(object.id)}-remove`, `remove ${object.id}`, () => edit(`removed ${object.id}`, (d) => void d.objects.splice(index, 1))));
  });
}

export function renderThings(host: HTMLElement, draft: Draft, edit: Edit): void {
  const holders = draft.furniture.filter((item) => RECEPTACLE_TYPES[typeOf(item.id)]?.holds !== false).map((item) => item.id);
  const objectType = el('select', { id: 'editor-object-type', 'aria-label': 'object type' }, ...Object.keys(OBJECT_TYPES).sort().map((type) => el('option', { value: type, text: type })));
  const into = el('select', { id: 'editor-object-into', 'aria-label': 'put it in' }, ...holders.map((id) => el('option', { value: id, text: id })));
  const add = el('button', { type: 'button', id: 'editor-object-add', text: 'Add object', disabled: holders.length === 0 });
  add.addEventListener('click', () => edit(`added a ${objectType.value} in ${into.value}`, (d) => void addObject(d, objectType.value, into.value)));
  const previous = host.querySelector<HTMLSelectElement>('#editor-object-type')?.value;
  if (previous) objectType.value = previous;
  const movables = draft.movables.map((item) => el('li', { class: 'thing' }, el('span', { class: 'thing-id', text: item.id }), el('span', { class: 'thing-cell', text: `[${item.cell.join(', ')}]` }), el('span', {}), removeButton(`thing-${slug(item.id)}-remove`, `remove ${item.id}`, () => edit(`removed ${item.id}`, (d) => void eraseAt(d, item.cell)))));
  const none = (text: string): HTMLElement => el('li', { class: 'note', text });
  host.replaceChildren(
    el('h4', { text: `Furniture (${draft.furniture.length})` }),
    el('ul', { class: 'things', id: 'editor-furniture' }, ...(draft.furniture.length ? furnitureRows(draft, edit) : [none('none yet: pick the Furniture tool and click a floor cell')])),
    ...(draft.movables.length ? [el('h4', { text: `Movables (${draft.movables.length})` }), el('ul', { class: 'things' }, ...movables)] : []),
    el('h4', { text: `Objects (${draft.objects.length})` }),
    el('ul', { class: 'things', id: 'editor-objects' }, ...(draft.objects.length ? objectRows(draft, edit) : [none('none yet: objects go in or on furniture')])),
    el('div', { class: 'add-object' }, el('label', {}, 'New ', objectType), el('label', {}, 'in ', into), add),
  );
}
