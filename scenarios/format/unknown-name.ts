/**
 * The "did you mean" of scenario checks and the command line: an unknown name, the closest known
 * one (of the same type first, so 'fridge 2' suggests 'fridge 1') and the list.
 */
import { closest } from 'fastest-levenshtein';
import { typeOfId } from '../../sim/index.ts';

/** "unknown X 'v' — did you mean 'w'? known: …" */
export function unknownName(kind: string, value: string, known: readonly string[]): { message: string; suggestion?: string } {
  if (known.length === 0) return { message: `unknown ${kind} '${value}': there are none` };
  // Prefer a name of the same type ('fridge 2' → 'fridge 1') over a merely similar string.
  const sameType = known.filter((name) => typeOfId(name) === typeOfId(value));
  const suggestion = closest(value, sameType.length ? sameType : [...known]);
  const list = known.length > 12 ? `${known.slice(0, 12).join(', ')}, …` : known.join(', ');
  return { message: `unknown ${kind} '${value}' — did you mean '${suggestion}'? known: ${list}`, suggestion };
}
