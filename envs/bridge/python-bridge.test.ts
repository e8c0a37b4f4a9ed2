/**
 * The bridge's fault handling, with a fake bridge that misbehaves on command (testing/fake_bridge.py,
 * run by the system python3): each fault is an EnvError of the right kind, the next reset works
 * again, and no process of the bridge's group is left alive.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { EnvError } from '../protocol.ts';
import type { PeerDefinition } from '../peers/peer-definition.ts';
import { openPeerEnv, type PeerEnvironment } from './bridge-env.ts';
import { PythonBridge } from './python-bridge.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const FAKE = path.join(here, 'testing', 'fake_bridge.py');
const PYTHON = process.env.HEARTH_TEST_PYTHON ?? 'python3';

const fakePeer: PeerDefinition = {
  id: 'fake',
  title: 'a misbehaving test bridge',
  requirements: [],
  version: 'fake 1.0',
  needsJava: false,
  importCheck: 'pass',
  bridgeScript: FAKE,
  suites: () => [],
};

/** Is the process there (a zombie left to an init that does not reap counts as gone)? */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
  try {
    return fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return false;
  }
}

/** A grandchild dies of the group's SIGKILL a moment after it is sent: wait up to 3 s. */
async function gone(pid: number): Promise<boolean> {
  for (let waited = 0; waited < 3000 && alive(pid); waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
  return !alive(pid);
}

/** process.kill(pid, 0) must throw ESRCH: the bridge itself is gone and reaped. */
function expectGone(pid: number | undefined): void {
  expect(pid).toBeTypeOf('number');
  expect(() => process.kill(pid!, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }));
}

async function rejection(promise: Promise<unknown>): Promise<EnvError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return error as EnvError;
  }
  throw new Error('expected an EnvError, got an answer');
}

const opened: PeerEnvironment[] = [];
async function open(options: { stepLimit?: number; stepTimeout?: number } = {}): Promise<PeerEnvironment> {
  const env = await openPeerEnv(fakePeer, { stepLimit: 10 }, { python: PYTHON, stepLimit: options.stepLimit ?? 10, timeouts: { step: options.stepTimeout ?? 10_000 } });
  opened.push(env);
  return env;
}
const task = (id: string) => ({ id });

afterEach(async () => {
  for (const env of opened.splice(0)) await env.close();
});

describe('a Python bridge behind the environment protocol', () => {
  it('plays an episode: reset, steps, won and done; a step after the end is a usage error', async () => {
    const env = await open();
    const reset = await env.reset({ task: task('one'), seed: 4 });
    expect(reset).toMatchObject({ protocolVersion: 1, goal: 'say inc three times', observation: 'count 0 (seed 4)', validActions: ['inc', 'noop'], info: { stepLimit: 10, taskType: 'counting' } });
    expect(await env.step('noop')).toMatchObject({ observation: 'Nothing happens.', done: false, info: { step: 1, success: false, reason: 'no-effect' } });
    await env.step('inc');
    await env.step('inc');
    expect(await env.step('inc')).toMatchObject({ won: true, done: true, truncated: false, score: 1, reward: 1, info: { step: 4 } });
    expect((await rejection(env.step('inc'))).kind).toBe('usage');
  });

  it('Hearth enforces the step limit: at the limit without a win, truncated and done', async () => {
    const env = await open({ stepLimit: 2 });
    const reset = await env.reset({ task: task('one'), seed: 0 });
    expect(reset.info.stepLimit).toBe(2);
    expect(await env.step('noop')).toMatchObject({ done: false, truncated: false });
    expect(await env.step('inc')).toMatchObject({ done: true, truncated: true, won: false, info: { step: 2 } });
    expect((await rejection(env.step('inc'))).message).toMatch(/step limit 2/);
  });

  it('no answer in time: timeout, the process group is killed, the next reset starts a new bridge', async () => {
    const env = await open({ stepTimeout: 800 });
    await env.reset({ task: task('one'), seed: 0 });
    const pid = env.bridgePid;
    const error = await rejection(env.step('sleep'));
    expect(error.kind).toBe('timeout');
    expect(error.message).toMatch(/no answer to 'step' within 0\.8 s/);
    expectGone(pid);
    expect((await rejection(env.step('inc'))).kind).toBe('usage');
    await env.reset({ task: task('one'), seed: 0 });
    expect(env.bridgePid).not.toBe(pid);
    expect((await env.step('inc')).info.step).toBe(1);
  });

  it('a line that is not JSON, or an answer with the wrong id: protocol error quoting the line; the bridge is killed', async () => {
    const env = await open();
    await env.reset({ task: task('one'), seed: 0 });
    let pid = env.bridgePid;
    const garbage = await rejection(env.step('garbage'));
    expect(garbage.kind).toBe('protocol');
    expect(garbage.message).toContain('"this is not json {"');
    expectGone(pid);
    await env.reset({ task: task('one'), seed: 0 });
    pid = env.bridgePid;
    const wrongId = await rejection(env.step('wrong-id'));
    expect(wrongId.kind).toBe('protocol');
    expect(wrongId.message).toMatch(/id 999 but Hearth expected answer id \d+ \('step'\)/);
    expectGone(pid);
    expect((await env.reset({ task: task('one'), seed: 0 })).goal).toMatch(/inc/);
  });

  it('the process exits mid-call: crashed, with its exit code and the end of its stderr', async () => {
    const env = await open();
    await env.reset({ task: task('one'), seed: 0 });
    const pid = env.bridgePid;
    const error = await rejection(env.step('exit'));
    expect(error.kind).toBe('crashed');
    expect(error.message).toMatch(/exited \(exit code 3\) during 'step'/);
    expect(error.message).toContain('fake bridge: exiting on purpose');
    expectGone(pid);
    expect((await env.reset({ task: task('one'), seed: 0 })).observation).toBe('count 0 (seed 0)');
  });

  it('an error answer keeps its kind and the bridge; a malformed answer names the bad field', async () => {
    const env = await open();
    const pid = env.bridgePid;
    const taskError = await rejection(env.reset({ task: task('task-error'), seed: 0 }));
    expect(taskError.kind).toBe('task');
    expect(taskError.message).toContain("no such task 'task-error'");
    await env.reset({ task: task('one'), seed: 0 });
    expect(env.bridgePid).toBe(pid);
    const shape = await rejection(env.step('bad-shape'));
    expect(shape.kind).toBe('protocol');
    expect(shape.message).toMatch(/bad field 'feedback'/);
  });

  it('close and faults take the whole process group (a grandchild too); close is safe twice', async () => {
    const env = await open();
    await env.reset({ task: task('one'), seed: 0 });
    const grandchild = Number((await env.step('spawn')).observation.split(' ')[1]);
    const pid = env.bridgePid;
    expect(alive(grandchild)).toBe(true);
    await env.close();
    await env.close();
    expectGone(pid);
    expect(await gone(grandchild)).toBe(true);
    expect((await rejection(env.reset({ task: task('one'), seed: 0 }))).kind).toBe('usage');
  });

  it('a missing interpreter is EnvError(missing)', async () => {
    const bridge = new PythonBridge({ python: '/nonexistent/bin/python', script: FAKE, label: 'fake bridge' });
    expect((await rejection(bridge.call('hello', {}))).kind).toBe('missing');
    await bridge.close();
  });

  it.each(['exit', 'return'])('Node ending without close (%s) leaves no bridge process behind', async (mode) => {
    const out = execFileSync(process.execPath, ['cli/run-ts.js', path.join(here, 'testing', 'open-and-exit.ts'), mode], { cwd: repo, encoding: 'utf8', timeout: 30_000 });
    const { bridge, grandchild } = JSON.parse(out.trim().split('\n').at(-1)!) as { bridge: number; grandchild: number };
    expect(await gone(bridge)).toBe(true);
    expect(await gone(grandchild)).toBe(true);
  });
});
