/**
 * The sandbox in a real browser: Vite bundles quickjs-sandbox.ts (and the wasm file of the default
 * RELEASE_SYNC variant) into a page, headless Chromium opens it over HTTP, and the same calls give
 * the same outcomes as under Node. Without /usr/bin/chromium the test is skipped — except under
 * HEARTH_REQUIRE_CHROMIUM=1 (CI), where a missing browser fails it.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, CHROMIUM_ARGS, chromiumPresent, chromiumRequired } from '../../../test-support/chromium.ts';
import { runInSandbox, type SandboxOutcome } from './quickjs-sandbox.ts';

const present = chromiumPresent;
const required = chromiumRequired;
const ARGS = CHROMIUM_ARGS;

/** The calls both sides make: name → [source, input]. */
const CALLS: Record<string, [string, unknown]> = {
  answers: ['function run(input) { return { turn: { rules: [input.view.goal.text.toUpperCase()] }, store: { n: 1 } }; }', { view: { goal: { text: 'heat the mug' } } }],
  loops: ['function run() { while (true) {} }', {}],
  recursion: ['function run() { function f(n) { return f(n + 1) + 1; } return f(0); }', {}],
  host: ['function run() { return { turn: { rules: [typeof window, typeof document, typeof fetch, typeof self, typeof WebAssembly].filter((t) => t !== "undefined") } }; }', {}],
};
const LIMITS = { msPerCall: 200, memoryBytes: 8 << 20 };

let dir = '';
let server: http.Server | null = null;
let url = '';
let assets: string[] = [];

beforeAll(async () => {
  if (!present) return;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-sandbox-browser-'));
  const sandbox = fileURLToPath(new URL('./quickjs-sandbox.ts', import.meta.url));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><script type="module" src="./entry.ts"></script>');
  fs.writeFileSync(path.join(dir, 'entry.ts'), [
    `import { runInSandbox } from ${JSON.stringify(path.relative(dir, sandbox).split(path.sep).join('/'))};`,
    `const calls = ${JSON.stringify(CALLS)};`,
    'const results = {};',
    `for (const [name, [source, input]] of Object.entries(calls)) results[name] = await runInSandbox(source, JSON.stringify(input), ${JSON.stringify(LIMITS)});`,
    'window.__results = results;',
  ].join('\n'));
  const out = path.join(dir, 'dist');
  await build({ root: dir, configFile: false, logLevel: 'silent', build: { outDir: out, target: 'es2022' } });
  assets = fs.readdirSync(path.join(out, 'assets'));
  server = http.createServer((request, response) => {
    const file = path.join(out, decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname).replace(/\/$/, '/index.html'));
    if (!file.startsWith(out) || !fs.existsSync(file)) return void response.writeHead(404).end();
    const type = file.endsWith('.wasm') ? 'application/wasm' : file.endsWith('.js') ? 'text/javascript' : 'text/html';
    response.writeHead(200, { 'content-type': type }).end(fs.readFileSync(file));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
}, 180_000);

afterAll(async () => {
  if (server) await new Promise((resolve) => server!.close(resolve));
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!present && !required)('the sandbox in the browser (Vite build, Chromium)', () => {
  it('bundles the wasm file and gives the same outcomes as under Node', async () => {
    expect(present, `${CHROMIUM} is missing (HEARTH_REQUIRE_CHROMIUM=1)`).toBe(true);
    expect(assets.some((asset) => asset.endsWith('.wasm'))).toBe(true);
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-chromium-profile-'));
    const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS });
    try {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => void errors.push(error.message));
      await page.goto(url, { waitUntil: 'load' });
      await page.waitForFunction(() => (window as unknown as { __results?: unknown }).__results !== undefined, undefined, { timeout: 60_000 });
      const inBrowser = await page.evaluate(() => (window as unknown as { __results: Record<string, SandboxOutcome> }).__results);
      expect(errors).toEqual([]);
      const inNode = Object.fromEntries(await Promise.all(Object.entries(CALLS).map(async ([name, [source, input]]) => [name, await runInSandbox(source, JSON.stringify(input), LIMITS)] as const)));
      expect(inBrowser.answers).toEqual({ ok: true, value: { turn: { rules: ['HEAT THE MUG'] }, store: { n: 1 } } });
      expect(inBrowser.loops).toMatchObject({ ok: false, fault: 'timeout' });
      expect(inBrowser.recursion).toMatchObject({ ok: false, fault: 'memory' });
      expect(inBrowser.host).toEqual({ ok: true, value: { turn: { rules: [] } } });
      expect(inBrowser).toEqual(inNode);
    } finally {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    }
  }, 120_000);
});
