import { describe, expect, it } from 'vitest';
import { createEnv } from '../env.ts';
import type { ReasonCode } from '../env-api.ts';
import { blockedDoorHouse, twoRoomHouse } from '../test-worlds.ts';
import type { WorldSpec } from '../world-spec.ts';
import type { WorldState } from '../world-state.ts';

function envAfter(setup: string[], spec: WorldSpec = twoRoomHouse()) {
  const env = createEnv();
  env.reset({ scenario: spec, seed: 1 });
  for (const action of setup) {
    const result = env.step(action);
    if (!result.info.success) throw new Error(`setup action "${action}" failed: ${result.feedback}`);
  }
  return env;
}

const withoutStep = (state: WorldState) => ({ ...state, step: 0 });

const walledHouse = () =>
  twoRoomHouse({ map: twoRoomHouse().map.map((row) => row.replace('+', '#')), doors: [] });
const boxedChair = () => twoRoomHouse({ movables: [{ id: 'chair 1', type: 'chair', cell: [6, 1] }] });
const TAKE_APPLE = ['go to countertop 1', 'take apple 1 from countertop 1'];
const TAKE_MUG = ['go to cabinet 1', 'open cabinet 1', 'take mug 1 from cabinet 1'];
const TAKE_KNIFE = ['go to countertop 1', 'take knife 1 from countertop 1'];

interface SuccessRow {
  name: string;
  setup: string[];
  action: string;
  effect: (state: WorldState) => unknown;
  expected: unknown;
  spec?: () => WorldSpec;
}

const successes: SuccessRow[] = [
  { name: 'go to stands the agent at the receptacle', setup: [], action: 'go to fridge 1', effect: (s) => [s.agent.at, s.agent.room], expected: ['fridge 1', 'kitchen'] },
  { name: 'go to crosses the open door into the other room', setup: [], action: 'go to desk 1', effect: (s) => [s.agent.at, s.agent.room], expected: ['desk 1', 'livingroom'] },
  { name: 'take puts the object in hand', setup: ['go to countertop 1'], action: 'take apple 1 from countertop 1', effect: (s) => [s.agent.holding, s.objects['apple 1']!.location], expected: ['apple 1', 'agent'] },
  { name: 'put moves the held object into the receptacle', setup: [...TAKE_APPLE, 'go to diningtable 1'], action: 'put apple 1 in/on diningtable 1', effect: (s) => [s.agent.holding, s.objects['apple 1']!.location], expected: [null, 'diningtable 1'] },
  { name: 'open opens a receptacle', setup: ['go to fridge 1'], action: 'open fridge 1', effect: (s) => s.receptacles['fridge 1']!.open, expected: true },
  { name: 'close closes a receptacle', setup: ['go to fridge 1', 'open fridge 1'], action: 'close fridge 1', effect: (s) => s.receptacles['fridge 1']!.open, expected: false },
  { name: 'close door closes a door of the room', setup: [], action: 'close door 1', effect: (s) => s.doors['door 1'], expected: false },
  { name: 'open door opens a door of the room', setup: ['close door 1'], action: 'open door 1', effect: (s) => s.doors['door 1'], expected: true },
  { name: 'use switches a lamp on', setup: ['go to desklamp 1'], action: 'use desklamp 1', effect: (s) => s.receptacles['desklamp 1']!.on, expected: true },
  { name: 'toggle switches a lit lamp off', setup: ['go to desklamp 1', 'use desklamp 1'], action: 'toggle desklamp 1', effect: (s) => s.receptacles['desklamp 1']!.on, expected: false },
  { name: 'heat makes the held object hot', setup: [...TAKE_MUG, 'go to microwave 1'], action: 'heat mug 1 with microwave 1', effect: (s) => s.objects['mug 1']!.states, expected: ['hot'] },
  { name: 'heat works on a stove burner too', setup: [...TAKE_MUG, 'go to stoveburner 1'], action: 'heat mug 1 with stoveburner 1', effect: (s) => s.objects['mug 1']!.states, expected: ['hot'] },
  { name: 'cool makes the held object cold', setup: [...TAKE_APPLE, 'go to fridge 1'], action: 'cool apple 1 with fridge 1', effect: (s) => s.objects['apple 1']!.states, expected: ['cold'] },
  { name: 'clean makes a dirty plate clean', setup: ['go to cabinet 1', 'open cabinet 1', 'take plate 1 from cabinet 1', 'go to sinkbasin 1'], action: 'clean plate 1 with sinkbasin 1', effect: (s) => s.objects['plate 1']!.states, expected: ['clean'] },
  { name: 'slice slices a visible object with the held knife', setup: TAKE_KNIFE, action: 'slice apple 1 with knife 1', effect: (s) => s.objects['apple 1']!.states, expected: ['sliced'] },
  { name: 'examine under a lit lamp records it', setup: ['go to desklamp 1', 'use desklamp 1', 'go to desk 1', 'take book 1 from desk 1'], action: 'examine book 1', effect: (s) => s.examinedUnderLight, expected: ['book 1'] },
  { name: 'examine in the dark records nothing', setup: ['go to desk 1', 'take book 1 from desk 1'], action: 'examine book 1', effect: (s) => s.examinedUnderLight, expected: [] },
  { name: 'examine a receptacle you are at', setup: ['go to desk 1'], action: 'examine desk 1', effect: (s) => s.agent.at, expected: 'desk 1' },
  { name: 'push shoves the chair straight away from the nearest side', setup: ['go to sofa 1'], action: 'push chair 1', effect: (s) => s.movables['chair 1'], expected: [10, 3] },
  { name: 'push clears a blocked doorway', setup: [], action: 'push chair 1', effect: (s) => s.movables['chair 1'], expected: [9, 3], spec: blockedDoorHouse },
  { name: 'look changes nothing but the step', setup: ['go to fridge 1'], action: 'look', effect: (s) => s.agent.at, expected: 'fridge 1' },
  { name: 'inventory changes nothing but the step', setup: TAKE_APPLE, action: 'inventory', effect: (s) => s.agent.holding, expected: 'apple 1' },
];

describe('action effects', () => {
  it.each(successes)('$name', ({ setup, action, effect, expected, spec }) => {
    const env = envAfter(setup, spec?.());
    const result = env.step(action);
    expect(result.info.reason, result.feedback).toBe('ok');
    expect(result.info.success).toBe(true);
    expect(effect(env.getState())).toEqual(expected);
  });
});

interface FailureRow {
  name: string;
  setup: string[];
  action: string;
  reason: ReasonCode;
  /** A phrase the feedback must contain: the fix it tells the agent. */
  says: string;
  spec?: () => WorldSpec;
}

const failures: FailureRow[] = [
  { name: 'go to where you already are', setup: ['go to fridge 1'], action: 'go to fridge 1', reason: 'already-there', says: 'already at the fridge 1' },
  { name: 'go to a door', setup: [], action: 'go to door 1', reason: 'unknown-target', says: 'only go to receptacles' },
  { name: 'go to a receptacle that does not exist', setup: [], action: 'go to fridge 9', reason: 'unknown-target', says: 'fridge 1' },
  { name: 'go through a closed door', setup: ['close door 1'], action: 'go to desk 1', reason: 'door-closed', says: 'open door 1' },
  { name: 'go through a doorway blocked by a chair', setup: [], action: 'go to desk 1', reason: 'path-blocked', says: 'push chair 1', spec: blockedDoorHouse },
  { name: 'go where no path leads', setup: [], action: 'go to desk 1', reason: 'unreachable', says: 'no path', spec: walledHouse },
  { name: 'take without going there', setup: [], action: 'take apple 1 from countertop 1', reason: 'not-at-receptacle', says: 'go to countertop 1' },
  { name: 'take from a closed fridge', setup: ['go to fridge 1'], action: 'take apple 2 from fridge 1', reason: 'container-closed', says: 'open fridge 1' },
  { name: 'take with full hands', setup: TAKE_KNIFE, action: 'take apple 1 from countertop 1', reason: 'hands-full', says: 'put knife 1 in/on countertop 1' },
  { name: 'take an object that is not here', setup: ['go to countertop 1'], action: 'take apple 2 from countertop 1', reason: 'not-visible', says: 'do not see the apple 2' },
  { name: 'take naming the wrong receptacle', setup: ['go to countertop 1'], action: 'take apple 1 from diningtable 1', reason: 'not-in-receptacle', says: 'take apple 1 from countertop 1' },
  { name: 'put without holding', setup: ['go to diningtable 1'], action: 'put apple 1 in/on diningtable 1', reason: 'not-holding', says: 'not holding the apple 1' },
  { name: 'put into a closed fridge', setup: [...TAKE_APPLE, 'go to fridge 1'], action: 'put apple 1 in/on fridge 1', reason: 'container-closed', says: 'open fridge 1' },
  { name: 'put where you are not', setup: TAKE_APPLE, action: 'put apple 1 in/on diningtable 1', reason: 'not-at-receptacle', says: 'go to diningtable 1' },
  { name: 'put onto a lamp', setup: [...TAKE_APPLE, 'go to desklamp 1'], action: 'put apple 1 in/on desklamp 1', reason: 'wrong-tool', says: 'cannot put things' },
  { name: 'open a countertop', setup: ['go to countertop 1'], action: 'open countertop 1', reason: 'not-openable', says: 'does not open' },
  { name: 'open an open fridge', setup: ['go to fridge 1', 'open fridge 1'], action: 'open fridge 1', reason: 'already-open', says: 'already open' },
  { name: 'open a fridge from afar', setup: [], action: 'open fridge 1', reason: 'not-at-receptacle', says: 'go to fridge 1' },
  { name: 'open an open door', setup: [], action: 'open door 1', reason: 'already-open', says: 'already open' },
  { name: 'close a closed fridge', setup: ['go to fridge 1'], action: 'close fridge 1', reason: 'already-closed', says: 'already closed' },
  { name: 'close a door while standing in it', setup: ['push chair 1'], action: 'close door 1', reason: 'path-blocked', says: 'standing in the door 1', spec: blockedDoorHouse },
  { name: 'use a fridge', setup: ['go to fridge 1'], action: 'use fridge 1', reason: 'not-toggleable', says: 'desklamp 1' },
  { name: 'use a lamp from afar', setup: [], action: 'use desklamp 1', reason: 'not-at-receptacle', says: 'go to desklamp 1' },
  { name: 'heat with a fridge', setup: [...TAKE_MUG, 'go to fridge 1'], action: 'heat mug 1 with fridge 1', reason: 'wrong-tool', says: 'microwave 1' },
  { name: 'heat without holding', setup: ['go to microwave 1'], action: 'heat mug 1 with microwave 1', reason: 'not-holding', says: 'not holding the mug 1' },
  { name: 'heat away from the microwave', setup: TAKE_MUG, action: 'heat mug 1 with microwave 1', reason: 'not-at-receptacle', says: 'go to microwave 1' },
  { name: 'heat a book', setup: ['go to desk 1', 'take book 1 from desk 1', 'go to microwave 1'], action: 'heat book 1 with microwave 1', reason: 'wrong-tool', says: 'cannot be heated' },
  { name: 'cool with a microwave', setup: [...TAKE_APPLE, 'go to microwave 1'], action: 'cool apple 1 with microwave 1', reason: 'wrong-tool', says: 'fridge 1' },
  { name: 'clean with a countertop', setup: TAKE_APPLE, action: 'clean apple 1 with countertop 1', reason: 'wrong-tool', says: 'sinkbasin 1' },
  { name: 'slice with an apple', setup: ['go to countertop 1'], action: 'slice apple 1 with apple 1', reason: 'wrong-tool', says: 'only slice with a knife' },
  { name: 'slice without holding the knife', setup: ['go to countertop 1'], action: 'slice apple 1 with knife 1', reason: 'not-holding', says: 'take knife 1 from countertop 1' },
  { name: 'slice a book', setup: [...TAKE_KNIFE, 'go to desk 1'], action: 'slice book 1 with knife 1', reason: 'not-sliceable', says: 'cannot be sliced' },
  { name: 'slice twice', setup: [...TAKE_KNIFE, 'slice apple 1 with knife 1'], action: 'slice apple 1 with knife 1', reason: 'not-sliceable', says: 'already sliced' },
  { name: 'examine what is inside a closed fridge', setup: ['go to fridge 1'], action: 'examine apple 2', reason: 'not-visible', says: 'do not see' },
  { name: 'push a fridge', setup: [], action: 'push fridge 1', reason: 'not-movable', says: 'cannot be pushed' },
  { name: 'push a chair that does not exist', setup: [], action: 'push chair 9', reason: 'unknown-target', says: 'no chair 9' },
  { name: 'push a chair behind a closed door', setup: ['close door 1'], action: 'push chair 1', reason: 'unreachable', says: 'cannot get next to', spec: blockedDoorHouse },
  { name: 'push a chair in another room (out of sight)', setup: [], action: 'push chair 1', reason: 'not-visible', says: 'do not see the chair 1' },
  { name: 'push a chair boxed in', setup: [], action: 'push chair 1', reason: 'nothing-to-push', says: 'no free space', spec: boxedChair },
  { name: 'an unknown verb', setup: [], action: 'dance wildly', reason: 'unknown-action', says: 'Closest valid actions' },
];

describe('action preconditions', () => {
  it.each(failures)('rejects: $name', ({ setup, action, reason, says, spec }) => {
    const env = envAfter(setup, spec?.());
    const before = env.getState();
    const result = env.step(action);
    expect(result.info.reason, result.feedback).toBe(reason);
    expect(result.info.success).toBe(false);
    expect(result.feedback).toContain(says);
    expect(result.feedback).not.toMatch(/nothing happens/i);
    expect(withoutStep(env.getState())).toEqual(withoutStep(before));
    expect(env.getState().step).toBe(before.step + 1);
  });
});

describe('valid actions', () => {
  const scripts = [[], TAKE_APPLE, [...TAKE_MUG, 'go to microwave 1'], TAKE_KNIFE, ['go to sofa 1'], ['go to fridge 1', 'open fridge 1']];
  it.each(scripts.map((setup) => ({ setup, label: setup.join(', ') || 'start' })))('every listed action succeeds ($label)', ({ setup }) => {
    const env = envAfter(setup);
    const snapshot = env.snapshot();
    for (const action of env.validActions()) {
      env.restore(snapshot);
      const result = env.step(action);
      expect(result.info.success, `${action}: ${result.feedback}`).toBe(true);
    }
  });

  it('lists actions sorted and without duplicates', () => {
    const list = envAfter(['go to countertop 1']).validActions();
    expect([...list].sort()).toEqual(list);
    expect(new Set(list).size).toBe(list.length);
  });
});
