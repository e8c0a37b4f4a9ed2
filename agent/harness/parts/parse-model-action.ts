/**
 * Maps a model's free text to a valid action. Exact line → as is; a valid action quoted inside
 * the text (e.g. written in its reasoning) → that one, the longest if several; otherwise the
 * closest by edit distance, flagged as a guess.
 */
import { distance } from 'fastest-levenshtein';

export interface ParsedAction {
  action: string;
  guessed: boolean;
}

function clean(line: string): string {
  return line.toLowerCase().replace(/^[\s>*\-"'`]*(action\s*:)?\s*/, '').replace(/[\s."'`]*$/, '').replace(/\s+/g, ' ').replace('in/on', 'in/on');
}

export function parseModelAction(text: string, validActions: readonly string[]): ParsedAction {
  if (validActions.length === 0) return { action: clean(text), guessed: true };
  const afterAction = /action\s*:\s*(.+)/i.exec(text)?.[1];
  const candidates = [afterAction, ...text.split('\n')].filter((line): line is string => Boolean(line && line.trim())).map(clean);
  const valid = new Set(validActions);
  const loose = (action: string): string => action.replace(' in/on ', ' in ');
  for (const candidate of candidates) {
    if (valid.has(candidate)) return { action: candidate, guessed: false };
    const match = validActions.find((action) => loose(action) === candidate || action.replace(' in/on ', ' on ') === candidate);
    if (match) return { action: match, guessed: false };
  }
  const whole = text.toLowerCase();
  const quoted = validActions.filter((action) => whole.includes(action) || whole.includes(loose(action))).sort((a, b) => b.length - a.length);
  if (quoted[0]) return { action: quoted[0], guessed: false };
  const first = candidates[0] ?? '';
  let best = validActions[0]!;
  for (const action of validActions) if (distance(first, action) < distance(first, best)) best = action;
  return { action: best, guessed: true };
}
