/**
 * What the app's browser tests share: Chromium and its flags (test-support/chromium.ts), one `vite build` of the app
 * per test run (the first test file to ask builds it; the others, in their own worker processes,
 * wait for that build instead of making their own), a plain static server for the build — what any
 * static server does with `npm run build`'s output — and a guard that aborts and lists every request
 * leaving the app's origin.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { build, createLogger } from 'vite';

import { CHROMIUM, CHROMIUM_ARGS } from '../../test-support/chromium.ts';

export { CHROMIUM, CHROMIUM_ARGS, chromiumPresent, chromiumRequired } from '../../test-support/chromium.ts';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface BuiltApp {
  outDir: string;
  /** Vite's warnings during the build (e.g. a Node module stubbed out for the browser). */
  warnings: string[];
}

const BUILD_PREFIX = 'hearth-app-build-';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Builds left by test runs that have ended. */
function removeStaleBuilds(): void {
  for (const name of fs.readdirSync(os.tmpdir())) {
    const pid = Number(name.slice(BUILD_PREFIX.length));
    if (name.startsWith(BUILD_PREFIX) && Number.isInteger(pid) && pid !== process.ppid && !alive(pid)) fs.rmSync(path.join(os.tmpdir(), name), { recursive: true, force: true });
  }
}

async function buildInto(folder: string): Promise<BuiltApp> {
  const outDir = path.join(folder, 'dist');
  const logger = createLogger('warn');
  const warnings: string[] = [];
  logger.warn = (message) => void warnings.push(message);
  logger.warnOnce = (message) => void warnings.push(message);
  await build({ root: REPO_ROOT, configFile: path.join(REPO_ROOT, 'vite.config.ts'), customLogger: logger, build: { outDir, emptyOutDir: true, reportCompressedSize: false } });
  return { outDir, warnings };
}

/**
 * The app built once for this test run. Test files run in worker processes of one vitest process
 * (their parent): the folder is keyed by it, and creating it is the lock.
 */
export async function builtApp(timeoutMs = 900_000): Promise<BuiltApp> {
  const folder = path.join(os.tmpdir(), `${BUILD_PREFIX}${process.ppid}`);
  const done = path.join(folder, 'done.json');
  const failed = path.join(folder, 'failed.json');
  let builder = false;
  try {
    fs.mkdirSync(folder);
    builder = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  if (builder) {
    removeStaleBuilds();
    try {
      const app = await buildInto(folder);
      fs.writeFileSync(done, JSON.stringify(app));
      return app;
    } catch (error) {
      fs.writeFileSync(failed, JSON.stringify({ message: (error as Error).message }));
      throw error;
    }
  }
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (fs.existsSync(done)) return JSON.parse(fs.readFileSync(done, 'utf8')) as BuiltApp;
    if (fs.existsSync(failed)) throw new Error(`the shared app build failed: ${(JSON.parse(fs.readFileSync(failed, 'utf8')) as { message: string }).message}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the shared app build in ${folder} did not finish within ${timeoutMs / 1000} s`);
}

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.wasm': 'application/wasm' };

/** Serves `folder` as static files on 127.0.0.1 (a free port); `origin` is its http://127.0.0.1:PORT. */
export async function serveStatic(folder: string): Promise<{ server: http.Server; origin: string; close(): Promise<void> }> {
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const file = path.join(folder, url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname));
    if (!file.startsWith(folder) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      response.writeHead(404).end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { server, origin, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Lets requests to `origin` (and data:/blob: URLs) through; aborts every other one and lists it in `external`. */
export async function keepToOrigin(context: BrowserContext, origin: string, external: string[]): Promise<void> {
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    external.push(url);
    return route.abort();
  });
}

/**
 * A new page of the app at `origin` + `hash` (e.g. `#editor`), once it says it is ready; page errors
 * and console errors are added to `problems`.
 */
export async function openAppPage(context: BrowserContext, origin: string, hash: string, problems: string[]): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (error) => void problems.push(`page error: ${error.message}`));
  page.on('console', (message) => void (message.type() === 'error' && problems.push(`console error: ${message.text()}`)));
  await page.goto(`${origin}/${hash}`, { waitUntil: 'load' });
  await page.waitForSelector('body[data-ready="true"]');
  return page;
}

/** The built app served on 127.0.0.1, in a fresh Chromium context kept to its origin (requests elsewhere land in `external`). */
export interface AppBrowser {
  origin: string;
  context: BrowserContext;
  external: string[];
  /** The app build's warnings. */
  warnings: string[];
  close(): Promise<void>;
}

export async function openAppBrowser(): Promise<AppBrowser> {
  const app = await builtApp();
  const served = await serveStatic(app.outDir);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const external: string[] = [];
  await keepToOrigin(context, served.origin, external);
  return { origin: served.origin, context, external, warnings: app.warnings, close: async () => { await browser.close(); await served.close(); } };
}
