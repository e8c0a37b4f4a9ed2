/**
 * Node side, for the bench and browser tests of single pages: serves the repo with Vite's dev
 * server (no config file, no file watching, so other edits never reload the page) and opens a
 * page in headless Chromium (/usr/bin/chromium via playwright-core, software WebGL).
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { CHROMIUM, CHROMIUM_ARGS as BROWSER_TEST_ARGS, REPO_ROOT } from '../testing/built-app.ts';

export { CHROMIUM };
/** The browser tests' flags, plus SwiftShader so WebGL works without a GPU. */
export const CHROMIUM_ARGS = [...BROWSER_TEST_ARGS, '--use-angle=swiftshader', '--enable-unsafe-swiftshader'];
const root = REPO_ROOT;

export interface DevPage {
  page: Page;
  /** Page errors and console errors seen so far. */
  problems: string[];
  /** Closes the browser and the server. */
  close(): Promise<void>;
}

/**
 * Serves the repo and opens `pathAndQuery` (e.g. `/web/bench/bench.html?seconds=5`); `entry` is
 * the page's HTML file. `reducedMotion` emulates `prefers-reduced-motion: reduce`; `fakeClock`
 * installs Playwright's clock (page.clock) before the page loads.
 */
export async function openDevPage(entry: string, pathAndQuery: string, options: { reducedMotion?: boolean; fakeClock?: boolean } = {}): Promise<DevPage> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`needs Chromium at ${CHROMIUM}; install it (apt-get install -y chromium).`);
  let server: ViteDevServer | undefined;
  let browser: Browser | undefined;
  const close = async (): Promise<void> => {
    await browser?.close();
    await server?.close();
  };
  try {
    server = await createServer({
      root, configFile: false, logLevel: 'error', clearScreen: false,
      server: { host: '127.0.0.1', port: 0, hmr: false, watch: null },
      optimizeDeps: { entries: [entry] },
    });
    await server.listen();
    const { port } = server.httpServer!.address() as AddressInfo;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, reducedMotion: options.reducedMotion ? 'reduce' : 'no-preference' });
    const problems: string[] = [];
    page.on('pageerror', (error) => void problems.push(`page error: ${error.message}`));
    page.on('console', (message) => void (message.type() === 'error' && problems.push(`console error: ${message.text()}`)));
    // Playwright's fake clock (time flows until paused): lets a test stop animations and step them.
    if (options.fakeClock) await page.clock.install();
    await page.goto(`http://127.0.0.1:${port}${pathAndQuery}`, { waitUntil: 'load' });
    return { page, problems, close };
  } catch (error) {
    await close();
    throw error;
  }
}
