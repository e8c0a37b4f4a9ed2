/**
 * Frame times of the world view in headless Chromium: serves the repo with Vite's dev server,
 * opens web/bench/bench.html (a house with 200 movable bodies, the agent walking round it; see
 * bench-page.ts) with software WebGL, and prints median / p95 / max frame ms and fps measured
 * from requestAnimationFrame timestamps — over `--seconds` and at least `--min-frames` frames
 * (measuring longer when frames are slow, up to `--max-seconds`).
 * Usage: node cli/run-ts.js web/bench/bench-frame-time.ts [--json] [--seconds 5] [--min-frames 200] [--max-seconds 120] [--warmup 1] [--bodies 200]
 *        [--physics kinematic|matter] [--speed 1x|4x|instant]   (npm run bench:web -- …)
 */
import { Command, Option } from 'commander';
import type { BenchPageResult } from './bench-page.ts';
import { openDevPage } from './dev-page.ts';

const program = new Command('bench:web')
  .description('Frame times of the world view (200 bodies, the agent walking) in headless Chromium')
  .option('--json', 'print one JSON object')
  .option('--seconds <s>', 'how long to measure', '5')
  .option('--min-frames <n>', 'measure on (past --seconds) until this many frames, so the p95 means something', '200')
  .option('--max-seconds <s>', 'never measure longer than this', '120')
  .option('--warmup <s>', 'seconds of walking before measuring', '1')
  .option('--bodies <n>', 'movable bodies in the house', '200')
  .addOption(new Option('--physics <mode>', 'motion system').choices(['kinematic', 'matter']).default('kinematic'))
  .addOption(new Option('--speed <speed>', 'walk speed').choices(['1x', '4x', 'instant']).default('1x'))
  .parse();
const options = program.opts<{ json?: boolean; seconds: string; minFrames: string; maxSeconds: string; warmup: string; bodies: string; physics: string; speed: string }>();

async function main(): Promise<BenchPageResult> {
  const query = new URLSearchParams({ seconds: options.seconds, minFrames: options.minFrames, maxSeconds: options.maxSeconds, warmup: options.warmup, bodies: options.bodies, physics: options.physics, speed: options.speed });
  const { page, problems, close } = await openDevPage('web/bench/bench.html', `/web/bench/bench.html?${query}`);
  try {
    await page.waitForFunction(() => window.hearthBench?.done === true, null, { timeout: 120_000 + (Math.max(Number(options.seconds), Number(options.maxSeconds)) + Number(options.warmup)) * 1000 });
    const outcome = await page.evaluate(() => window.hearthBench!);
    if ('error' in outcome) throw new Error(`the bench page failed: ${outcome.error}`);
    if (problems.length > 0) throw new Error(`the bench page reported errors: ${problems.join('; ')}`);
    return outcome.result;
  } finally {
    await close();
  }
}

const result = await main();
if (options.json) console.log(JSON.stringify(result));
else {
  const ms = (value: number): string => `${value.toFixed(2)} ms`;
  console.log(`world view, ${result.bodies} bodies, ${result.physics}, walk ${result.speed}, ${result.measuredSeconds.toFixed(1)} s (WebGL: ${result.webgl})`);
  console.log(`  frames ${result.frames}, ${result.fps.toFixed(1)} fps; frame time median ${ms(result.medianMs)}, p95 ${ms(result.p95Ms)}, max ${ms(result.maxMs)}`);
  console.log(`  ${result.steps} go to steps (warm-up included); full redraw median ${ms(result.drawMedianMs)}, max ${ms(result.drawMaxMs)}`);
}
