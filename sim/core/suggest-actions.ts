/**
 * The closest valid actions to a bad action text, by edit distance — what the feedback offers
 * instead of "Nothing happens.".
 */
import { distance } from 'fastest-levenshtein';
import { normalizeActionText } from './parse-action.ts';

/** Up to `count` valid actions nearest to `text`; ties keep the (sorted) input order. */
export function closestActions(text: string, valid: readonly string[], count = 5): string[] {
  const wanted = normalizeActionText(text);
  const verb = wanted.split(' ')[0] ?? '';
  return valid
    .map((action, index) => {
      // Same first word counts as much closer: "opne fridge" should still find "open fridge 1".
      const sameVerb = action.startsWith(`${verb} `) || action === verb ? 0 : 4;
      return { action, index, score: distance(wanted, action) + sameVerb };
    })
    .sort((a, b) => a.score - b.score || a.index - b.index)
    .slice(0, count)
    .map((entry) => entry.action);
}
