/**
 * Authoring format → WorldSpec (what the simulator runs). Collects every problem with its JSON
 * path instead of stopping at the first; returns no world unless there are none.
 */
import { EXCLUSIVE_STATES, MOVABLE_TYPES, OBJECT_TYPES, RECEPTACLE_TYPES, typeOfId, type Cell, type GoalNode, type WorldSpec } from '../../sim/index.ts';
import type { ScenarioFile } from './scenario-schema.ts';
import { checkGoalNames } from './goal-names.ts';
import { unknownName as suggestUnknown } from './unknown-name.ts';

/** A problem before file/line are attached. */
export interface RawIssue {
  path: (string | number)[];
  message: string;
  suggestion?: string;
  /** Where to point when not at `path` (a missing field: at the misspelled key beside it). */
  at?: (string | number)[];
}

export interface CompileResult {
  world?: WorldSpec;
  issues: RawIssue[];
}

/** Columns and rows a map may have: far more than any house needs, small enough to check at once. */
export const MAX_MAP_SIDE = 200;

const key = (cell: readonly number[]): string => `${cell[0]},${cell[1]}`;
const roomId = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * `detailed`: how many issues get a "did you mean" (the closest known name, by edit distance);
 * later ones are only counted by callers that list the first few, so they get the plain wording.
 */
export function compileScenario(file: ScenarioFile, detailed = Infinity): CompileResult {
  const issues: RawIssue[] = [];
  const add = (path: (string | number)[], message: string, suggestion?: string): void => void issues.push({ path, message, suggestion });
  const unknownName = (kind: string, value: string, known: readonly string[]): { message: string; suggestion?: string } =>
    issues.length < detailed ? suggestUnknown(kind, value, known) : { message: `unknown ${kind} '${value}'` };
  const { map, legend } = file.layout;
  const width = map[0]!.length;
  if (width > MAX_MAP_SIDE || map.length > MAX_MAP_SIDE) {
    add(['layout', 'map'], `the map is ${width}×${map.length} cells; allowed: at most ${MAX_MAP_SIDE}×${MAX_MAP_SIDE} (a four-room house is about 30×20); draw a smaller house`);
    return { issues };
  }
  map.forEach((row, y) => {
    if (row.length !== width) add(['layout', 'map', y], `row ${y} has ${row.length} characters but row 0 has ${width}; all rows must be the same length`);
    [...row].forEach((char, x) => {
      if (char !== '#' && char !== '+' && !(char in legend)) {
        add(['layout', 'map', y], `unknown map character '${char}' at row ${y}, column ${x}; allowed: '#' wall, '+' door, or a legend key (${Object.keys(legend).join(', ')}). Add it to layout.legend or fix the map`);
      }
    });
  });
  for (const edge of [0, map.length - 1]) if (/[^#]/.test(map[edge] ?? '')) add(['layout', 'map', edge], `row ${edge} must be all walls ('#'): the house needs a closed outline`);
  map.forEach((row, y) => {
    if (row[0] !== '#' || row[row.length - 1] !== '#') add(['layout', 'map', y], `row ${y} must start and end with a wall ('#')`);
  });
  if (issues.length) return { issues };

  const at = (cell: Cell): string | undefined => map[cell[1]]?.[cell[0]];
  const isFloor = (cell: Cell): boolean => { const c = at(cell); return c !== undefined && c !== '#' && c !== '+'; };
  const rooms = Object.entries(legend).map(([char, name]) => ({ char, id: roomId(name), name, cells: [] as Cell[] }));
  for (const [y, row] of map.entries()) for (const [x, char] of [...row].entries()) rooms.find((room) => room.char === char)?.cells.push([x, y]);
  rooms.forEach((room) => { if (room.cells.length === 0) add(['layout', 'legend', room.char], `room '${room.name}' (legend '${room.char}') has no cells in the map`); });
  const roomOf = (cell: Cell): string | undefined => rooms.find((room) => room.char === at(cell))?.id;

  const doorCells: Cell[] = [];
  map.forEach((row, y) => [...row].forEach((char, x) => { if (char === '+') doorCells.push([x, y]); }));
  const doorOpen = new Map<string, boolean>();
  (file.doors ?? []).forEach((door, index) => {
    if (at(door.cell) !== '+') add(['doors', index, 'cell'], `there is no door ('+') at [${door.cell}]; door cells: ${doorCells.map((c) => `[${c}]`).join(', ') || 'none'}`);
    doorOpen.set(key(door.cell), door.open ?? true);
  });
  const doors = doorCells.map((cell, index) => {
    const [x, y] = cell;
    const pairs: [Cell, Cell][] = [[[x - 1, y], [x + 1, y]], [[x, y - 1], [x, y + 1]]];
    const joined = pairs.map(([a, b]) => [roomOf(a), roomOf(b)]).find(([a, b]) => a && b && a !== b) as [string, string] | undefined;
    if (!joined) add(['layout', 'map', y], `the door at [${cell}] must join two different rooms (left/right or above/below)`);
    return { id: `door ${index + 1}`, cell, open: doorOpen.get(key(cell)) ?? true, rooms: joined ?? ['', ''] as [string, string] };
  });

  const taken = new Map<string, string>();
  const place = (path: (string | number)[], id: string, cell: Cell): void => {
    if (cell[1] >= map.length || cell[0] >= width) return add(path, `[${cell}] is outside the map (${width}×${map.length})`);
    if (!isFloor(cell)) return add(path, `${id} is on a ${at(cell) === '#' ? 'wall' : 'door'} cell [${cell}]; place it on a floor cell`);
    const other = taken.get(key(cell));
    if (other) return add(path, `${id} and ${other} are both on cell [${cell}]; one thing per cell`);
    taken.set(key(cell), id);
  };
  const seen = new Set<string>();
  const unique = (path: (string | number)[], id: string): void => {
    if (seen.has(id)) add(path, `the id '${id}' is used twice; ids must be unique`);
    seen.add(id);
  };
  file.furniture.forEach((item, index) => {
    unique(['furniture', index, 'id'], item.id);
    const info = RECEPTACLE_TYPES[typeOfId(item.id)];
    if (!info) { const u = unknownName('furniture type', typeOfId(item.id), Object.keys(RECEPTACLE_TYPES)); return add(['furniture', index, 'id'], u.message, u.suggestion); }
    if (item.open !== undefined && !info.openable) add(['furniture', index, 'open'], `${item.id} cannot be opened or closed; remove "open"`);
    if (item.on !== undefined && !info.light) add(['furniture', index, 'on'], `${item.id} is not a lamp; only lamps take "on"`);
    place(['furniture', index, 'cell'], item.id, item.cell);
  });
  (file.movables ?? []).forEach((item, index) => {
    unique(['movables', index, 'id'], item.id);
    if (!MOVABLE_TYPES[typeOfId(item.id)]) { const u = unknownName('movable type', typeOfId(item.id), Object.keys(MOVABLE_TYPES)); return add(['movables', index, 'id'], u.message, u.suggestion); }
    place(['movables', index, 'cell'], item.id, item.cell);
  });
  place(['agent', 'cell'], 'the agent', file.agent.cell);
  const furnitureIds = file.furniture.map((item) => item.id);
  const isFurniture = new Set(furnitureIds);
  file.objects.forEach((object, index) => {
    unique(['objects', index, 'id'], object.id);
    if (!OBJECT_TYPES[typeOfId(object.id)]) { const u = unknownName('object type', typeOfId(object.id), Object.keys(OBJECT_TYPES)); add(['objects', index, 'id'], u.message, u.suggestion); }
    if (!isFurniture.has(object.in)) { const u = unknownName('receptacle', object.in, furnitureIds); return add(['objects', index, 'in'], `${u.message} (in objects[${index}].in)`, u.suggestion); }
    if (RECEPTACLE_TYPES[typeOfId(object.in)]?.holds === false) add(['objects', index, 'in'], `${object.in} cannot hold objects; put ${object.id} on a table, shelf, desk …`);
    const states = object.states ?? [];
    for (const [a, b] of EXCLUSIVE_STATES) if (states.includes(a as never) && states.includes(b as never)) add(['objects', index, 'states'], `${object.id} cannot be both ${a} and ${b}`);
  });
  checkGoalNames(file.goal.tree as GoalNode, ['goal', 'tree'], { furniture: furnitureIds, objects: file.objects.map((o) => o.id) }, add);
  if (issues.length) return { issues };

  const world: WorldSpec = {
    formatVersion: 1,
    id: file.id,
    title: file.title,
    map: map.map((row) => row.replace(/[^#+]/g, '.')),
    rooms: rooms.map(({ id, name, cells }) => ({ id, name, cells })),
    doors,
    receptacles: file.furniture.map((item) => ({ id: item.id, type: typeOfId(item.id), cell: item.cell, ...(item.open !== undefined ? { open: item.open } : {}), ...(item.on !== undefined ? { on: item.on } : {}) })),
    objects: file.objects.map((object) => ({ id: object.id, type: typeOfId(object.id), in: object.in, states: Object.fromEntries((object.states ?? []).map((state) => [state, true])) })),
    movables: (file.movables ?? []).map((item) => ({ id: item.id, type: typeOfId(item.id), cell: item.cell })),
    agent: { cell: file.agent.cell, at: null, holding: null },
    goal: file.goal.tree as GoalNode,
    ...(file.goal.text ? { goalText: file.goal.text } : {}),
    ...(file.stepLimit ? { stepLimit: file.stepLimit } : {}),
    tags: file.tags ?? [],
  };
  return { world, issues };
}
