/**
 * Reading one of several allowed strings out of free text — the one closest-match logic, used by
 * OpenAI-compatible servers that cannot constrain their output and by the harness's action parser:
 * an exact answer first, then the longest choice the text contains (so "open cabinet 1" wins over
 * "open cabinet" when both appear), then the smallest edit distance. Backend-neutral, browser-safe.
 */
import { distance } from 'fastest-levenshtein';

const fold = (text: string): string => text.trim().toLowerCase();

/** The longest choice that `text` contains (case-folded), trying each of `spellings(choice)`; ties keep choice order. */
export function longestContained(text: string, choices: readonly string[], spellings: (choice: string) => readonly string[] = (choice) => [choice]): string | undefined {
  const folded = text.toLowerCase();
  return choices
    .filter((choice) => spellings(choice).some((spelling) => fold(spelling) !== '' && folded.includes(fold(spelling))))
    .sort((a, b) => fold(b).length - fold(a).length)[0];
}

/** The choice with the smallest edit distance to `text` (compared with each choice trimmed and lower-cased); the first of equals. */
export function nearestChoice(text: string, choices: readonly string[]): string {
  if (choices.length === 0) throw new Error('nearestChoice needs at least one choice');
  let best = choices[0]!;
  let bestDistance = Infinity;
  for (const choice of choices) {
    const gap = distance(text, fold(choice));
    if (gap < bestDistance) [best, bestDistance] = [choice, gap];
  }
  return best;
}

/** The choice the free-text `answer` most plausibly means. */
export function closestChoice(answer: string, choices: readonly string[]): string {
  if (choices.length === 0) throw new Error('closestChoice needs at least one choice');
  const folded = fold(answer);
  return choices.find((choice) => fold(choice) === folded) ?? longestContained(folded, choices) ?? nearestChoice(folded, choices);
}
