import { describe, expect, it } from 'vitest';
import { HOT_MUG_PLAN, eventsOf, runScripted, testSpec } from '../testing/harness-test-kit.ts';

type Message = { role: string; content: string };
const messagesOf = (input: unknown): Message[] => (input as { messages: Message[] }).messages;

async function transcriptCalls(params: object, replies = HOT_MUG_PLAN, extra: object = {}): Promise<Message[][]> {
  const spec = testSpec({ summarizers: [{ part: 'observation-text' }], promptBuilder: { part: 'chat-transcript', params }, ...extra });
  const trace = await runScripted(spec, replies);
  return eventsOf(trace, 'model-call').map((event) => messagesOf(event.input));
}

describe('prompt builders', () => {
  it('chat-prompt puts the goal, the sections and the valid actions in one user turn', async () => {
    const trace = await runScripted(testSpec({ summarizers: [{ part: 'observation-text' }] }), ['go to countertop 1']);
    const [system, user] = messagesOf(eventsOf(trace, 'model-call')[1]!.input);
    expect(system!.role).toBe('system');
    expect(user!.content).toMatch(/^Goal: .*mug/);
    expect(user!.content).toContain('Valid actions:\n');
    expect(user!.content).toContain('You arrive at the countertop 1');
  });

  it('chat-transcript only appends: every earlier turn of a call is repeated unchanged in the next one', async () => {
    const calls = await transcriptCalls({ maxTurns: 20 });
    expect(calls.length).toBe(HOT_MUG_PLAN.length);
    for (let i = 1; i < calls.length; i++) {
      const before = calls[i - 1]!;
      const now = calls[i]!;
      // All but the previous (current) user turn are identical; that turn keeps its sections and loses its action list.
      expect(now.slice(0, before.length - 1)).toEqual(before.slice(0, -1));
      expect(before.at(-1)!.content.startsWith(now[before.length - 1]!.content)).toBe(true);
      expect(now[before.length]).toEqual({ role: 'assistant', content: HOT_MUG_PLAN[i - 1] });
    }
    expect(calls.at(-1)![0]!.content).toMatch(/Goal: .*mug/);
  });

  it('chat-transcript lists valid actions only in the current turn', async () => {
    const calls = await transcriptCalls({ maxTurns: 20 });
    const last = calls.at(-1)!;
    expect(last.filter((message) => message.content.includes('Valid actions:'))).toHaveLength(1);
    expect(last.at(-1)!.content).toContain('Valid actions:\n');
    expect(last.at(-1)!.content.endsWith('Your next action:')).toBe(true);
  });

  it('chat-transcript drops old turns in blocks, so the prefix stays stable between drops', async () => {
    const calls = await transcriptCalls({ maxTurns: 4 });
    const exchanges = calls.map((messages) => (messages.length - 2) / 2);
    expect(exchanges).toEqual([0, 1, 2, 3, 4, 2, 3]);
    expect(Math.max(...exchanges)).toBeLessThanOrEqual(4);
  });

  it('chat-transcript can group the valid actions by verb', async () => {
    const calls = await transcriptCalls({ actionList: 'grouped' });
    const user = calls[0]!.at(-1)!.content;
    expect(user).toMatch(/\ngo to [a-z]+ 1 \| [a-z]+ 1/);
    expect(user.match(/\ngo to /g)).toHaveLength(1);
  });
});
