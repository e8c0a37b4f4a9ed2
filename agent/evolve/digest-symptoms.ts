/**
 * Symptoms: finer evidence than a failure category, each pointing at one specific remedy. A loop or
 * a fruitless search says something went wrong; "it walked up to closed drawers and never opened
 * them" says what would fix it. The rule proposer ranks a lever higher when the failures show a
 * symptom it cures (`Lever.cures`).
 */
import type { DigestContext } from './digest-detectors.ts';
import { SEARCHED_ENOUGH, searchedCount, searchTookMostSteps, targetSeen } from './digest-detectors.ts';

export const SYMPTOMS = ['closed-left-unopened', 'door-closed', 'blocked-repeatedly', 'target-never-seen', 'long-search'] as const;
export type Symptom = (typeof SYMPTOMS)[number];

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

/** The symptoms a failed episode shows, in `SYMPTOMS` order. */
export function symptomsOf(c: DigestContext): Symptom[] {
  const found: Symptom[] = [];
  if (closedLeftUnopened(c).length > 0) found.push('closed-left-unopened');
  if (c.applies.some((e) => !e.success && e.reason === 'door-closed')) found.push('door-closed');
  // Walked into an item in the way more than once: it went on trying other ways instead of pushing it aside.
  if (c.applies.filter((e) => !e.success && e.reason === 'path-blocked').length >= 2) found.push('blocked-repeatedly');
  const seen = targetSeen(c);
  if (c.end?.termination === 'step-limit' && c.goal && !seen && searchedCount(c) >= SEARCHED_ENOUGH) found.push('target-never-seen');
  // Found, but only after most of the steps went on looking: a better order would have left time to finish.
  if (seen && searchTookMostSteps(c)) found.push('long-search');
  return found;
}
