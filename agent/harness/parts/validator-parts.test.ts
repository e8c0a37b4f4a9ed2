import { describe, expect, it } from 'vitest';
import { applied, eventsOf, prompts, runScripted, testSpec } from '../testing/harness-test-kit.ts';

describe('validators', () => {
  it('admissible repairs an invalid action to the closest valid one', async () => {
    const trace = await runScripted(testSpec({ validators: [{ part: 'admissible', params: { mode: 'repair' } }] }), ['go to cabinet one']);
    expect(applied(trace)[0]).toBe('go to cabinet 1');
    expect(eventsOf(trace, 'action-repair')[0]).toMatchObject({ part: 'admissible', from: 'go to cabinet one', to: 'go to cabinet 1', step: 1 });
  });

  it('admissible in retry mode sends the selector back with feedback', async () => {
    const trace = await runScripted(testSpec({ validators: [{ part: 'admissible', params: { mode: 'retry' } }] }), ['fly to the moon', 'go to cabinet 1']);
    expect(applied(trace)[0]).toBe('go to cabinet 1');
    expect(eventsOf(trace, 'action-reject')[0]).toMatchObject({ action: 'fly to the moon', reason: 'not-admissible', step: 1 });
    expect(prompts(trace)[1]).toContain('Your last choice was rejected: \\"fly to the moon\\" is not a valid action now');
  });

  it.each([1, 2, 3])('admissible retries at most k=%i times per step, then repairs', async (k) => {
    const trace = await runScripted(testSpec({ validators: [{ part: 'admissible', params: { mode: 'retry', maxRetries: k } }] }), Array(6).fill('go to cabinet one'));
    expect(eventsOf(trace, 'action-reject').filter((event) => event.step === 1)).toHaveLength(k);
    expect(eventsOf(trace, 'model-call').filter((event) => event.step === 1)).toHaveLength(k + 1);
    expect(applied(trace)[0]).toBe('go to cabinet 1');
  });

  it('learned-preconditions learns "open before take" from container-closed and inserts the open', async () => {
    const trace = await runScripted(testSpec({ validators: [{ part: 'learned-preconditions' }] }), ['go to cabinet 1', 'take mug 1 from cabinet 1', 'go to fridge 1', 'take apple 2 from fridge 1']);
    const actions = applied(trace);
    expect(actions.slice(0, 2)).toEqual(['go to cabinet 1', 'take mug 1 from cabinet 1']); // not learned yet: fails
    expect(eventsOf(trace, 'action-apply')[1]).toMatchObject({ success: false, reason: 'container-closed' });
    expect(actions[3]).toBe('open fridge 1'); // learned: the missing step is inserted
    expect(eventsOf(trace, 'action-repair')[0]).toMatchObject({ from: 'take apple 2 from fridge 1', to: 'open fridge 1', why: 'learned from container-closed' });
  });

  it('learned-preconditions learns "go to before open" from not-at-receptacle', async () => {
    const trace = await runScripted(testSpec({ validators: [{ part: 'learned-preconditions' }] }), ['open cabinet 1', 'open fridge 1']);
    expect(applied(trace).slice(0, 2)).toEqual(['open cabinet 1', 'go to fridge 1']);
  });

  it('learned-preconditions with preload knows its rules from the first step; retry mode says what is missing', async () => {
    const trace = await runScripted(testSpec({ validators: [{ part: 'learned-preconditions', params: { preload: true, mode: 'retry' } }] }), ['open fridge 1', 'go to fridge 1']);
    expect(eventsOf(trace, 'action-reject')[0]).toMatchObject({ reason: 'not-at-receptacle', feedback: 'Before "open fridge 1" you must go to fridge 1.' });
    expect(applied(trace)[0]).toBe('go to fridge 1');
  });
});
