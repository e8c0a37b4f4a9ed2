/**
 * The Live view end to end: `vite build` into a temp folder, `vite preview` with the app's own
 * config (so its plugin serves /models/ and sends COOP/COEP), and headless Chromium. The default
 * model — SmolLM2-135M-Instruct Q4_1 in wllama, one thread — plays a library scenario with the
 * minimal harness inside the episode worker: at least three steps happen, pause and step work,
 * the page is cross-origin isolated, no request leaves the origin, and the downloaded trace is the
 * CLI's format (it parses and replays to its recorded state hash in Node). A second test runs the
 * same model exported to ONNX in transformers.js (WASM, two threads) for at least two steps.
 * Screenshot: runs/screenshots/live.png.
 * Skipped without Chromium or the model file — except under HEARTH_REQUIRE_CHROMIUM=1, where it
 * fails (the ONNX test: also HEARTH_REQUIRE_ONNX=1 for the exported folder).
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelsDir } from '../../agent/models/catalog/models-dir.ts';
import { loadWorldOrThrow } from '../../scenarios/format/load-scenario.ts';
import { parseTraceJsonl } from '../../agent/trace/trace-io.ts';
import { replayTrace } from '../../agent/trace/replay-trace.ts';
import type { Trace } from '../../agent/trace/trace-events.ts';
import { builtApp, CHROMIUM, CHROMIUM_ARGS, chromiumRequired, keepToOrigin, openAppPage, REPO_ROOT } from '../testing/built-app.ts';

const MODEL_FILE = path.join(modelsDir(), 'SmolLM2-135M-Instruct.Q4_1.gguf');
const required = chromiumRequired;
const missing = [fs.existsSync(CHROMIUM) ? '' : CHROMIUM, fs.existsSync(MODEL_FILE) ? '' : `${MODEL_FILE} (run \`hearth models fetch smollm2-135m\`)`].filter(Boolean);
const skip = missing.length > 0 && !required;
if (skip) console.warn(`live.e2e skipped: missing ${missing.join(' and ')}`);
const ONNX_DIR = path.join(modelsDir(), 'smollm2-135m-onnx');
const missingOnnx = [fs.existsSync(CHROMIUM) ? '' : CHROMIUM, fs.existsSync(path.join(ONNX_DIR, 'onnx/model.onnx')) ? '' : `${ONNX_DIR} (run \`hearth models fetch smollm2-135m-onnx\`)`].filter(Boolean);
const skipOnnx = missingOnnx.length > 0 && !(required && process.env.HEARTH_REQUIRE_ONNX === '1');
if (skipOnnx) console.warn(`live.e2e ONNX test skipped: missing ${missingOnnx.join(' and ')}`);
// Generous waits: the machine may be shared (a step of the 135M model took 7–90 s at a load of 20 on 2 cores).
const root = REPO_ROOT;
const SCENARIO = 'household/heat-mug-kitchen-v1';

let server: PreviewServer | undefined;
let browser: Browser | undefined;
let origin = '';

beforeAll(async () => {
  if (missing.length > 0 && missingOnnx.length > 0) return;
  const { outDir } = await builtApp();
  server = await preview({ root, configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port: 0, strictPort: false } });
  origin = new URL(server.resolvedUrls!.local[0]!).origin;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const liveStep = (page: Page): Promise<number> => page.textContent('#view-live [data-hud="step"]').then((text) => Number((text ?? '0').split('/')[0]));

/** A fresh context on the Live tab that records every request, aborts (and lists) those off the origin, and collects page errors. */
async function openLive(): Promise<{ context: BrowserContext; page: Page; requests: string[]; external: string[]; problems: string[] }> {
  const context = await browser!.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  const requests: string[] = [];
  const external: string[] = [];
  const problems: string[] = [];
  context.on('request', (request) => void requests.push(request.url()));
  await keepToOrigin(context, origin, external);
  const page = await openAppPage(context, origin, '#live', problems);
  expect(await page.isVisible('#view-live')).toBe(true);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  return { context, page, requests, external, problems };
}

/** Stops the episode, downloads its trace and checks it replays to its state hash in Node. */
async function stopAndReplay(page: Page): Promise<{ trace: Trace; applied: number }> {
  await page.click('#live-stop');
  await page.waitForSelector('#live-status[data-state="done"]', { timeout: 180_000 });
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#live-download')]);
  const trace = parseTraceJsonl(fs.readFileSync((await download.path())!, 'utf8'));
  const applied = trace.events.filter((event) => event.type === 'action-apply').length;
  const world = loadWorldOrThrow(path.join(root, 'scenarios/library/heat-mug-kitchen.json'));
  expect(replayTrace(trace, world)).toMatchObject({ ok: true, steps: applied });
  expect(Number(await page.getAttribute('#view-live', 'data-events'))).toBe(trace.events.length);
  expect(trace.events.at(-1)).toMatchObject({ type: 'episode-end', termination: 'cancelled' });
  return { trace, applied };
}

describe('the Live view in headless Chromium', () => {
  it.skipIf(skip)('runs the default GGUF in wllama in a worker: ≥ 3 steps, pause and step, isolated, nothing leaves the origin, the trace replays', { timeout: 900_000 }, async () => {
    if (missing.length > 0) throw new Error(`HEARTH_REQUIRE_CHROMIUM=1 but ${missing.join(' and ')} missing`);
    const { context, page, requests, external, problems } = await openLive();

    await page.selectOption('#live-scenario', SCENARIO);
    await page.selectOption('#live-harness', 'preset:minimal');
    await page.selectOption('#live-model', 'wllama');
    await page.selectOption('#live-threads', '1');
    await page.click('#live-start');
    await page.waitForSelector('#live-status[data-state="running"]', { timeout: 240_000 });
    expect(await page.getAttribute('#view-live', 'data-isolated')).toBe('true');
    await page.waitForFunction(() => Number(document.querySelector('#view-live [data-hud="step"]')?.textContent?.split('/')[0]) >= 3, undefined, { timeout: 420_000 });
    expect(await page.textContent('#live-prompt')).toContain('Goal: put a hot mug');
    expect((await page.textContent('#live-output'))?.length).toBeGreaterThan(0);
    await page.waitForSelector('#live-world[data-drawn-step]');

    // Pause: the step in flight finishes, then the worker holds the next one back.
    await page.click('#live-pause');
    await page.waitForSelector('#live-status[data-state="paused"]', { timeout: 180_000 });
    const held = await liveStep(page);
    await page.waitForTimeout(1500);
    expect(await liveStep(page)).toBe(held);
    // One step: exactly one more decision, then paused again.
    await page.click('#live-step');
    await page.waitForFunction((before) => Number(document.querySelector('#view-live [data-hud="step"]')?.textContent?.split('/')[0]) === before + 1, held, { timeout: 180_000 });
    await page.waitForSelector('#live-status[data-state="paused"]', { timeout: 180_000 });
    expect(await liveStep(page)).toBe(held + 1);
    fs.mkdirSync(path.join(root, 'runs/screenshots'), { recursive: true });
    await page.screenshot({ path: path.join(root, 'runs/screenshots/live.png') });

    const { trace, applied } = await stopAndReplay(page);
    expect(trace.header.model).toMatchObject({ id: 'wllama:smollm2-135m', backend: 'llama' });
    expect(Number(trace.header.model.settings.threadsUsed)).toBeLessThanOrEqual(2);
    expect(trace.header.harness.name).toBe('minimal');
    expect(applied).toBe(held + 1);
    expect(applied).toBeGreaterThanOrEqual(3);
    const calls = trace.events.filter((event) => event.type === 'model-call' && !event.error);
    expect(calls.length).toBeGreaterThanOrEqual(3);
    expect(calls.every((call) => call.type === 'model-call' && typeof call.output === 'string')).toBe(true);

    expect(requests.some((url) => url.includes('/models/SmolLM2-135M-Instruct.Q4_1.gguf'))).toBe(true);
    expect(requests.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith('data:') && !url.startsWith('blob:'))).toEqual([]);
    expect(external).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it.skipIf(skipOnnx)('runs the ONNX export in transformers.js (WASM, 2 threads) in a worker: ≥ 2 steps, nothing leaves the origin, the trace replays', { timeout: 900_000 }, async () => {
    if (missingOnnx.length > 0) throw new Error(`HEARTH_REQUIRE_CHROMIUM=1 and HEARTH_REQUIRE_ONNX=1 but ${missingOnnx.join(' and ')} missing`);
    const { context, page, requests, external, problems } = await openLive();
    await page.selectOption('#live-scenario', SCENARIO);
    await page.selectOption('#live-harness', 'preset:minimal');
    await page.selectOption('#live-model', 'onnx');
    await page.selectOption('#live-threads', '2');
    await page.click('#live-start');
    await page.waitForSelector('#live-status[data-state="running"]', { timeout: 420_000 });
    await page.waitForFunction(() => Number(document.querySelector('#view-live [data-hud="step"]')?.textContent?.split('/')[0]) >= 2, undefined, { timeout: 420_000 });
    const { trace, applied } = await stopAndReplay(page);
    // Headless Chromium here has no WebGPU adapter, so 'auto' picked WASM.
    expect(trace.header.model).toMatchObject({ id: 'onnx:smollm2-135m-onnx', backend: 'onnx', settings: { device: 'wasm' } });
    expect(applied).toBeGreaterThanOrEqual(2);
    const calls = trace.events.filter((event) => event.type === 'model-call' && !event.error);
    expect(calls.length).toBeGreaterThanOrEqual(2);
    expect(calls.every((call) => call.type === 'model-call' && typeof call.output === 'string')).toBe(true);
    expect(calls.some((call) => call.type === 'model-call' && typeof call.output === 'string' && call.output.trim().length > 0)).toBe(true);
    expect(requests.some((url) => url.endsWith('/models/smollm2-135m-onnx/onnx/model.onnx_data'))).toBe(true);
    expect(requests.some((url) => url.includes('/ort/') && url.endsWith('.wasm'))).toBe(true);
    expect(requests.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith('data:') && !url.startsWith('blob:'))).toEqual([]);
    expect(external).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
