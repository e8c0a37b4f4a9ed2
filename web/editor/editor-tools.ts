/**
 * The editor's palette: what each tool does to the cell it is used on (a click, a drag over
 * cells, or Space at the keyboard cursor), and the key that picks it. A tool returns what it did
 * in words, or null when it did nothing there.
 */
import { RECEPTACLE_TYPES } from '../../sim/index.ts';
import { charAt, DOOR, eraseAt, furnitureAt, inside, movableAt, paint, placeFurniture, placeMovable, toggleDoor, WALL } from './draft-edits.ts';
import type { Cell, Draft } from './editor-draft.ts';

export type ToolName = 'select' | 'wall' | 'floor' | 'door' | 'furniture' | 'movable' | 'agent' | 'erase';

export interface Tool {
  name: ToolName;
  label: string;
  key: string;
  /** Paints as the pointer drags (or Shift+arrow moves). */
  strokes: boolean;
  hint: string;
}

export const TOOLS: readonly Tool[] = [
  { name: 'select', label: 'Select', key: 's', strokes: false, hint: 'move the cursor and read what is on a cell' },
  { name: 'wall', label: 'Wall', key: 'w', strokes: true, hint: "paint walls ('#')" },
  { name: 'floor', label: 'Floor', key: 'f', strokes: true, hint: 'paint floor of the chosen room' },
  { name: 'door', label: 'Door', key: 'd', strokes: true, hint: "paint a door ('+') in a wall between two rooms; use it on a door to open or close it" },
  { name: 'furniture', label: 'Furniture', key: 'u', strokes: false, hint: 'place furniture of the chosen type' },
  { name: 'movable', label: 'Movable', key: 'm', strokes: false, hint: 'place a movable floor item (it can be pushed)' },
  { name: 'agent', label: 'Agent start', key: 'a', strokes: false, hint: "set the agent's start cell" },
  { name: 'erase', label: 'Erase', key: 'x', strokes: true, hint: 'remove furniture (with its contents) or a movable' },
];

export interface ToolChoices {
  room: string;
  furnitureType: string;
  movableType: string;
}

/** Uses `tool` on `cell`; `drag` when the cell was reached by dragging (doors then only paint). */
export function applyTool(draft: Draft, tool: ToolName, cell: Cell, drag: boolean, choices: ToolChoices): string | null {
  if (!inside(draft, cell)) return null;
  const at = `[${cell.join(', ')}]`;
  switch (tool) {
    case 'select':
      return null;
    case 'wall':
      return paint(draft, cell, WALL) ? `wall at ${at}` : null;
    case 'floor':
      if (!choices.room) return null;
      return paint(draft, cell, choices.room) ? `${draft.legend[choices.room]} floor at ${at}` : null;
    case 'door': {
      if (charAt(draft, cell) === DOOR) {
        if (drag) return null;
        return `door at ${at} ${toggleDoor(draft, cell) ? 'open' : 'closed'}`;
      }
      return paint(draft, cell, DOOR) ? `door at ${at}` : null;
    }
    case 'furniture': {
      const info = RECEPTACLE_TYPES[choices.furnitureType];
      const id = placeFurniture(draft, cell, choices.furnitureType, { openable: info?.openable, light: info?.light });
      return id ? `placed ${id} at ${at}` : null;
    }
    case 'movable': {
      const id = placeMovable(draft, cell, choices.movableType);
      return id ? `placed ${id} at ${at}` : null;
    }
    case 'agent':
      if (draft.agent[0] === cell[0] && draft.agent[1] === cell[1]) return null;
      draft.agent = cell;
      return `agent starts at ${at}`;
    case 'erase': {
      const gone = eraseAt(draft, cell);
      return gone ? `removed ${gone}` : null;
    }
  }
}

/** What is on a cell, in words (the cursor's status line). */
export function describeCell(draft: Draft, cell: Cell): string {
  const char = charAt(draft, cell);
  if (char === undefined) return 'outside the map';
  const parts = [char === WALL ? 'wall' : char === DOOR ? `door (${draft.doors.find((d) => String(d.cell) === String(cell))?.open === false ? 'closed' : 'open'})` : draft.legend[char] ? `${draft.legend[char]} floor` : `'${char}': no room has this key`];
  const furniture = furnitureAt(draft, cell);
  if (furniture) {
    const contents = draft.objects.filter((object) => object.in === furniture.id).map((object) => object.id + (object.states.length ? ` (${object.states.join(', ')})` : ''));
    parts.push(`${furniture.id}${furniture.open !== undefined ? (furniture.open ? ', open' : ', closed') : ''}${contents.length ? ` holding ${contents.join(', ')}` : ''}`);
  }
  const movable = movableAt(draft, cell);
  if (movable) parts.push(movable.id);
  if (String(draft.agent) === String(cell)) parts.push("the agent's start");
  return parts.join(' · ');
}
