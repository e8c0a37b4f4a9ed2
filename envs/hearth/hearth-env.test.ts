import { describe, expect, it } from 'vitest';
import { twoRoomHouse } from '../../sim/index.ts';
import { EnvError } from '../protocol.ts';
import { createHearthEnvironment, envKeyOf } from './hearth-env.ts';

const PLAN = ['go to cabinet 1', 'open cabinet 1', 'take mug 1 from cabinet 1', 'go to microwave 1', 'heat mug 1 with microwave 1', 'go to countertop 1', 'put mug 1 in/on countertop 1'];
const task = () => ({ id: 'two-room', data: twoRoomHouse({ stepLimit: 12 }) });

async function play(view: 'full' | 'text', actions: string[]) {
  const env = createHearthEnvironment({ view });
  const reset = await env.reset({ task: task(), seed: 3 });
  const steps = [];
  for (const action of actions) steps.push(await env.step(action));
  return { env, reset, steps };
}

describe("Hearth's simulator through the environment protocol", () => {
  it('plays a scenario to a win: goal, observation and valid actions at reset; reward, score and done at the end', async () => {
    const { reset, steps } = await play('full', PLAN);
    expect(reset.protocolVersion).toBe(1);
    expect(reset.goal).toMatch(/mug/);
    expect(reset.validActions).toContain('go to cabinet 1');
    expect(reset.info).toEqual({ stepLimit: 12, taskType: null });
    expect(reset.structure?.goalTree).toBeTruthy();
    expect(steps.slice(0, -1).every((s) => !s.done && s.score === 0)).toBe(true);
    expect(steps.at(-1)).toMatchObject({ done: true, won: true, truncated: false, reward: 1, score: 1, info: { step: 7, success: true, reason: 'ok' } });
  });

  it('text view: no structure anywhere, reasons only ok / no-effect — what ALFWorld gives', async () => {
    const { env, reset, steps } = await play('text', ['take mug 1 from cabinet 1', 'go to cabinet 1']);
    expect(env.description.capabilities).toEqual([]);
    expect(reset.structure).toBeUndefined();
    expect(steps.map((s) => s.structure)).toEqual([undefined, undefined]);
    expect(steps.map((s) => [s.info.success, s.info.reason])).toEqual([[false, 'no-effect'], [true, 'ok']]);
    const full = await play('full', ['take mug 1 from cabinet 1']);
    expect(full.steps[0]!.info.reason).not.toBe('no-effect');
    expect(full.steps[0]!.feedback).toBe(steps[0]!.feedback);
  });

  it('same task, seed and actions → the same answers; step after the end is a usage error', async () => {
    const a = await play('full', PLAN);
    const b = await play('full', PLAN);
    expect(JSON.stringify(b.steps)).toBe(JSON.stringify(a.steps));
    expect(await a.env.stateHash()).toBe(await b.env.stateHash());
    await expect(a.env.step('look')).rejects.toBeInstanceOf(EnvError);
  });

  it('a task without a scenario is a task error', async () => {
    await expect(createHearthEnvironment().reset({ task: { id: 'x' }, seed: 0 })).rejects.toMatchObject({ kind: 'task' });
  });

  it('names its environment in log keys: the full view keeps the physics mode alone (old logs stay valid)', () => {
    expect(envKeyOf(createHearthEnvironment().description)).toBe('kinematic');
    expect(envKeyOf(createHearthEnvironment({ view: 'text', physics: 'matter' }).description)).toBe('matter+text');
  });
});
