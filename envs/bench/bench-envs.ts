/**
 * `npm run bench:envs [-- --json] [--peer ID] [--steps N] [--seed S]`: what Hearth's bridge costs.
 * Per installed peer: random play (seeded, from the valid actions) through the protocol, then the
 * very same actions in the package's own Python loop (`bridge.py --native-loop`); steps per second
 * of each and their ratio (goal ≥ 0.9), and the cold start (spawn + hello + first reset).
 */
import { performance } from 'node:perf_hooks';
import { ALL_PEERS } from '../peers/all-peers.ts';
import type { PeerDefinition, PeerSuite } from '../peers/peer-definition.ts';
import type { EnvTask } from '../protocol.ts';
import { bridgeParams, openPeerEnv } from '../bridge/bridge-env.ts';
import { runNativeLoop, type NativeEpisode } from '../bridge/native-loop.ts';
import { peerStatus } from '../install/peer-status.ts';

interface PeerBench {
  peer: string;
  version: string;
  suite: string;
  tasks: string[];
  steps: number;
  protocolStepsPerSecond: number;
  nativeStepsPerSecond: number;
  /** protocol / native steps per second; 1 = the bridge costs nothing. */
  ratio: number;
  coldStartSeconds: { total: number; spawnAndHello: number; firstReset: number };
  meanResetSeconds: { protocol: number; native: number };
}

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1]! : fallback;
}

/** A small seeded generator (mulberry32): the same seed, the same actions. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The first suite of the peer whose tasks can be listed here. */
function playableSuite(peer: PeerDefinition): { suite: PeerSuite; tasks: EnvTask[] } | null {
  for (const suite of peer.suites()) {
    try {
      const tasks = suite.tasks();
      if (tasks.length) return { suite, tasks };
    } catch {
      // not available here (a split that needs a download); try the next
    }
  }
  return null;
}

async function benchPeer(peer: PeerDefinition, totalSteps: number, seed: number, log: (line: string) => void): Promise<PeerBench | string> {
  const status = peerStatus(peer);
  if (status.problem) return `${peer.id}: skipped — ${status.problem}`;
  const playable = playableSuite(peer);
  if (!playable) return `${peer.id}: skipped — none of its suites lists tasks here`;
  const { suite, tasks } = playable;
  const perEpisode = Math.min(suite.stepLimit, 50);
  const episodes = Math.ceil(totalSteps / perEpisode);
  const chosen = Array.from({ length: episodes }, (_, i) => tasks[Math.floor((i * tasks.length) / episodes)]!);
  const pick = random(seed);

  let started = performance.now();
  const env = await openPeerEnv(peer, suite);
  const spawnAndHello = (performance.now() - started) / 1000;
  const played: NativeEpisode[] = [];
  let stepSeconds = 0;
  let resetSeconds = 0;
  let firstReset = 0;
  try {
    for (const [i, task] of chosen.entries()) {
      started = performance.now();
      const reset = await env.reset({ task, seed: seed + i });
      const took = (performance.now() - started) / 1000;
      if (i === 0) firstReset = took;
      resetSeconds += took;
      let valid = reset.validActions;
      const actions: string[] = [];
      const budget = Math.min(perEpisode, totalSteps - played.reduce((sum, e) => sum + e.actions.length, 0));
      for (let step = 0; step < budget; step++) {
        const action = valid[Math.floor(pick() * valid.length)] ?? 'look';
        started = performance.now();
        const answer = await env.step(action);
        stepSeconds += (performance.now() - started) / 1000;
        actions.push(action);
        valid = answer.validActions;
        if (answer.done) break;
      }
      played.push({ task, seed: seed + i, actions });
      log(`${peer.id}: ${task.id}: ${actions.length} steps through the protocol`);
    }
  } finally {
    await env.close();
  }
  log(`${peer.id}: replaying ${played.length} episodes in the package's own loop`);
  const native = await runNativeLoop(peer, bridgeParams(suite), played);
  const steps = played.reduce((sum, e) => sum + e.actions.length, 0);
  const nativeStepSeconds = native.reduce((sum, e) => sum + e.stepSeconds, 0);
  const protocolStepsPerSecond = steps / stepSeconds;
  const nativeStepsPerSecond = steps / nativeStepSeconds;
  return {
    peer: peer.id,
    version: status.version ?? peer.version,
    suite: suite.name,
    tasks: chosen.map((t) => t.id),
    steps,
    protocolStepsPerSecond,
    nativeStepsPerSecond,
    ratio: protocolStepsPerSecond / nativeStepsPerSecond,
    coldStartSeconds: { total: spawnAndHello + firstReset, spawnAndHello, firstReset },
    meanResetSeconds: { protocol: resetSeconds / played.length, native: native.reduce((sum, e) => sum + e.resetSeconds, 0) / native.length },
  };
}

const json = process.argv.includes('--json');
const only = option('peer', '');
const totalSteps = Number(option('steps', '200'));
const seed = Number(option('seed', '1'));
const log = (line: string) => {
  if (!json) console.error(line);
};
const results: PeerBench[] = [];
const skipped: string[] = [];
for (const peer of ALL_PEERS.filter((p) => !only || p.id === only)) {
  const result = await benchPeer(peer, totalSteps, seed, log);
  if (typeof result === 'string') skipped.push(result);
  else results.push(result);
}
if (json) {
  console.log(JSON.stringify({ steps: totalSteps, seed, results, skipped }, null, 1));
} else {
  for (const line of skipped) console.log(line);
  for (const r of results) {
    console.log(`${r.peer} (${r.version}, ${r.suite}, ${r.steps} steps over ${r.tasks.length} tasks)`);
    console.log(`  protocol ${r.protocolStepsPerSecond.toFixed(1)} steps/s, native ${r.nativeStepsPerSecond.toFixed(1)} steps/s, ratio ${r.ratio.toFixed(2)} ${r.ratio >= 0.9 ? '(ok ≥ 0.9)' : '(BELOW the 0.9 goal)'}`);
    console.log(`  cold start ${r.coldStartSeconds.total.toFixed(2)} s (spawn + hello ${r.coldStartSeconds.spawnAndHello.toFixed(2)} s, first reset ${r.coldStartSeconds.firstReset.toFixed(2)} s); mean reset ${r.meanResetSeconds.protocol.toFixed(2)} s (native make + reset ${r.meanResetSeconds.native.toFixed(2)} s)`);
  }
}
