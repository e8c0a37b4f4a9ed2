/**
 * The edits the scenario editor makes to a draft, as plain functions that change it in place and
 * say what they did (the view keeps the undo history). None refuses a change the format would
 * reject — a door in open floor, furniture on a wall — the validator names those; they only keep
 * the draft consistent with itself (a door's state goes with its '+' cell, an erased cupboard takes
 * its contents along, new ids get the next free number).
 */
import type { Cell, Draft } from './editor-draft.ts';

export const WALL = '#';
export const DOOR = '+';
const ROOM_KEYS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

const same = (a: readonly number[], b: readonly number[]): boolean => a[0] === b[0] && a[1] === b[1];
const typeOf = (id: string): string => id.split(' ')[0] ?? id;

export function inside(draft: Draft, [x, y]: Cell): boolean {
  return y >= 0 && y < draft.map.length && x >= 0 && x < (draft.map[y]?.length ?? 0);
}

export function charAt(draft: Draft, [x, y]: Cell): string | undefined {
  return draft.map[y]?.[x];
}

/** Sets one map character; a '+' painted over drops that door's open/closed state. False when nothing changed. */
export function paint(draft: Draft, cell: Cell, char: string): boolean {
  const old = charAt(draft, cell);
  if (old === undefined || old === char) return false;
  const row = draft.map[cell[1]]!;
  draft.map[cell[1]] = row.slice(0, cell[0]) + char + row.slice(cell[0] + 1);
  if (old === DOOR) draft.doors = draft.doors.filter((door) => !same(door.cell, cell));
  return true;
}

/** Opens a closed door or closes an open one (doors start open). */
export function toggleDoor(draft: Draft, cell: Cell): boolean | null {
  if (charAt(draft, cell) !== DOOR) return null;
  const entry = draft.doors.find((door) => same(door.cell, cell));
  if (entry) entry.open = !entry.open;
  else draft.doors.push({ cell, open: false });
  draft.doors.sort((a, b) => a.cell[1] - b.cell[1] || a.cell[0] - b.cell[0]);
  return entry?.open ?? false;
}

/** `type N` with the next number not used by any furniture, movable or object of that type. */
export function nextId(draft: Draft, type: string): string {
  const used = [...draft.furniture, ...draft.movables, ...draft.objects].filter((thing) => typeOf(thing.id) === type).map((thing) => Number(thing.id.split(' ')[1]) || 0);
  return `${type} ${Math.max(0, ...used) + 1}`;
}

export function furnitureAt(draft: Draft, cell: Cell): Draft['furniture'][number] | undefined {
  return draft.furniture.find((item) => same(item.cell, cell));
}

export function movableAt(draft: Draft, cell: Cell): Draft['movables'][number] | undefined {
  return draft.movables.find((item) => same(item.cell, cell));
}

/** Places a new piece of furniture; openables start closed and lamps off, as the library writes them. */
export function placeFurniture(draft: Draft, cell: Cell, type: string, flags: { openable?: boolean; light?: boolean }): string | null {
  if (!inside(draft, cell) || furnitureAt(draft, cell) || movableAt(draft, cell)) return null;
  const id = nextId(draft, type);
  draft.furniture.push({ id, cell, ...(flags.openable ? { open: false } : {}), ...(flags.light ? { on: false } : {}) });
  return id;
}

export function placeMovable(draft: Draft, cell: Cell, type: string): string | null {
  if (!inside(draft, cell) || furnitureAt(draft, cell) || movableAt(draft, cell)) return null;
  const id = nextId(draft, type);
  draft.movables.push({ id, cell });
  return id;
}

export function addObject(draft: Draft, type: string, into: string, states: string[] = []): string {
  const id = nextId(draft, type);
  draft.objects.push({ id, in: into, states });
  return id;
}

/** Removes the furniture (with what is in it) or movable on a cell; the words for what went, or null. */
export function eraseAt(draft: Draft, cell: Cell): string | null {
  const furniture = furnitureAt(draft, cell);
  if (furniture) {
    const contents = draft.objects.filter((object) => object.in === furniture.id).map((object) => object.id);
    draft.furniture = draft.furniture.filter((item) => item !== furniture);
    draft.objects = draft.objects.filter((object) => object.in !== furniture.id);
    return contents.length ? `${furniture.id} and ${contents.join(', ')} in it` : furniture.id;
  }
  const movable = movableAt(draft, cell);
  if (movable) {
    draft.movables = draft.movables.filter((item) => item !== movable);
    return movable.id;
  }
  return null;
}

/** A new room: its legend key is the name's first letter when free, else the first free key. */
export function addRoom(draft: Draft, name: string): string {
  const taken = new Set(Object.keys(draft.legend));
  const first = name.trim()[0]?.toLowerCase() ?? '';
  const key = first && ROOM_KEYS.includes(first) && !taken.has(first) ? first : [...ROOM_KEYS].find((candidate) => !taken.has(candidate))!;
  draft.legend[key] = name.trim();
  return key;
}

/**
 * A new size, keeping what fits: the outline becomes wall, new inside cells are `fill`; things
 * and doors outside the new map (or on its outline) go.
 */
export function resize(draft: Draft, width: number, height: number, fill: string): void {
  const map: string[] = [];
  for (let y = 0; y < height; y++) {
    let row = '';
    for (let x = 0; x < width; x++) {
      const edge = x === 0 || y === 0 || x === width - 1 || y === height - 1;
      const old = draft.map[y]?.[x];
      const oldEdge = y === draft.map.length - 1 || x === (draft.map[y]?.length ?? 0) - 1;
      row += edge ? WALL : old !== undefined && !oldEdge ? old : fill;
    }
    map.push(row);
  }
  draft.map = map;
  const fits = ([x, y]: Cell): boolean => x > 0 && y > 0 && x < width - 1 && y < height - 1;
  const gone = new Set(draft.furniture.filter((item) => !fits(item.cell)).map((item) => item.id));
  draft.furniture = draft.furniture.filter((item) => !gone.has(item.id));
  draft.objects = draft.objects.filter((object) => !gone.has(object.in));
  draft.movables = draft.movables.filter((item) => fits(item.cell));
  draft.doors = draft.doors.filter((door) => fits(door.cell) && charAt(draft, door.cell) === DOOR);
  if (!fits(draft.agent)) draft.agent = [Math.min(Math.max(1, draft.agent[0]), width - 2), Math.min(Math.max(1, draft.agent[1]), height - 2)];
}
