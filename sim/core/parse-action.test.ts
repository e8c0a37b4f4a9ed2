import { describe, expect, it } from 'vitest';
import type { Action } from './env-api.ts';
import { parseAction } from './parse-action.ts';

const ctx = { at: 'countertop 1', holding: 'knife 1', resolve: (name: string) => (name === 'apple' ? 'apple 1' : name) };

const rows: { text: string; action: Action }[] = [
  { text: 'go to fridge 1', action: { type: 'go-to', target: 'fridge 1' } },
  { text: '  Go  To the Fridge 1. ', action: { type: 'go-to', target: 'fridge 1' } },
  { text: 'walk to fridge1', action: { type: 'go-to', target: 'fridge 1' } },
  { text: 'Action: go to sink basin 1', action: { type: 'go-to', target: 'sinkbasin 1' } },
  { text: 'go to table 1', action: { type: 'go-to', target: 'diningtable 1' } },
  { text: 'take apple 1 from countertop 1', action: { type: 'take', object: 'apple 1', from: 'countertop 1' } },
  { text: 'pick up the apple', action: { type: 'take', object: 'apple 1', from: 'countertop 1' } },
  { text: 'pick apple 1 up', action: { type: 'take', object: 'apple 1', from: 'countertop 1' } },
  { text: 'put apple 1 in/on fridge 1', action: { type: 'put', object: 'apple 1', into: 'fridge 1' } },
  { text: 'put apple 1 in fridge 1', action: { type: 'put', object: 'apple 1', into: 'fridge 1' } },
  { text: 'place an apple 1 on the desk 1', action: { type: 'put', object: 'apple 1', into: 'desk 1' } },
  { text: 'move apple 1 to desk 1', action: { type: 'put', object: 'apple 1', into: 'desk 1' } },
  { text: 'put down apple 1', action: { type: 'put', object: 'apple 1', into: 'countertop 1' } },
  { text: 'open fridge 1', action: { type: 'open', target: 'fridge 1' } },
  { text: 'shut door 1', action: { type: 'close', target: 'door 1' } },
  { text: 'use desklamp 1', action: { type: 'toggle', target: 'desklamp 1' } },
  { text: 'turn on the desk lamp 1', action: { type: 'toggle', target: 'desklamp 1' } },
  { text: 'heat mug 1 with microwave 1', action: { type: 'heat', object: 'mug 1', with: 'microwave 1' } },
  { text: 'warm mug 1 in microwave 1', action: { type: 'heat', object: 'mug 1', with: 'microwave 1' } },
  { text: 'cool apple 1 with fridge 1', action: { type: 'cool', object: 'apple 1', with: 'fridge 1' } },
  { text: 'wash plate 1 in sink 1', action: { type: 'clean', object: 'plate 1', with: 'sinkbasin 1' } },
  { text: 'slice apple 1 with knife 1', action: { type: 'slice', object: 'apple 1', with: 'knife 1' } },
  { text: 'cut the apple', action: { type: 'slice', object: 'apple 1', with: 'knife 1' } },
  { text: 'examine book 1', action: { type: 'examine', target: 'book 1' } },
  { text: 'look at book 1', action: { type: 'examine', target: 'book 1' } },
  { text: 'push chair 1', action: { type: 'push', target: 'chair 1' } },
  { text: 'move chair 1 aside', action: { type: 'push', target: 'chair 1' } },
  { text: 'LOOK', action: { type: 'look' } },
  { text: 'inventory', action: { type: 'inventory' } },
  { text: 'i', action: { type: 'inventory' } },
];

describe('parseAction', () => {
  it.each(rows)('reads "$text"', ({ text, action }) => {
    expect(parseAction(text, ctx)).toEqual({ ok: true, action });
  });

  it.each(['dance', 'fly to the moon', '', '???'])('rejects "%s" as unknown-action', (text) => {
    const result = parseAction(text, ctx);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toBe('unknown-action');
  });

  it.each(['go to toaster 1', 'take flurb 2 from countertop 1'])('rejects "%s" as unknown-target', (text) => {
    const result = parseAction(text, ctx);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toBe('unknown-target');
  });
});
