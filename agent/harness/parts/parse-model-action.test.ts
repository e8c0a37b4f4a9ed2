import { describe, expect, it } from 'vitest';
import { parseModelAction } from './parse-model-action.ts';

const VALID = ['go to fridge 1', 'go to countertop 1', 'open fridge 1', 'put apple 1 in/on countertop 1'];

describe('parseModelAction', () => {
  it.each([
    ['go to fridge 1', 'go to fridge 1', false],
    ['> Go to fridge 1.', 'go to fridge 1', false],
    ['Thought: it is cold.\nAction: open fridge 1', 'open fridge 1', false],
    ['put apple 1 on countertop 1', 'put apple 1 in/on countertop 1', false],
    ['I think I should go to countertop 1 now', 'go to countertop 1', false],
    ['go to the fridge', 'go to fridge 1', true],
  ])('reads %j as %j (guessed: %s)', (text, action, guessed) => {
    expect(parseModelAction(text, VALID)).toEqual({ action, guessed });
  });
});
