/**
 * The English view, ALFWorld-style: "You are in the kitchen, at the fridge 1. The fridge 1 is
 * open. In it, you see an apple 1 and an egg 2. You are holding nothing." With `full` (reset,
 * look) it also lists the room's receptacles, doors and floor items.
 */
import type { CompiledWorld } from '../compiled-world.ts';
import { listWithArticles, roomName } from '../english.ts';
import { arrivalSentence } from '../actions/arrival-sentence.ts';
import { visibleMovables } from '../visible-movables.ts';
import type { WorldState } from '../world-state.ts';

function roomListing(world: CompiledWorld, state: WorldState): string {
  const { room } = state.agent;
  const here = world.receptacleIds.filter((id) => world.receptacles.get(id)!.room === room);
  const parts = [`Looking around the ${roomName(world, room)}, you see ${listWithArticles(here)}.`];
  for (const id of world.doorIds) {
    const door = world.doors.get(id)!;
    if (!door.rooms.includes(room)) continue;
    const other = door.rooms[0] === room ? door.rooms[1] : door.rooms[0];
    parts.push(`The ${id} to the ${roomName(world, other)} is ${state.doors[id] ? 'open' : 'closed'}.`);
  }
  const movables = visibleMovables(world, state);
  if (movables.length > 0) parts.push(`On the floor, you see ${listWithArticles(movables)}.`);
  return parts.join(' ');
}

/** Where the agent is, what it sees there, what it holds; with `full`, the room listing too. */
export function describeSurroundings(world: CompiledWorld, state: WorldState, full: boolean): string {
  const { room, at, holding } = state.agent;
  const where = at === null ? `You are in the ${roomName(world, room)}.` : `You are in the ${roomName(world, room)}, at the ${at}.`;
  const parts = [where];
  if (full) parts.push(roomListing(world, state));
  if (at !== null) parts.push(arrivalSentence(world, state, at));
  parts.push(holding === null ? 'You are holding nothing.' : `You are holding the ${holding}.`);
  return parts.join(' ');
}
