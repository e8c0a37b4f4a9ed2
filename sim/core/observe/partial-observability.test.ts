import { describe, expect, it } from 'vitest';
import { createEnv } from '../env.ts';
import { twoRoomHouse } from '../test-worlds.ts';

/** Every place something could leak: the three views, the feedback and the valid actions. */
function everythingSeen(env: ReturnType<typeof createEnv>, result: { observation: { text: string; json: unknown; ascii: string }; feedback?: string }): string {
  return [result.observation.text, JSON.stringify(result.observation.json), result.observation.ascii, result.feedback ?? '', env.validActions().join('\n')].join('\n');
}

describe('partial observability', () => {
  it('a closed fridge hides its apple in all views and valid actions; opening it shows the apple', () => {
    const env = createEnv();
    const reset = env.reset({ scenario: twoRoomHouse(), seed: 1 });
    expect(everythingSeen(env, reset)).not.toContain('apple 2');
    const atFridge = env.step('go to fridge 1');
    expect(everythingSeen(env, atFridge)).not.toContain('apple 2');
    expect(everythingSeen(env, atFridge)).not.toContain('egg 1');
    expect(env.step('look').observation.text).not.toContain('apple 2');
    const opened = env.step('open fridge 1');
    for (const view of [opened.observation.text, JSON.stringify(opened.observation.json), opened.feedback]) expect(view).toContain('apple 2');
    expect(env.validActions()).toContain('take apple 2 from fridge 1');
    expect(opened.observation.text).toContain('The fridge 1 is open. In it, you see an apple 2 and an egg 1.');
  });

  it('closing the fridge again hides its contents', () => {
    const env = createEnv();
    env.reset({ scenario: twoRoomHouse(), seed: 1 });
    env.step('go to fridge 1');
    env.step('open fridge 1');
    const closed = env.step('close fridge 1');
    expect(everythingSeen(env, closed)).not.toContain('apple 2');
  });

  it('objects elsewhere are not visible; only the current receptacle and the hand', () => {
    const env = createEnv();
    env.reset({ scenario: twoRoomHouse(), seed: 1 });
    const result = env.step('go to countertop 1');
    expect(result.observation.json.visibleObjects.map((o) => o.id)).toEqual(['apple 1', 'knife 1']);
    env.step('take knife 1 from countertop 1');
    const away = env.step('go to diningtable 1');
    expect(away.observation.json.visibleObjects.map((o) => o.id).sort()).toEqual(['bread 1', 'knife 1', 'potato 1']);
    expect(everythingSeen(env, away)).not.toContain('apple 1');
  });

  it('a hidden object is "not visible", exactly like one that does not exist', () => {
    const env = createEnv();
    env.reset({ scenario: twoRoomHouse(), seed: 1 });
    env.step('go to fridge 1');
    const hidden = env.step('examine apple 2');
    const missing = env.step('examine apple 7');
    expect(hidden.info.reason).toBe('not-visible');
    expect(missing.info.reason).toBe('not-visible');
    expect(hidden.feedback.replace('apple 2', 'X')).toBe(missing.feedback.replace('apple 7', 'X'));
  });

  it('the ASCII map shows the agent, doors, furniture letters and a legend', () => {
    const env = createEnv();
    const reset = env.reset({ scenario: twoRoomHouse(), seed: 0 }); // seed 0: the written start (a seed > 0 moves the agent);
    const lines = reset.observation.ascii.split('\n');
    expect(lines[3]).toBe('#.@E.../.......#');
    expect(reset.observation.ascii).toContain('G fridge 1');
    env.step('close door 1');
    expect(env.step('look').observation.ascii.split('\n')[3]).toContain('+');
  });
});
