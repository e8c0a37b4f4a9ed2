/**
 * A realistic agent decision for the model benchmark: a ~430-token chat context listing 15 valid
 * actions. `step(k)` varies only the last part of the context, as consecutive agent steps do.
 */
import type { ChatMessage } from '../model-backend.ts';

export const VALID_ACTIONS = [
  'go to cabinet 1', 'go to cabinet 2', 'go to countertop 1', 'go to countertop 2', 'go to diningtable 1',
  'go to fridge 1', 'go to garbagecan 1', 'go to microwave 1', 'go to sinkbasin 1', 'go to stoveburner 1',
  'open drawer 1', 'take apple 1 from countertop 2', 'heat mug 1 with microwave 1', 'examine countertop 2', 'inventory',
];

const SYSTEM = [
  'You are a household robot planning in a house. Each turn you see what is around you and must choose exactly one action',
  'from the list of valid actions. Think about the goal: find the object, take it, change its state if the goal asks for it',
  '(heat with a microwave or stove burner, cool with a fridge, clean with a sink basin, slice with a knife), then deliver it.',
  'Search each receptacle at most once. Take the target as soon as you see it. Open closed receptacles before looking inside.',
  'Never repeat the same failed action. Trust the list of valid actions and answer with the action text only.',
].join(' ');

const HISTORY = [
  '> go to countertop 1\nYou arrive at the countertop 1. On the countertop 1, you see a knife 1, a bread 1 and a plate 2.',
  '> go to cabinet 1\nYou arrive at the cabinet 1. The cabinet 1 is closed.',
  '> open cabinet 1\nYou open the cabinet 1. In it, you see a cup 1 and a bowl 2.',
  '> go to countertop 2\nYou arrive at the countertop 2. On the countertop 2, you see an apple 1, a mug 1 and a spoon 3.',
];

/** Messages for decision number `step` (the last user turn changes with the step). */
export function decisionMessages(step: number): ChatMessage[] {
  const observation = `Step ${step + 5}. You are in the kitchen, at the countertop 2. On the countertop 2, you see an apple 1, a mug 1 and a spoon ${step + 3}. You are holding nothing.`;
  return [
    { role: 'system', content: SYSTEM },
    {
      role: 'user',
      content: [
        'Goal: put a hot apple in the diningtable.',
        'Recent steps:',
        ...HISTORY,
        observation,
        'Valid actions:',
        ...VALID_ACTIONS.map((action, index) => `${index + 1}. ${action}`),
        'Answer with one action.',
      ].join('\n'),
    },
  ];
}
