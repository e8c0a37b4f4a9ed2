/**
 * Small English helpers shared by feedback, observation text and goal descriptions.
 */
import type { CompiledWorld } from './compiled-world.ts';

/** "an apple 1", "a fridge 1". */
export function withArticle(name: string): string {
  return /^[aeiou]/.test(name) ? `an ${name}` : `a ${name}`;
}

/** "an apple 1", "an apple 1 and a knife 1", "a, b, and c"; `nothing` when empty. */
export function listWithArticles(ids: readonly string[]): string {
  const items = ids.map(withArticle);
  if (items.length === 0) return 'nothing';
  if (items.length === 1) return items[0]!;
  if (items.length === 2) return `${items[0]} and ${items[1]}`;
  return `${items.slice(0, -1).join(', ')}, and ${items[items.length - 1]}`;
}

/** "a, b or c" of plain strings (for suggestions). */
export function listOr(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** `in` for containers (fridge, sink), `on` for surfaces (table, desk). */
export function preposition(world: CompiledWorld, receptacleId: string): 'in' | 'on' {
  return world.receptacles.get(receptacleId)?.info.inside ? 'in' : 'on';
}

/** "In the fridge 1, you see an apple 2." / "On the desk 1, you see nothing." */
export function contentsSentence(world: CompiledWorld, receptacleId: string, contents: readonly string[]): string {
  const where = preposition(world, receptacleId) === 'in' ? 'In' : 'On';
  return `${where} the ${receptacleId}, you see ${listWithArticles(contents)}.`;
}

/** English room name for a room id. */
export function roomName(world: CompiledWorld, roomId: string): string {
  return world.roomById.get(roomId)?.name ?? roomId;
}
