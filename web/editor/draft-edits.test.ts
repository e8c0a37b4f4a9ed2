import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../scenarios/format/parse-scenario.ts';
import { addObject, addRoom, eraseAt, nextId, paint, placeFurniture, resize, toggleDoor } from './draft-edits.ts';
import { draftFromValue, newDraft, scenarioText } from './editor-draft.ts';

describe('draft edits', () => {
  it('numbers new things after the highest id of their type', () => {
    const draft = newDraft();
    expect(placeFurniture(draft, [2, 2], 'fridge', { openable: true })).toBe('fridge 1');
    expect(placeFurniture(draft, [2, 2], 'fridge', { openable: true })).toBeNull();
    draft.furniture.push({ id: 'fridge 7', cell: [3, 3] });
    expect(nextId(draft, 'fridge')).toBe('fridge 8');
    expect(draft.furniture[0]).toEqual({ id: 'fridge 1', cell: [2, 2], open: false });
  });

  it('erases furniture with its contents, and a door state with its door', () => {
    const draft = newDraft();
    placeFurniture(draft, [2, 2], 'countertop', {});
    addObject(draft, 'apple', 'countertop 1');
    expect(eraseAt(draft, [2, 2])).toBe('countertop 1 and apple 1 in it');
    expect(draft.objects).toEqual([]);
    paint(draft, [4, 3], '+');
    expect(toggleDoor(draft, [4, 3])).toBe(false);
    expect(draft.doors).toEqual([{ cell: [4, 3], open: false }]);
    paint(draft, [4, 3], 'k');
    expect(draft.doors).toEqual([]);
  });

  it('resizes keeping what fits, walls on the new outline and the chosen floor inside', () => {
    const draft = newDraft();
    placeFurniture(draft, [8, 5], 'shelf', {});
    resize(draft, 12, 5, addRoom(draft, 'bathroom'));
    expect(draft.map).toEqual(['############', '#kkkkkkkkbb#', '#kkkkkkkkbb#', '#kkkkkkkkbb#', '############']);
    expect(draft.furniture).toEqual([]);
  });

  it('writes text the CLI parser reads back to the same draft', () => {
    const draft = newDraft();
    placeFurniture(draft, [6, 3], 'diningtable', {});
    placeFurniture(draft, [2, 1], 'countertop', {});
    addObject(draft, 'apple', 'countertop 1', ['cold']);
    const parsed = parseScenario(scenarioText(draft), 'draft.json');
    expect(parsed.ok).toBe(true);
    expect(draftFromValue(JSON.parse(scenarioText(draft)))).toEqual(draft);
  });
});
