/**
 * Symptoms: finer evidence than a failure category, each pointing at one specific remedy. A loop or
 * a fruitless search says something went wrong; "it walked up to closed drawers and never opened
 * them" says what would fix it. The rule proposer ranks a lever higher when the failures show a
 * symptom it cures (`Lever.cures`).
 */
import { typeOfId } from '../../sim/index.ts';
import type { DigestContext } from './digest-detectors.ts';
import { targetSeen } from './digest-detectors.ts';

export const SYMPTOMS = ['closed-left-unopened', 'door-closed', 'target-never-seen'] as const;
export type Symptom = (typeof SYMPTOMS)[number];

/** The least number of receptacles searched before "never seen" points at the search order rather than at not searching. */
const SEARCHED_ENOUGH = 3;

/** Receptacles the agent stood at while they were closed and never opened (nor used as a device) afterwards. */
export function closedLeftUnopened(c: DigestContext): string[] {
  const left = new Set<string>();
  for (const e of c.applies) {
    const closed = e.success && e.action.startsWith('go to ') ? /The (.+?) is closed\./.exec(e.feedback)?.[1] : undefined;
    if (closed) left.add(closed);
    // Opened, or used as a device (heating in a closed microwave needs no opening): not left unopened.
    const handled = e.success ? /^open (.+)$/.exec(e.action)?.[1] ?? / with (.+)$/.exec(e.action)?.[1] : undefined;
    if (handled) left.delete(handled);
  }
  return [...left].sort();
}

/** Receptacles the agent saw the inside or the top of (an arrival that was not at a closed one, or an opening). */
function searchedCount(c: DigestContext): number {
  const searched = new Set<string>();
  for (const e of c.applies.filter((a) => a.success)) {
    const arrived = e.action.startsWith('go to ') ? e.action.slice('go to '.length) : null;
    if (arrived && !/ is closed\./.test(e.feedback) && !/^door \d+$/.test(arrived)) searched.add(arrived);
    const opened = /^open (.+)$/.exec(e.action)?.[1];
    if (opened && typeOfId(opened) !== 'door') searched.add(opened);
  }
  return searched.size;
}

/** The symptoms a failed episode shows, in `SYMPTOMS` order. */
export function symptomsOf(c: DigestContext): Symptom[] {
  const found: Symptom[] = [];
  if (closedLeftUnopened(c).length > 0) found.push('closed-left-unopened');
  if (c.applies.some((e) => !e.success && e.reason === 'door-closed')) found.push('door-closed');
  if (c.end?.termination === 'step-limit' && c.goal && !targetSeen(c) && searchedCount(c) >= SEARCHED_ENOUGH) found.push('target-never-seen');
  return found;
}
