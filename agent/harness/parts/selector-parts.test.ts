import { describe, expect, it } from 'vitest';
import { createEnv } from '../../../sim/index.ts';
import type { ScriptedOptions } from '../../models/scripted-backend.ts';
import { applied, endOf, eventsOf, HOT_MUG_PLAN, runScripted, testHouse, testSpec } from '../testing/harness-test-kit.ts';

const withSelector = (part: string, params: object = {}) => testSpec({ selector: { part, params } });

describe('action selectors', () => {
  it('free-generation with the parser maps text to the closest valid action and flags the guess', async () => {
    const trace = await runScripted(withSelector('free-generation'), ['I will go to the cabinet one', 'Action: open cabinet 1']);
    expect(eventsOf(trace, 'action-select').slice(0, 2).map(({ action, guessed }) => ({ action, guessed }))).toEqual([
      { action: 'go to cabinet 1', guessed: true },
      { action: 'open cabinet 1', guessed: false },
    ]);
  });

  it('free-generation in raw mode passes the first line to the world as written', async () => {
    const trace = await runScripted(withSelector('free-generation', { parse: 'raw' }), ['> fly to the moon\nmore']);
    expect(eventsOf(trace, 'action-apply')[0]).toMatchObject({ action: 'fly to the moon', success: false, reason: 'unknown-action' });
  });

  it('free-generation with a thought records the thought and acts on the Action line', async () => {
    const trace = await runScripted(withSelector('free-generation', { thought: true }), ['Thought: the mug may be in the cabinet.\nAction: go to cabinet 1']);
    expect(eventsOf(trace, 'action-select')[0]).toMatchObject({ action: 'go to cabinet 1', thought: 'the mug may be in the cabinet.', guessed: false });
    expect(JSON.stringify(eventsOf(trace, 'model-call')[0]!.input)).toContain('\\nThought');
  });

  it('numbered-menu asks for one number constrained to the menu and takes that action', async () => {
    const trace = await runScripted(withSelector('numbered-menu'), ['3']);
    const call = eventsOf(trace, 'model-call')[0]!;
    const valid = (call.input as { choices: string[] }).choices;
    expect(valid).toEqual(valid.map((_, index) => String(index + 1)));
    expect(valid.length).toBeGreaterThan(5);
    expect(JSON.stringify(call.input)).toContain('Answer with the number only.');
    const menuLine = /\\n3\. ([^\\]+)/.exec(JSON.stringify(call.input))![1];
    expect(applied(trace)[0]).toBe(menuLine);
  });

  it('numbered-menu with a thought thinks first, then chooses, and traces both calls', async () => {
    const trace = await runScripted(withSelector('numbered-menu', { thought: true }), ['Thought: the cabinet', '2']);
    expect(eventsOf(trace, 'model-call').filter((event) => event.step === 1)).toHaveLength(2);
    expect(eventsOf(trace, 'action-select')[0]!.thought).toBe('the cabinet');
    expect(JSON.stringify(eventsOf(trace, 'model-call')[1]!.input)).toContain('Your thought: the cabinet');
  });

  it('choice-scoring takes the valid action with the best score', async () => {
    const trace = await runScripted(withSelector('choice-scoring'), { replies: [], scores: [{ 'go to sofa 1': 2, 'go to fridge 1': 1 }], fallback: 'look' });
    expect(applied(trace)[0]).toBe('go to sofa 1');
    expect(eventsOf(trace, 'model-call')[0]).toMatchObject({ kind: 'score' });
  });

  it('grammar constrains generation to a GBNF alternation of the valid actions', async () => {
    const trace = await runScripted(withSelector('grammar'), ['go to drawer 1']);
    const grammar = (eventsOf(trace, 'model-call')[0]!.input as { grammar: string }).grammar;
    expect(grammar).toMatch(/^root ::= "/);
    expect(grammar).toContain('"go to drawer 1" | ');
    expect(applied(trace)[0]).toBe('go to drawer 1');
  });

  // Each selector is told the solving plan step by step (a number, a score or a text), never the
  // first offered action by default: a selector that ignored its model's answer would not solve it.
  const menuNumbers = (): string[] => {
    const env = createEnv();
    env.reset({ scenario: testHouse(), seed: 3 });
    return HOT_MUG_PLAN.map((action) => {
      const number = env.validActions().indexOf(action) + 1;
      env.step(action);
      return String(number);
    });
  };
  const scripts: Record<string, () => ScriptedOptions> = {
    'numbered-menu': () => ({ replies: menuNumbers(), fallback: '1' }),
    'choice-scoring': () => ({ replies: [], scores: HOT_MUG_PLAN.map((action) => ({ [action]: 1 })), fallback: 'look' }),
    grammar: () => ({ replies: [...HOT_MUG_PLAN], fallback: 'look' }),
    'free-generation': () => ({ replies: [...HOT_MUG_PLAN], fallback: 'look' }),
  };
  it.each(Object.keys(scripts))('%s acts on what the model answers: the plan it is told solves the episode', async (selector) => {
    const numbers = menuNumbers();
    expect(numbers.filter((number) => number !== '1').length).toBeGreaterThan(4); // the plan is rarely the first offered action
    const trace = await runScripted(withSelector(selector), scripts[selector]!());
    expect(applied(trace)).toEqual(HOT_MUG_PLAN);
    expect(endOf(trace)).toMatchObject({ success: true, termination: 'success' });
    expect(eventsOf(trace, 'action-select').every((event) => !event.guessed)).toBe(true);
  });

  it('choice-scoring compares mean or summed log-probabilities as asked', async () => {
    // Unlisted candidates score 0, so these two are shifted above it: sofa sums to 3 over 3 tokens
    // (mean 1), fridge to 2 over 1 token (mean 2). The sum prefers the sofa, the mean the fridge.
    const scores = [{ 'go to sofa 1': { logProb: 3, tokens: 3 }, 'go to fridge 1': { logProb: 2, tokens: 1 } }];
    const first = async (normalise: string) => applied(await runScripted(withSelector('choice-scoring', { normalise }), { replies: [], scores, fallback: 'look' }))[0];
    expect(await first('sum')).toBe('go to sofa 1');
    expect(await first('mean')).toBe('go to fridge 1');
  });
});
