/**
 * Reads one of several allowed strings out of free text, for servers that cannot constrain their
 * output: an exact answer first, then the longest choice the text contains (so "open cabinet 1"
 * wins over "open cabinet" when both appear), then the smallest edit distance.
 */
import { distance } from 'fastest-levenshtein';

/** The choice the free-text `answer` most plausibly means. */
export function closestChoice(answer: string, choices: readonly string[]): string {
  if (choices.length === 0) throw new Error('closestChoice needs at least one choice');
  const text = answer.trim();
  const folded = text.toLowerCase();
  const exact = choices.find((choice) => choice.trim().toLowerCase() === folded);
  if (exact !== undefined) return exact;
  const contained = choices
    .filter((choice) => choice.trim() !== '' && folded.includes(choice.trim().toLowerCase()))
    .sort((a, b) => b.trim().length - a.trim().length);
  if (contained.length > 0) return contained[0]!;
  let best = choices[0]!;
  let bestDistance = Infinity;
  for (const choice of choices) {
    const gap = distance(folded, choice.trim().toLowerCase());
    if (gap < bestDistance) [best, bestDistance] = [choice, gap];
  }
  return best;
}
