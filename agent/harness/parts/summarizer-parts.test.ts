import { describe, expect, it } from 'vitest';
import { eventsOf, runScripted, testHouse, testSpec } from '../testing/harness-test-kit.ts';
import { newSentences } from './summarizer-parts.ts';

/** The user message of the prompt at `step` (1-based) when only `summarizer` fills sections. */
async function userPrompt(summarizer: string, replies: string[], step: number, params: object = {}, goal?: object): Promise<string> {
  const scenario = goal ? { ...testHouse(), goal } : testHouse();
  const spec = testSpec({ summarizers: [{ part: summarizer, params }], promptBuilder: { part: 'chat-prompt', params: { listActions: false } } });
  const trace = await runScripted(spec, replies, { scenario: scenario as never });
  const call = eventsOf(trace, 'model-call').find((event) => event.step === step)!;
  return (call.input as { messages: { content: string }[] }).messages.at(-1)!.content;
}

describe('state summarizers', () => {
  it('observation-text shows the last feedback and the observation', async () => {
    const text = await userPrompt('observation-text', ['go to countertop 1', 'take apple 1 from countertop 1'], 3);
    expect(text).toMatch(/You pick up the apple 1|You take the apple 1/i);
    expect(text).toContain('apple 1');
  });

  it('observation-text does not repeat feedback sentences that the observation already says', async () => {
    const text = await userPrompt('observation-text', ['go to countertop 1'], 2);
    expect(text).toContain('You arrive at the countertop 1.');
    const sentence = /On the countertop 1, you see [^.]+\./.exec(text)?.[0];
    expect(sentence).toBeDefined();
    expect(text.split(sentence!).length - 1).toBe(1);
    expect(newSentences('You arrive at the fridge 1. The fridge 1 is closed.', 'You are at the fridge 1. The fridge 1 is closed.')).toBe('You arrive at the fridge 1.');
    expect(newSentences('Nothing happens.', 'You are in the kitchen.')).toBe('Nothing happens.');
  });

  it('visible-here says where the agent is, what it holds and only what it sees there', async () => {
    const text = await userPrompt('visible-here', ['go to countertop 1', 'take apple 1 from countertop 1'], 3);
    expect(text).toContain('You are in the kitchen, at the countertop 1. You hold apple 1. You see: knife 1.');
    expect(text).not.toContain('fridge');
  });

  it('goal-relevant lists only objects whose type the goal names', async () => {
    const text = await userPrompt('goal-relevant', ['go to countertop 1'], 2, {}, { type: 'in', object: { type: 'knife' }, receptacle: { type: 'drawer' } });
    expect(text).toContain('Relevant here: knife 1 at countertop 1.');
    expect(text).not.toContain('apple 1');
    expect(await userPrompt('goal-relevant', ['go to countertop 1'], 2)).toContain('Nothing relevant to the goal is visible here.');
  });

  it('observation-json gives the observation as parseable JSON', async () => {
    const text = await userPrompt('observation-json', ['go to countertop 1'], 2);
    const json = JSON.parse(text.split('\n').find((line) => line.startsWith('{'))!);
    expect(json).toMatchObject({ room: 'kitchen', at: 'countertop 1', holding: null });
  });

  it('ascii-map draws the house with its legend', async () => {
    const text = await userPrompt('ascii-map', [], 1);
    expect(text).toContain('################');
    expect(text).toContain('@');
  });

  it('changes reports what newly came into view', async () => {
    const text = await userPrompt('changes', ['go to countertop 1', 'look'], 2);
    expect(text).toContain('New since last step: apple 1 at countertop 1, knife 1 at countertop 1.');
    expect(await userPrompt('changes', ['go to countertop 1', 'look'], 3)).toContain('Nothing new in view.');
  });

  it.each([[1, ['> inventory'], ['> look']], [3, ['> look', '> inventory'], []]])('history-window of size %i shows the last steps only', async (size, shown, hidden) => {
    const text = await userPrompt('history-window', ['look', 'look', 'inventory'], 4, { size });
    for (const line of shown) expect(text).toContain(line);
    for (const line of hidden) expect(text).not.toContain(line);
  });
});
