/**
 * The walk-speed setting next to a world view (1×, 4×, instant), and the user's reduced-motion
 * preference, which always wins: with `prefers-reduced-motion: reduce` every step is drawn at once.
 */
import { el } from '../dom.ts';
import { WALK_SPEEDS, type WalkSpeed } from './walk-tween.ts';
import type { WorldView } from './world-view.ts';

const LABELS: Record<WalkSpeed, string> = { '1x': '1×', '4x': '4×', instant: 'instant' };

/** Does the user ask for reduced motion (operating-system or browser setting)? */
export function prefersReducedMotion(): boolean {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** A labelled `<select>` that sets `view`'s walk speed. */
export function walkSpeedPicker(id: string, view: WorldView): HTMLLabelElement {
  const picker = el('select', { id, 'aria-label': 'Walk speed' }, ...WALK_SPEEDS.map((speed) => el('option', { value: speed, text: LABELS[speed] })));
  picker.value = view.walkSpeed;
  picker.addEventListener('change', () => {
    view.walkSpeed = picker.value as WalkSpeed;
  });
  return el('label', { title: prefersReducedMotion() ? 'Your system asks for reduced motion: steps are drawn at once.' : 'How fast the agent walks between cells' }, 'Walk ', picker);
}
