/**
 * What the agent sees at a receptacle: its contents if open (or not openable), that it is closed
 * otherwise, and a lamp's switch state. Used by go to, open and examine.
 */
import type { CompiledWorld } from '../compiled-world.ts';
import { contentsSentence, listWithArticles } from '../english.ts';
import { isReceptacleOpen, objectsIn } from '../world-state.ts';
import type { WorldState } from '../world-state.ts';

export function arrivalSentence(world: CompiledWorld, state: WorldState, receptacleId: string): string {
  const info = world.receptacles.get(receptacleId)!.info;
  if (info.light) return `The ${receptacleId} is ${state.receptacles[receptacleId]?.on ? 'on' : 'off'}.`;
  if (!isReceptacleOpen(world, state, receptacleId)) return `The ${receptacleId} is closed.`;
  const contents = objectsIn(state, receptacleId);
  if (info.openable) return `The ${receptacleId} is open. In it, you see ${listWithArticles(contents)}.`;
  return contentsSentence(world, receptacleId, contents);
}
