/** The Live view's step gate: play, pause, single steps, speed and stop, with retries passing. */
import { describe, expect, it } from 'vitest';
import { GateStopped, StepGate } from './step-gate.ts';

const settled = async (promise: Promise<unknown>): Promise<boolean> => {
  let done = false;
  void promise.then(() => (done = true), () => (done = true));
  for (let i = 0; i < 5; i++) await Promise.resolve();
  await new Promise((resolve) => setTimeout(resolve, 5));
  return done;
};

describe('StepGate', () => {
  it('admits every step at once while playing with no delay, and retries of a step pass', async () => {
    const gate = new StepGate({ paused: false, delayMs: 0 });
    await gate.admit(1);
    await gate.admit(1);
    await gate.admit(2);
  });

  it('holds a paused episode until step() lets exactly one more decision through', async () => {
    const waiting: number[] = [];
    const gate = new StepGate({ paused: true, delayMs: 0, onWaiting: (step) => waiting.push(step) });
    const first = gate.admit(1);
    expect(await settled(first)).toBe(false);
    expect(waiting).toEqual([1]);
    gate.step();
    expect(await settled(first)).toBe(true);
    await gate.admit(1); // a retry of the admitted step
    const second = gate.admit(2);
    expect(await settled(second)).toBe(false);
    gate.play();
    expect(await settled(second)).toBe(true);
  });

  it('pauses between steps for the delay while playing', async () => {
    const gate = new StepGate({ paused: false, delayMs: 80 });
    await gate.admit(1);
    const started = Date.now();
    await gate.admit(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(70);
  });

  it('after stop() the next step (and any retry) fails with GateStopped', async () => {
    const gate = new StepGate({ paused: true, delayMs: 0 });
    const held = gate.admit(1);
    gate.stop();
    await expect(held).rejects.toBeInstanceOf(GateStopped);
    await expect(gate.admit(1)).rejects.toBeInstanceOf(GateStopped);
    expect(gate.isStopped).toBe(true);
  });
});
