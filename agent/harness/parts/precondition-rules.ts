/**
 * Preconditions the `learned-preconditions` validator can learn, keyed by the failure reason code
 * that teaches each: given the view and an action, the missing step (or null).
 */
import type { StructuredView as HarnessView } from '../harness-view.ts';

type Rule = (view: HarnessView, verb: string, target: string) => string | null;

const NEEDS_PRESENCE = new Set(['take', 'put', 'open', 'close', 'heat', 'cool', 'clean', 'use', 'slice']);

export const PRECONDITION_RULES: Record<string, Rule> = {
  'container-closed': (view, verb, target) => {
    const receptacle = view.observation.json.receptacles.find((r) => r.id === target);
    return (verb === 'take' || verb === 'put' || verb === 'heat' || verb === 'cool') && receptacle?.open === false ? `open ${target}` : null;
  },
  'not-at-receptacle': (view, verb, target) => {
    const { json } = view.observation;
    return NEEDS_PRESENCE.has(verb) && json.at !== target && json.receptacles.some((r) => r.id === target) ? `go to ${target}` : null;
  },
  'door-closed': (view, verb, target) => {
    const { json } = view.observation;
    const targetRoom = json.receptacles.find((r) => r.id === target)?.room;
    if (verb !== 'go' || !targetRoom || targetRoom === json.room) return null;
    const door = json.doors.find((candidate) => !candidate.open && candidate.rooms.includes(json.room));
    return door ? `open ${door.id}` : null;
  },
};

/** The verb and the receptacle/target an action depends on: `take mug 1 from cabinet 1` → [take, cabinet 1]. */
function verbAndTarget(action: string): [string, string] | null {
  if (action.startsWith('go to ')) return ['go', action.slice('go to '.length)];
  const match = /^(take|put|open|close|heat|cool|clean|use|slice) (?:.+? (?:from|in\/on|with) )?([a-z]+ \d+)$/.exec(action);
  return match ? [match[1]!, match[2]!] : null;
}

/** The first learned rule that finds a missing step which is valid now. */
export function preconditionFix(view: HarnessView, action: string, learned: readonly string[]): { reason: string; fix: string } | null {
  const parts = verbAndTarget(action);
  if (!parts) return null;
  for (const reason of learned) {
    const fix = PRECONDITION_RULES[reason]?.(view, parts[0], parts[1]);
    if (fix && fix !== action && view.validActions.includes(fix)) return { reason, fix };
  }
  return null;
}
