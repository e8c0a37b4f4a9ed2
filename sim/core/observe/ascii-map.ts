/**
 * The ASCII view: the house plan with a legend. Furniture gets one letter per instance, movable
 * items their catalog symbol (only those the agent sees), `@` the agent. Objects are never drawn,
 * so nothing inside a receptacle can leak.
 */
import { MOVABLE_TYPES } from '../catalog.ts';
import type { CompiledWorld } from '../compiled-world.ts';
import { visibleMovables } from '../visible-movables.ts';
import type { WorldState } from '../world-state.ts';

const FURNITURE_SYMBOLS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefgijkmnopqrstuvwyz';
const symbolCache = new WeakMap<CompiledWorld, Map<string, string>>();

/** Furniture letter per receptacle id, in sorted id order (stable for a world). */
export function furnitureSymbols(world: CompiledWorld): Map<string, string> {
  let symbols = symbolCache.get(world);
  if (!symbols) {
    symbols = new Map(world.receptacleIds.map((id, i) => [id, FURNITURE_SYMBOLS[i] ?? '*']));
    symbolCache.set(world, symbols);
  }
  return symbols;
}

function drawGrid(world: CompiledWorld, state: WorldState, movables: string[]): string[][] {
  const rows = world.spec.map.map((row) => [...row]);
  for (const id of world.doorIds) {
    const [x, y] = world.doors.get(id)!.cell;
    rows[y]![x] = state.doors[id] ? '/' : '+';
  }
  const symbols = furnitureSymbols(world);
  for (const [id, r] of world.receptacles) rows[r.cell[1]]![r.cell[0]] = symbols.get(id)!;
  for (const id of movables) {
    const [x, y] = state.movables[id]!;
    rows[y]![x] = MOVABLE_TYPES[world.movableTypes.get(id)!]?.symbol ?? '?';
  }
  const [ax, ay] = state.agent.cell;
  rows[ay]![ax] = '@';
  return rows;
}

export function asciiMap(world: CompiledWorld, state: WorldState): string {
  const movables = visibleMovables(world, state);
  const grid = drawGrid(world, state, movables).map((row) => row.join(''));
  const symbols = furnitureSymbols(world);
  const legend = ['Legend: # wall  . floor  / open door  + closed door  @ you'];
  legend.push(`Doors: ${world.doorIds.map((id) => `${id} ${state.doors[id] ? '/' : '+'} at (${world.doors.get(id)!.cell.join(',')})`).join(', ')}`);
  legend.push(`Furniture: ${world.receptacleIds.map((id) => `${symbols.get(id)} ${id}`).join(', ')}`);
  if (movables.length > 0) {
    legend.push(`Floor items: ${movables.map((id) => `${MOVABLE_TYPES[world.movableTypes.get(id)!]?.symbol} ${id}`).join(', ')}`);
  }
  return [...grid, ...legend].join('\n');
}
