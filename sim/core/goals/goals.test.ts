import { describe, expect, it } from 'vitest';
import { createEnv } from '../env.ts';
import type { GoalNode } from '../goal-node.ts';
import { twoRoomHouse } from '../test-worlds.ts';
import { initialState } from '../world-state.ts';
import { compileWorld } from '../compiled-world.ts';
import { describeGoal, evaluateGoal, UnknownGoalTypeError } from './goal-registry.ts';

interface TaskRow {
  task: string;
  goal: GoalNode;
  text: string;
  /** A solution: the goal is pending before the last action and reached by it. */
  plan: string[];
}

const sixTaskTypes: TaskRow[] = [
  {
    task: 'pick and place',
    goal: { type: 'in', object: { type: 'book' }, receptacle: { type: 'diningtable' } },
    text: 'put a book in a diningtable',
    plan: ['go to desk 1', 'take book 1 from desk 1', 'go to diningtable 1', 'put book 1 in/on diningtable 1'],
  },
  {
    task: 'pick two and place',
    goal: { type: 'count', object: { type: 'apple' }, receptacle: { id: 'diningtable 1' }, min: 2 },
    text: 'put two apples in the diningtable 1',
    plan: [
      'go to countertop 1', 'take apple 1 from countertop 1', 'go to diningtable 1', 'put apple 1 in/on diningtable 1',
      'go to fridge 1', 'open fridge 1', 'take apple 2 from fridge 1', 'go to diningtable 1', 'put apple 2 in/on diningtable 1',
    ],
  },
  {
    task: 'clean then place',
    goal: { type: 'in', object: { type: 'plate', states: ['clean'] }, receptacle: { type: 'countertop' } },
    text: 'put a clean plate in a countertop',
    plan: ['go to cabinet 1', 'open cabinet 1', 'take plate 1 from cabinet 1', 'go to sinkbasin 1', 'clean plate 1 with sinkbasin 1', 'go to countertop 1', 'put plate 1 in/on countertop 1'],
  },
  {
    task: 'heat then place',
    goal: { type: 'in', object: { type: 'mug', states: ['hot'] }, receptacle: { type: 'countertop' } },
    text: 'put a hot mug in a countertop',
    plan: ['go to cabinet 1', 'open cabinet 1', 'take mug 1 from cabinet 1', 'go to microwave 1', 'heat mug 1 with microwave 1', 'go to countertop 1', 'put mug 1 in/on countertop 1'],
  },
  {
    task: 'cool then place',
    goal: { type: 'in', object: { type: 'potato', states: ['cold'] }, receptacle: { type: 'countertop' } },
    text: 'put a cold potato in a countertop',
    plan: ['go to diningtable 1', 'take potato 1 from diningtable 1', 'go to fridge 1', 'cool potato 1 with fridge 1', 'go to countertop 1', 'put potato 1 in/on countertop 1'],
  },
  {
    task: 'look at an object under a lamp',
    goal: { type: 'examined-under-light', object: { type: 'book' } },
    text: 'look at a book under a lamp',
    plan: ['go to desk 1', 'take book 1 from desk 1', 'go to desklamp 1', 'use desklamp 1', 'examine book 1'],
  },
];

describe('the six ALFWorld task types', () => {
  it.each(sixTaskTypes)('$task: described and reached only by its last action', ({ goal, text, plan }) => {
    expect(describeGoal(goal)).toBe(text);
    const env = createEnv();
    env.reset({ scenario: twoRoomHouse({ goal }), seed: 3 });
    plan.forEach((action, i) => {
      const result = env.step(action);
      expect(result.info.success, `${action}: ${result.feedback}`).toBe(true);
      const last = i === plan.length - 1;
      expect(result.info.goalStatus).toBe(last ? 'success' : 'pending');
      expect(result.terminated).toBe(last);
      expect(result.reward).toBe(last ? 1 : 0);
    });
  });
});

describe('goal nodes', () => {
  const state = initialState(compileWorld(twoRoomHouse()));
  const apple = { type: 'apple' } as const;
  const rows: { goal: GoalNode; status: 'success' | 'pending'; text: string }[] = [
    { goal: { type: 'in', object: apple, receptacle: { id: 'fridge 1' } }, status: 'success', text: 'put an apple in the fridge 1' },
    { goal: { type: 'in', object: { id: 'apple 1' }, receptacle: { id: 'fridge 1' } }, status: 'pending', text: 'put the apple 1 in the fridge 1' },
    { goal: { type: 'count', object: apple, receptacle: { type: 'fridge' }, min: 1 }, status: 'success', text: 'put an apple in a fridge' },
    { goal: { type: 'count', object: apple, receptacle: { type: 'fridge' }, min: 2 }, status: 'pending', text: 'put two apples in a fridge' },
    { goal: { type: 'has-state', object: { type: 'plate', states: ['dirty'] } }, status: 'success', text: 'dirty a plate' },
    { goal: { type: 'has-state', object: { type: 'apple', states: ['sliced'] } }, status: 'pending', text: 'slice an apple' },
    { goal: { type: 'holding', object: apple }, status: 'pending', text: 'hold an apple' },
    { goal: { type: 'light-on', receptacle: { type: 'desklamp' } }, status: 'pending', text: 'turn on a desklamp' },
    { goal: { type: 'not', goal: { type: 'holding', object: apple } }, status: 'success', text: 'make sure you do not hold an apple' },
    {
      goal: { type: 'all-of', goals: [{ type: 'in', object: apple, receptacle: { id: 'fridge 1' } }, { type: 'light-on', receptacle: { id: 'desklamp 1' } }] },
      status: 'pending',
      text: 'put an apple in the fridge 1 and turn on the desklamp 1',
    },
    {
      goal: { type: 'any-of', goals: [{ type: 'in', object: apple, receptacle: { id: 'fridge 1' } }, { type: 'light-on', receptacle: { id: 'desklamp 1' } }] },
      status: 'success',
      text: 'either put an apple in the fridge 1 or turn on the desklamp 1',
    },
  ];
  it.each(rows)('$text → $status', ({ goal, status, text }) => {
    expect(describeGoal(goal)).toBe(text);
    expect(evaluateGoal(goal, state)).toBe(status);
  });

  it('throws on an unknown node type with the closest kind', () => {
    expect(() => evaluateGoal({ type: 'hodling' } as unknown as GoalNode, state)).toThrow(UnknownGoalTypeError);
    expect(() => describeGoal({ type: 'hodling' } as unknown as GoalNode)).toThrow(/did you mean "holding"/);
  });

  it('counts objects per receptacle instance, not across instances', () => {
    const spread = { ...state, objects: { ...state.objects, 'apple 1': { location: 'cabinet 1', states: [] } } };
    const goal: GoalNode = { type: 'count', object: apple, receptacle: { type: 'cabinet' }, min: 2 };
    expect(evaluateGoal(goal, spread)).toBe('pending');
    const together = { ...spread, objects: { ...spread.objects, 'apple 2': { location: 'cabinet 1', states: [] } } };
    expect(evaluateGoal(goal, together)).toBe('success');
  });
});
