/**
 * Matching and wording of object/receptacle selectors. Types are read off ids (`apple 2` →
 * `apple`), which compileWorld guarantees, so goals evaluate on the plain state alone.
 */
import { pluralOf, typeOfId } from '../catalog.ts';
import { withArticle } from '../english.ts';
import type { ObjectSelector, ReceptacleSelector } from '../goal-node.ts';
import type { ObjectState } from '../world-state.ts';

const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

/** Does object `id` in state `object` match the selector (identity or type, plus all states)? */
export function matchesObject(selector: ObjectSelector, id: string, object: ObjectState): boolean {
  if ('id' in selector ? selector.id !== id : typeOfId(id) !== selector.type) return false;
  const wanted = selector.states;
  if (wanted) for (const name of wanted) if (!object.states.includes(name)) return false;
  return true;
}

/** The type a selector means: its own type, or the type of the id it names (`apple 1` → `apple`). */
export function selectorType(selector: { id: string } | { type: string }): string {
  return 'type' in selector ? selector.type : typeOfId(selector.id);
}

/** Does receptacle `id` match the selector? */
export function matchesReceptacle(selector: ReceptacleSelector, id: string): boolean {
  return 'id' in selector ? selector.id === id : typeOfId(id) === selector.type;
}

function adjectives(selector: ObjectSelector): string {
  return selector.states && selector.states.length > 0 ? `${selector.states.join(' ')} ` : '';
}

/** "a hot mug", "the apple 1", "some sliced apple" → here: "a sliced apple". */
export function describeObject(selector: ObjectSelector): string {
  if ('id' in selector) return `the ${adjectives(selector)}${selector.id}`;
  return withArticle(`${adjectives(selector)}${selector.type}`);
}

/** "two apples", "three hot mugs" (for count goals). */
export function describeObjects(selector: ObjectSelector, count: number): string {
  if (count === 1) return describeObject(selector);
  const number = NUMBER_WORDS[count] ?? String(count);
  const noun = 'id' in selector ? selector.id : pluralOf(selector.type);
  return `${number} ${adjectives(selector)}${noun}`;
}

/** "a countertop", "the fridge 1". */
export function describeReceptacle(selector: ReceptacleSelector): string {
  return 'id' in selector ? `the ${selector.id}` : withArticle(selector.type);
}
