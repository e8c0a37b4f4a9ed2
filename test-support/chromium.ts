/**
 * Debian's Chromium for the browser tests (driven by playwright-core; nothing is downloaded) and
 * the flags every test launches it with. Under HEARTH_REQUIRE_CHROMIUM=1 (CI) a missing Chromium
 * fails the browser tests instead of skipping them.
 */
import fs from 'node:fs';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const chromiumPresent = fs.existsSync(CHROMIUM);
export const chromiumRequired = process.env.HEARTH_REQUIRE_CHROMIUM === '1';
