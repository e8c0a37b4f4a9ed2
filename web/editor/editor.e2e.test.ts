/**
 * The scenario editor end to end, the way app.e2e.test.ts runs the app (`vite build` into a temp
 * folder, a static server on 127.0.0.1, headless Chromium; no request may leave the origin):
 * build a one-room scenario by clicking and by keyboard (a counter, a table, an apple, goal
 * "apple 1 on diningtable 1"), see it valid and solvable with the oracle length Node's oracle
 * finds, export it and validate the download with the CLI (exit 0); paint a door in open floor
 * and see exactly the lines `hearth scenarios validate` prints for that file; undo; open a library
 * scenario and the exported file; play-test the draft to success in the Play view.
 * Screenshots: runs/screenshots/editor.png (valid) and editor-invalid.png.
 * Without Chromium the test is skipped — except under HEARTH_REQUIRE_CHROMIUM=1, where it fails.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorldOrThrow } from '../../scenarios/format/load-scenario.ts';
import { solveScenario } from '../../scenarios/oracle/solve.ts';
import { CHROMIUM, chromiumPresent, chromiumRequired, openAppBrowser, openAppPage, REPO_ROOT, type AppBrowser } from '../testing/built-app.ts';

const present = chromiumPresent;
const required = chromiumRequired;
const root = REPO_ROOT;
const screenshots = path.join(root, 'runs/screenshots');
const cli = path.join(root, 'cli/bin.js');

let dir = '';
let app: AppBrowser | undefined;
let origin = '';
let context: BrowserContext;
let external: string[] = [];
const problems: string[] = [];

beforeAll(async () => {
  if (!present) return;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-editor-e2e-'));
  app = await openAppBrowser();
  ({ origin, context, external } = app);
}, 900_000);

afterAll(async () => {
  await app?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** Clicks the centre of grid cell [x, y] on the editor's canvas. */
async function clickCell(page: Page, x: number, y: number): Promise<void> {
  const box = (await page.locator('#editor-grid canvas').boundingBox())!;
  const cell = Number(await page.getAttribute('#editor-grid', 'data-cell'));
  await page.mouse.click(box.x + (x + 0.5) * cell, box.y + (y + 0.5) * cell);
}

/** Moves the keyboard cursor from where it is to [x, y] with the arrow keys. */
async function moveCursor(page: Page, x: number, y: number): Promise<void> {
  await page.focus('#editor-grid');
  const at = (await page.textContent('#editor-cursor'))!.match(/\[(\d+), (\d+)\]/)!;
  const [dx, dy] = [x - Number(at[1]), y - Number(at[2])];
  for (let i = 0; i < Math.abs(dx); i++) await page.keyboard.press(dx > 0 ? 'ArrowRight' : 'ArrowLeft');
  for (let i = 0; i < Math.abs(dy); i++) await page.keyboard.press(dy > 0 ? 'ArrowDown' : 'ArrowUp');
  expect(await page.textContent('#editor-cursor')).toContain(`Cursor [${x}, ${y}]`);
}

async function exportFile(page: Page, folder: string): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#editor-export')]);
  const file = path.join(folder, download.suggestedFilename());
  await download.saveAs(file);
  return file;
}

/** `hearth scenarios validate NAME` run in the file's folder (so its messages name the file as the editor does). */
function validateWithCli(file: string): { status: number | null; issues: string[] } {
  const run = spawnSync(process.execPath, [cli, 'scenarios', 'validate', path.basename(file)], { cwd: path.dirname(file), encoding: 'utf8' });
  return { status: run.status, issues: run.stdout.split('\n').filter((line) => line.startsWith('  ')).map((line) => line.slice(2)) };
}

describe('the scenario editor in headless Chromium', () => {
  it.skipIf(!present && !required)('builds a scenario by clicks and keys, validates it as the CLI does, exports, shows the CLI errors for a bad edit, plays it', { timeout: 600_000 }, async () => {
    if (!present) throw new Error(`HEARTH_REQUIRE_CHROMIUM=1 but ${CHROMIUM} is missing; install it (apt-get install -y chromium)`);
    const page = await openAppPage(context, origin, '#editor', problems);
    // The machine may be busy (shared cores, software WebGL): patience, not flakiness.
    page.setDefaultTimeout(120_000);
    expect(await page.getAttribute('#tab-editor', 'aria-selected')).toBe('true');
    await page.waitForSelector('#view-editor[data-editor-ready="true"] #editor-grid canvas');
    // The starting draft names its own problems: the goal wants an apple and a table it does not have.
    await page.waitForSelector('#editor-validation[data-state="invalid"]');
    expect(await page.textContent('#editor-oracle')).toContain('Waits for a valid scenario');

    // A 9×6 kitchen; a dining table by a click, a countertop by keyboard.
    await page.fill('#editor-width', '9');
    await page.fill('#editor-height', '6');
    await page.click('#editor-resize');
    await page.waitForFunction(() => document.querySelector('#editor-cursor')?.textContent?.includes('kitchen'));
    expect(await page.inputValue('#editor-width')).toBe('9');
    await page.click('#editor-tool-furniture');
    await page.selectOption('#editor-furniture-type', 'diningtable');
    await clickCell(page, 6, 3);
    await page.waitForSelector('#thing-diningtable-1-remove');
    await page.selectOption('#editor-furniture-type', 'countertop');
    await moveCursor(page, 2, 1);
    await page.keyboard.press('Space');
    await page.waitForSelector('#thing-countertop-1-remove');
    // A wall stroke by dragging is one undo step.
    await page.click('#editor-tool-wall');
    const box = (await page.locator('#editor-grid canvas').boundingBox())!;
    const cell = Number(await page.getAttribute('#editor-grid', 'data-cell'));
    await page.mouse.move(box.x + 3.5 * cell, box.y + 4.5 * cell);
    await page.mouse.down();
    await page.mouse.move(box.x + 4.5 * cell, box.y + 4.5 * cell, { steps: 3 });
    await page.mouse.move(box.x + 5.5 * cell, box.y + 4.5 * cell, { steps: 3 });
    await page.mouse.up();
    expect(await page.textContent('#editor-cursor')).toBe('Cursor [5, 4]: wall');
    await page.keyboard.press('Control+z');
    expect(await page.textContent('#editor-cursor')).toBe('Cursor [5, 4]: kitchen floor');
    await moveCursor(page, 3, 4);
    expect(await page.textContent('#editor-cursor')).toBe('Cursor [3, 4]: kitchen floor');

    // The apple starts on the counter; the agent by the door side; the goal names both by id.
    await page.selectOption('#editor-object-type', 'apple');
    await page.selectOption('#editor-object-into', 'countertop 1');
    await page.click('#editor-object-add');
    await page.waitForSelector('#object-apple-1-remove');
    await page.click('#editor-tool-agent');
    await clickCell(page, 1, 4);
    await page.selectOption('#goal-tree-object-by', 'id');
    await page.selectOption('#goal-tree-object-id', 'apple 1');
    await page.selectOption('#goal-tree-receptacle-by', 'id');
    await page.selectOption('#goal-tree-receptacle-id', 'diningtable 1');
    await page.fill('#editor-meta-id', 'household/editor-apple-v1');
    await page.fill('#editor-meta-title', 'Put the apple on the table');
    await page.fill('#editor-meta-stepLimit', '12');
    await page.waitForSelector('#editor-validation[data-state="valid"]');
    await page.waitForSelector('#editor-oracle[data-state="solved"]', { timeout: 30_000 });
    const shownLength = Number(await page.getAttribute('#editor-oracle', 'data-length'));

    // Export; the CLI accepts the file, and Node's oracle finds the same length.
    const out = fs.mkdtempSync(path.join(dir, 'export-'));
    const good = await exportFile(page, out);
    expect(path.basename(good)).toBe('editor-apple-v1.json');
    expect(validateWithCli(good)).toEqual({ status: 0, issues: [] });
    const world = loadWorldOrThrow(good);
    const solved = solveScenario(world);
    expect(solved.solvable).toBe(true);
    expect(shownLength).toBe(solved.length);
    expect(solved.plan).toEqual(['go to countertop 1', 'take apple 1 from countertop 1', 'go to diningtable 1', 'put apple 1 in/on diningtable 1']);
    expect(await page.textContent('#editor-oracle-verdict')).toContain(`optimal plan: ${solved.length} steps`);
    const file = JSON.parse(fs.readFileSync(good, 'utf8'));
    expect(file.furniture.map((f: { id: string }) => f.id)).toEqual(['diningtable 1', 'countertop 1']);
    expect(file.objects).toEqual([{ id: 'apple 1', in: 'countertop 1' }]);
    expect(file.goal.tree).toEqual({ type: 'in', object: { id: 'apple 1' }, receptacle: { id: 'diningtable 1' } });
    fs.mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: path.join(screenshots, 'editor.png') });

    // A door in open floor: the error, word for word what the CLI prints for the same file; nothing else is lost.
    await moveCursor(page, 4, 2);
    await page.keyboard.press('d');
    await page.keyboard.press('Space');
    await page.waitForSelector('#editor-validation[data-state="invalid"]');
    const shown = await page.locator('#editor-issues li').allTextContents();
    const bad = await exportFile(page, fs.mkdtempSync(path.join(dir, 'bad-')));
    const cliRun = validateWithCli(bad);
    expect(cliRun.status).toBe(1);
    expect(shown).toEqual(cliRun.issues);
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatch(/^editor-apple-v1\.json:\d+:\d+ layout\.map\[2\]: the door at \[4,2\] must join two different rooms \(left\/right or above\/below\)$/);
    expect(await page.locator('#editor-issues .path').allTextContents()).toEqual(['layout.map[2]']);
    expect(await page.locator('#editor-furniture li').count()).toBe(2);
    expect(await page.getAttribute('#editor-oracle', 'data-state')).toBe('waiting');
    expect(await page.isDisabled('#editor-play')).toBe(true);
    await page.screenshot({ path: path.join(screenshots, 'editor-invalid.png') });
    await page.click('#editor-undo');
    await page.waitForSelector('#editor-validation[data-state="valid"]');

    // Open a library scenario, then the exported file again (through the file input).
    const library = loadWorldOrThrow(path.join(root, 'scenarios/library/cool-apple-fridge.json'));
    await page.selectOption('#editor-library', 'cool-apple-fridge.json');
    await page.waitForSelector('#editor-oracle[data-state="solved"]', { timeout: 60_000 });
    expect(await page.inputValue('#editor-meta-id')).toBe(library.id);
    expect(Number(await page.getAttribute('#editor-oracle', 'data-length'))).toBe(solveScenario(library).length);
    await page.setInputFiles('#editor-file', good);
    await page.waitForFunction(() => (document.querySelector('#editor-meta-id') as HTMLInputElement | null)?.value === 'household/editor-apple-v1');
    await page.waitForSelector('#editor-oracle[data-state="solved"]', { timeout: 30_000 });

    // Play-test: the Play view opens the draft, and the oracle's plan wins it.
    await page.click('#editor-play');
    expect(await page.getAttribute('#tab-play', 'aria-selected')).toBe('true');
    expect(await page.inputValue('#play-scenario')).toBe('other:household/editor-apple-v1');
    for (const action of solved.plan) await page.click(`#play-actions button[data-action=${JSON.stringify(action)}]`);
    await page.waitForSelector('[data-hud="outcome"][data-outcome="success"]');

    expect(problems).toEqual([]);
    expect(external).toEqual([]);
  });
});
