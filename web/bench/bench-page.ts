/**
 * The frame-time bench page (web/bench/bench.html): the world view draws the 200-body house
 * (bench-scene.ts) and the agent walks round it without pause — each arrival starts the next
 * `go to`, a full redraw plus a walk animation — while requestAnimationFrame timestamps are
 * collected for `seconds` — and on until there are `minFrames` of them (so the p95 rests on enough
 * frames), for at most `maxSeconds` — after `warmup` seconds of the same (shader compilation,
 * first textures). The result goes to `window.hearthBench` (read by bench-frame-time.ts).
 * Query: `?seconds=5&minFrames=200&maxSeconds=120&warmup=1&bodies=200&physics=kinematic|matter&speed=1x|4x|instant`.
 */
import { createEnvWithPhysics, type StepMotion } from '../../sim/index.ts';
import { nothingSeen, withObservation } from '../world/seen.ts';
import { WALK_SPEEDS, type WalkSpeed } from '../world/walk-tween.ts';
import { WorldView } from '../world/world-view.ts';
import { benchScene } from './bench-scene.ts';
import { frameStats, quantile, type FrameStats } from './frame-stats.ts';

export interface BenchPageResult extends FrameStats {
  formatVersion: 1;
  bodies: number;
  physics: 'kinematic' | 'matter';
  speed: WalkSpeed;
  seconds: number;
  /** Frames the measurement went on for at least (unless `maxSeconds` came first), and how long it took. */
  minFrames: number;
  maxSeconds: number;
  measuredSeconds: number;
  warmup: number;
  /** `go to` steps taken (each one a redraw of the whole house and a walk). */
  steps: number;
  /** Median and largest time of one redraw (the step, env stepping excluded), in ms. */
  drawMedianMs: number;
  drawMaxMs: number;
  /** The WebGL renderer the browser reports (SwiftShader in headless Chromium). */
  webgl: string;
}

declare global {
  interface Window {
    hearthBench?: { done: true; result: BenchPageResult } | { done: true; error: string };
  }
}

function webglRenderer(): string {
  const gl = document.createElement('canvas').getContext('webgl2') ?? document.createElement('canvas').getContext('webgl');
  if (!gl) return 'none';
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  return String(info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
}

async function run(): Promise<BenchPageResult> {
  const query = new URLSearchParams(location.search);
  const seconds = Number(query.get('seconds') ?? 5);
  const minFrames = Number(query.get('minFrames') ?? 200);
  const maxSeconds = Math.max(seconds, Number(query.get('maxSeconds') ?? 120));
  const warmup = Number(query.get('warmup') ?? 1);
  const bodies = Number(query.get('bodies') ?? 200);
  const physics = query.get('physics') === 'matter' ? 'matter' : 'kinematic';
  const speed = (WALK_SPEEDS as readonly string[]).includes(query.get('speed') ?? '') ? (query.get('speed') as WalkSpeed) : '1x';
  const { scenario, tour } = benchScene(bodies);
  let motion: StepMotion | null = null;
  const env = createEnvWithPhysics(physics, { onMotion: (m) => (motion = m) });
  const reset = env.reset({ scenario, seed: 0 });
  const seen = withObservation(nothingSeen(), reset.observation.json);
  const host = document.querySelector<HTMLElement>('#bench-world')!;
  const view = new WorldView(host, { maxWidth: 1240, maxHeight: 700 });
  view.walkSpeed = speed;
  await view.draw(env.getWorld(), env.getState(), seen);
  const drawTimes: number[] = [];
  let steps = 0;
  let busy = false;
  const next = async (): Promise<void> => {
    if (busy) return;
    busy = true;
    motion = null;
    const result = env.step(`go to ${tour[steps % tour.length]}`);
    if (!result.info.success) throw new Error(`bench walk failed at step ${steps}: ${result.feedback}`);
    steps++;
    const started = performance.now();
    await view.draw(env.getWorld(), env.getState(), seen, motion);
    drawTimes.push(performance.now() - started);
    busy = false;
  };
  const timestamps: number[] = [];
  await new Promise<void>((resolve, reject) => {
    let [begin, end, last] = [Infinity, Infinity, Infinity];
    const frame = (time: number): void => {
      if (begin === Infinity) [begin, end, last] = [time + warmup * 1000, time + (warmup + seconds) * 1000, time + (warmup + maxSeconds) * 1000];
      if (time >= begin) timestamps.push(time);
      if ((time >= end && timestamps.length > minFrames) || time >= last) return resolve();
      // The walk ended (or never started): go on to the next corner.
      if (host.dataset.walking !== 'true') next().catch(reject);
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
  const sortedDraws = [...drawTimes].sort((a, b) => a - b);
  return {
    formatVersion: 1, bodies, physics, speed, seconds, minFrames, maxSeconds, measuredSeconds: (timestamps.at(-1)! - timestamps[0]!) / 1000, warmup, steps, ...frameStats(timestamps),
    drawMedianMs: quantile(sortedDraws, 0.5), drawMaxMs: sortedDraws.at(-1) ?? Number.NaN, webgl: webglRenderer(),
  };
}

run().then(
  (result) => {
    window.hearthBench = { done: true, result };
    document.querySelector('#bench-result')!.textContent = JSON.stringify(result, null, 2);
  },
  (error: unknown) => {
    window.hearthBench = { done: true, error: error instanceof Error ? `${error.message}\n${error.stack}` : String(error) };
  },
);
