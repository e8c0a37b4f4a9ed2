import { describe, expect, it } from 'vitest';
import { applied, eventsOf, prompts, runScripted, testSpec } from '../testing/harness-test-kit.ts';

const withControl = (part: string, params: object = {}) => testSpec({ control: [{ part, params }] });

describe('control parts', () => {
  it('loop-detection replaces an action repeated too often by an untried one', async () => {
    const trace = await runScripted(withControl('loop-detection', { maxRepeats: 2 }), ['look', 'look', 'look', 'look']);
    expect(applied(trace).slice(0, 2)).toEqual(['look', 'look']);
    expect(applied(trace)[2]).toMatch(/^go to /);
    expect(eventsOf(trace, 'control')[0]).toMatchObject({ part: 'loop-detection', signal: 'replace', step: 3 });
  });

  it('loop-detection also breaks an A-B-A-B cycle', async () => {
    const trace = await runScripted(withControl('loop-detection', { maxRepeats: 2 }), ['go to sofa 1', 'go to desk 1', 'go to sofa 1', 'go to desk 1', 'go to sofa 1']);
    expect(applied(trace).slice(0, 4)).toEqual(['go to sofa 1', 'go to desk 1', 'go to sofa 1', 'go to desk 1']);
    expect(applied(trace)[4]).not.toBe('go to sofa 1');
  });

  it('search-once blocks going back, empty-handed, to a receptacle already searched', async () => {
    const trace = await runScripted(withControl('search-once'), ['go to sofa 1', 'go to desk 1', 'go to sofa 1']);
    expect(applied(trace)[2]).not.toBe('go to sofa 1');
    expect(eventsOf(trace, 'control')[0]!.detail).toMatch(/^sofa 1 already searched → go to /);
  });

  it('search-once lets the agent go back to a closed receptacle it has not searched, or where a goal object was seen', async () => {
    const closed = await runScripted(withControl('search-once'), ['go to fridge 1', 'go to sofa 1', 'go to fridge 1']);
    expect(applied(closed)[2]).toBe('go to fridge 1');
    const useful = await runScripted(withControl('search-once'), ['go to cabinet 1', 'open cabinet 1', 'go to sofa 1', 'go to cabinet 1']);
    expect(applied(useful)[3]).toBe('go to cabinet 1'); // mug 1 was seen there
  });

  it('step-budget warns only when few steps are left', async () => {
    const trace = await runScripted(withControl('step-budget', { warnAt: 3 }), []);
    const warned = prompts(trace).map((prompt) => prompt.includes('steps are left'));
    expect(warned.indexOf(true)).toBe(12 - 3);
    expect(prompts(trace)[9]).toContain('Only 3 steps are left');
  });

  it('replan-on-stall traces a replan and adds a rule when the subgoal does not change', async () => {
    const trace = await runScripted(testSpec({ decomposer: { part: 'goal-tree' }, control: [{ part: 'replan-on-stall', params: { after: 3 } }] }), []);
    expect(eventsOf(trace, 'control').filter((event) => event.signal === 'replan')).toHaveLength(1);
    expect(eventsOf(trace, 'control')[0]!.step).toBe(4);
    expect(prompts(trace)[3]).toContain('You have spent 3 steps on the same subgoal');
    expect(prompts(trace)[2]).not.toContain('same subgoal');
  });

  it('switch-selector moves to another selector after k failed actions in a row', async () => {
    const script = { replies: ['take mug 9 from cabinet 1', 'take mug 9 from cabinet 1'], scores: Array.from({ length: 12 }, () => ({ 'go to cabinet 1': 5 })), fallback: 'look' };
    const trace = await runScripted(withControl('switch-selector', { after: 2, to: 'choice-scoring' }), script);
    expect(applied(trace)[2]).toBe('go to cabinet 1');
    expect(eventsOf(trace, 'model-call').map((event) => event.kind)).toEqual(['generate', 'generate', ...Array(10).fill('score')]);
    expect(eventsOf(trace, 'action-select')[2]!.part).toBe('choice-scoring');
  });
});
