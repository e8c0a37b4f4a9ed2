/**
 * Maps a model's free text to a valid action. Exact line → as is; a valid action quoted inside
 * the text (e.g. written in its reasoning) → that one, the longest if several; otherwise the
 * closest by edit distance, flagged as a guess. The containment and distance steps are the shared
 * closest-match logic (agent/models/closest-choice.ts); what is added here is the reading of a
 * model's lines ("Action:", quotes, bullets) and `in`/`on` for `in/on`.
 */
import { longestContained, nearestChoice } from '../../models/closest-choice.ts';

export interface ParsedAction {
  action: string;
  guessed: boolean;
}

function clean(line: string): string {
  return line.toLowerCase().replace(/^[\s>*\-"'`]*(action\s*:)?\s*/, '').replace(/[\s."'`]*$/, '').replace(/\s+/g, ' ');
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
  const quoted = longestContained(text, validActions, (action) => [action, loose(action)]);
  if (quoted !== undefined) return { action: quoted, guessed: false };
  return { action: nearestChoice(candidates[0] ?? '', validActions), guessed: true };
}
