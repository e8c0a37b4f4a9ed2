/**
 * ALFWorld through Hearth's protocol, against the real package: walkthroughs win, the same seed and
 * actions give the same texts, and the texts equal the package's own Python loop. Also its suites
 * (frozen manifests), a missing venv, damaged games and a killed bridge. The tests that play need the
 * venv (`hearth envs install alfworld`); they are skipped without it unless HEARTH_REQUIRE_PEERS=1 (CI).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EnvError, type EnvTask, type StepAnswer } from '../protocol.ts';
import { bridgeParams, openPeerEnv, type PeerEnvironment } from '../bridge/bridge-env.ts';
import { runNativeLoop } from '../bridge/native-loop.ts';
import { peerStatus } from '../install/peer-status.ts';
import { alfworldPeer, alfworldSuites } from './alfworld.ts';
import { SHARED_ALFWORLD_DATA } from './alfworld-data.ts';

const required = Boolean(process.env.HEARTH_REQUIRE_PEERS);
const hasData = fs.existsSync(SHARED_ALFWORLD_DATA) || Boolean(process.env.ALFWORLD_DATA);
const canPlay = required || (peerStatus(alfworldPeer).installed && hasData);
const suite = (name: string, dataDir?: string) => alfworldSuites(dataDir).find((s) => s.name === `alfworld:${name}`)!;

async function errorOf(run: () => unknown): Promise<EnvError> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return error as EnvError;
  }
  throw new Error('expected an EnvError');
}

const tempDirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-alfworld-'));
  tempDirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!hasData && !required)('ALFWorld suites (no venv needed)', () => {
  it('valid_seen (140) and valid_train (200) list their frozen games in sorted order, with task types and hashes', () => {
    const seen = suite('valid_seen').tasks();
    expect(seen).toHaveLength(140);
    expect(suite('valid_train').tasks()).toHaveLength(200);
    expect(seen.map((t) => t.id)).toEqual(seen.map((t) => t.id).sort());
    expect(new Set(seen.map((t) => t.taskType))).toEqual(new Set(['pick_and_place_simple', 'pick_two_obj_and_place', 'pick_clean_then_place_in_recep', 'pick_heat_then_place_in_recep', 'pick_cool_then_place_in_recep', 'look_at_obj_in_light']));
    expect(seen[0]).toMatchObject({ id: expect.stringMatching(/^valid_seen\/look_at_obj_in_light-[^/]+\/trial_[^/]+$/), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(suite('valid_seen').stepLimit).toBe(50);
  });

  it('valid_unseen without a download: EnvError(missing) saying where it looked and how to get it', async () => {
    const error = await errorOf(() => suite('valid_unseen', SHARED_ALFWORLD_DATA).tasks());
    expect(error.kind).toBe('missing');
    expect(error.message).toContain(path.join(SHARED_ALFWORLD_DATA, 'json_2.1.1', 'valid_unseen'));
    expect(error.message).toMatch(/alfworld-download/);
    expect(error.message).toMatch(/ALFWORLD_DATA/);
  });

  it('a game that differs from the frozen manifest is EnvError(task) naming the file', async () => {
    const data = tempDir();
    const split = path.join(data, 'json_2.1.1', 'valid_seen');
    fs.mkdirSync(split, { recursive: true });
    const source = path.join(SHARED_ALFWORLD_DATA, 'json_2.1.1', 'valid_seen');
    const [first, ...rest] = fs.readdirSync(source).sort();
    for (const folder of rest) fs.symlinkSync(path.join(source, folder), path.join(split, folder));
    fs.cpSync(path.join(source, first!), path.join(split, first!), { recursive: true });
    const trial = fs.readdirSync(path.join(split, first!)).sort()[0]!;
    const game = path.join(split, first!, trial, 'game.tw-pddl');
    fs.appendFileSync(game, ' ');
    const error = await errorOf(() => suite('valid_seen', data).tasks());
    expect(error.kind).toBe('task');
    expect(error.message).toContain(game);
    expect(error.message).toMatch(/frozen manifest/);
  });
});

describe('ALFWorld without its venv', () => {
  const saved = process.env.HEARTH_ENVS_DIR;
  afterEach(() => {
    if (saved === undefined) delete process.env.HEARTH_ENVS_DIR;
    else process.env.HEARTH_ENVS_DIR = saved;
  });

  it('opening it is EnvError(missing) naming `hearth envs install alfworld`', async () => {
    process.env.HEARTH_ENVS_DIR = tempDir();
    expect(peerStatus(alfworldPeer).installed).toBe(false);
    const error = await errorOf(() => openPeerEnv(alfworldPeer, alfworldSuites()[0]!));
    expect(error.kind).toBe('missing');
    expect(error.message).toContain('hearth envs install alfworld');
    expect(error.message).toContain(process.env.HEARTH_ENVS_DIR);
  });
});

describe.skipIf(!canPlay)('ALFWorld played through the protocol (real package)', () => {
  const valid = () => suite('valid_seen');
  let walkthroughEnv: PeerEnvironment;
  /** Three games of different task types. */
  let games: EnvTask[];
  beforeAll(async () => {
    const tasks = valid().tasks();
    games = ['look_at_obj_in_light', 'pick_and_place_simple', 'pick_two_obj_and_place'].map((type) => tasks.find((t) => t.taskType === type)!);
    walkthroughEnv = await openPeerEnv(alfworldPeer, valid(), { walkthrough: true });
  });
  afterAll(async () => {
    await walkthroughEnv?.close();
  });

  async function play(env: PeerEnvironment, task: EnvTask, seed: number, actions?: string[]) {
    const reset = await env.reset({ task, seed });
    const steps: StepAnswer[] = [];
    for (const action of actions ?? reset.walkthrough!) steps.push(await env.step(action));
    return { reset, steps, actions: actions ?? reset.walkthrough! };
  }

  it('walkthroughs win 3 games; the same seed and actions give the same texts; they equal the package’s own loop', async () => {
    const first: Awaited<ReturnType<typeof play>>[] = [];
    for (const game of games) {
      const run = await play(walkthroughEnv, game, 7);
      expect(run.reset.info).toEqual({ stepLimit: 50, taskType: game.taskType });
      expect(run.reset.goal.length).toBeGreaterThan(5);
      expect(run.reset.observation).toMatch(/^-= Welcome to TextWorld, ALFRED! =-/);
      expect(run.actions.length).toBeGreaterThan(0);
      expect(run.steps.at(-1)).toMatchObject({ won: true, done: true, truncated: false, score: 1, reward: 1 });
      expect(run.steps.slice(0, -1).every((s) => !s.done && s.score === 0 && s.info.success)).toBe(true);
      expect(run.steps.map((s) => s.info.step)).toEqual(run.actions.map((_, i) => i + 1));
      first.push(run);
    }
    // Again (the bridge restarts a game it has loaded): identical.
    for (const [i, game] of games.entries()) {
      const again = await play(walkthroughEnv, game, 7, first[i]!.actions);
      expect(again.reset).toEqual(first[i]!.reset);
      expect(again.steps).toEqual(first[i]!.steps);
    }
    // The package's own loop, fresh process, same actions: the same texts.
    const native = await runNativeLoop(alfworldPeer, bridgeParams(valid()), games.map((task, i) => ({ task, seed: 7, actions: first[i]!.actions })));
    for (const [i, run] of first.entries()) {
      expect(native[i]!.observation).toBe(`${run.reset.observation}\n\nYour task is to: ${run.reset.goal}`);
      expect(native[i]!.observations).toEqual(run.steps.map((s) => s.observation));
    }
  });

  it('per step: `Nothing happens.` is no-effect, an inadmissible action is not-valid (and still sent)', async () => {
    await walkthroughEnv.reset({ task: games[0]!, seed: 0 });
    const notValid = await walkthroughEnv.step('fly to the moon');
    expect(notValid).toMatchObject({ observation: 'Nothing happens.', feedback: 'Nothing happens.', reward: 0, score: 0, done: false, info: { success: false, reason: 'not-valid' } });
    expect(notValid.validActions).toContain('look');
  });

  it('a damaged or missing game file is EnvError(task) with its path; the bridge goes on', async () => {
    const data = tempDir();
    const folder = path.join(data, 'json_2.1.1', 'valid_seen', 'pick_and_place_simple-Broken-None-Shelf-1', 'trial_1');
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, 'game.tw-pddl'), '{"pddl_domain": "(define');
    const env = await openPeerEnv(alfworldPeer, { 'alfworld-data': data }, { stepLimit: 50 });
    try {
      const damaged = await errorOf(() => env.reset({ task: { id: 'valid_seen/pick_and_place_simple-Broken-None-Shelf-1/trial_1' }, seed: 0 }));
      expect(damaged.kind).toBe('task');
      expect(damaged.message).toContain(path.join(folder, 'game.tw-pddl'));
      const missing = await errorOf(() => env.reset({ task: { id: 'valid_seen/no-such-task/trial_9' }, seed: 0 }));
      expect(missing.kind).toBe('task');
      expect(missing.message).toMatch(/no-such-task\/trial_9\/game\.tw-pddl does not exist/);
      expect(env.bridgePid).toBeTypeOf('number');
    } finally {
      await env.close();
    }
  });

  it('kill -9 of the bridge mid-episode: the step is EnvError(crashed); the next reset starts a new bridge', async () => {
    const env = await openPeerEnv(alfworldPeer, valid());
    try {
      await env.reset({ task: games[1]!, seed: 0 });
      await env.step('look');
      const pid = env.bridgePid!;
      process.kill(pid, 'SIGKILL');
      const error = await errorOf(() => env.step('look'));
      expect(error.kind).toBe('crashed');
      expect(error.message).toMatch(/killed by SIGKILL/);
      expect(() => process.kill(pid, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }));
      expect((await errorOf(() => env.step('look'))).kind).toBe('usage');
      const reset = await env.reset({ task: games[1]!, seed: 0 });
      expect(reset.validActions).toContain('look');
      expect(env.bridgePid).not.toBe(pid);
      expect((await env.step('look')).info.step).toBe(1);
    } finally {
      await env.close();
    }
  });
});
