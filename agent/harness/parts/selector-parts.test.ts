import { describe, expect, it } from 'vitest';
import { applied, eventsOf, runScripted, testSpec } from '../testing/harness-test-kit.ts';

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

  it.each(['numbered-menu', 'choice-scoring', 'grammar'])('%s always yields a valid action', async (selector) => {
    const trace = await runScripted(withSelector(selector), ['3', '1', '2', 'nonsense']);
    expect(eventsOf(trace, 'action-apply').every((event) => event.success)).toBe(true);
  });
});
