/**
 * The reference every bridge is measured against: `python bridge.py --native-loop` plays given
 * action lists with the package's own loop (no Hearth, no protocol) and reports its texts and
 * timings. Parity tests compare observations; the benchmark compares steps per second.
 *
 * Contract for a peer's bridge.py: read {params, episodes: [{task: {id, …}, seed, actions}]} as JSON
 * on stdin; print {episodes: [{observation, observations, resetSeconds, stepSeconds}]} as one JSON
 * line on stdout — `observation` the package's first text as it gives it, `observations` one text
 * per action, `resetSeconds` making and resetting the env, `stepSeconds` all the steps together.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { EnvError, type EnvTask } from '../protocol.ts';
import type { PeerDefinition } from '../peers/peer-definition.ts';
import { requirePeerPython } from '../install/peer-status.ts';
import { BRIDGE_LIB_DIR } from './python-bridge.ts';

export interface NativeEpisode {
  task: EnvTask;
  seed: number;
  actions: string[];
}

export interface NativeEpisodeResult {
  observation: string;
  observations: string[];
  resetSeconds: number;
  stepSeconds: number;
}

export async function runNativeLoop(peer: PeerDefinition, params: Record<string, unknown>, episodes: NativeEpisode[], options: { python?: string; timeoutMs?: number } = {}): Promise<NativeEpisodeResult[]> {
  const python = options.python ?? requirePeerPython(peer);
  const request = { params, episodes: episodes.map(({ task, seed, actions }) => ({ task: { id: task.id, taskType: task.taskType ?? null }, seed, actions })) };
  const pythonPath = [BRIDGE_LIB_DIR, process.env.PYTHONPATH].filter(Boolean).join(path.delimiter);
  return new Promise((resolve, reject) => {
    const child = spawn(python, ['-u', peer.bridgeScript, '--native-loop'], { stdio: ['pipe', 'pipe', 'pipe'], detached: true, env: { ...process.env, PYTHONPATH: pythonPath, PYTHONUNBUFFERED: '1' } });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // gone already
      }
    }, options.timeoutMs ?? 600_000);
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-4000)));
    child.on('error', (error) => reject(new EnvError('missing', `${peer.id} native loop: cannot start ${python}: ${error.message}`)));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code !== 0) return reject(new EnvError('crashed', `${peer.id} native loop failed (${signal ?? `exit code ${code}`}); stderr ends with:\n${stderr.trim().slice(-1500)}`));
      try {
        resolve((JSON.parse(stdout.trim().split('\n').at(-1)!) as { episodes: NativeEpisodeResult[] }).episodes);
      } catch {
        reject(new EnvError('protocol', `${peer.id} native loop printed no JSON result: ${JSON.stringify(stdout.slice(0, 200))}`));
      }
    });
    child.stdin.end(JSON.stringify(request));
  });
}
