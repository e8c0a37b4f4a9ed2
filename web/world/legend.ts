/** The key to the drawing, in HTML next to the canvas (so it is readable and accessible). */
import { el } from '../dom.ts';
import { STATE_COLOURS } from './palette.ts';

export function legend(): HTMLElement {
  const dot = (colour: string): HTMLElement => el('span', { class: 'dot', style: `background:${colour}` });
  return el(
    'p',
    { class: 'legend' },
    ...Object.entries(STATE_COLOURS).flatMap(([name, colour]) => [el('span', { class: 'key' }, dot(colour), name)]),
    el('span', { class: 'key' }, el('span', { class: 'dot', style: 'background:#1565c0' }), 'you (the agent)'),
    el('span', { class: 'key dimmed' }, 'faded: not seen yet'),
    el('span', { class: 'key' }, 'thick border: closed'),
  );
}
