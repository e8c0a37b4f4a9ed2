/**
 * The walking animation in headless Chromium (a bare world view page, web/world/testing/): at 1×
 * the agent is seen on its way, and once the walk ends the canvas is pixel-identical to the same
 * step drawn instantly — for a go to and a push, in both motion modes; under
 * `prefers-reduced-motion: reduce` nothing walks at all.
 * Without Chromium the test is skipped — except under HEARTH_REQUIRE_CHROMIUM=1, where it fails.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PhysicsMode } from '../../sim/index.ts';
import { CHROMIUM, openDevPage, type DevPage } from '../bench/dev-page.ts';
import type { WalkPageApi } from './testing/walk-page.ts';
import type { WalkSpeed } from './walk-tween.ts';

const present = fs.existsSync(CHROMIUM);
const required = process.env.HEARTH_REQUIRE_CHROMIUM === '1';
const ENTRY = 'web/world/testing/walk-page.html';

let normal: DevPage | undefined;
let reduced: DevPage | undefined;

beforeAll(async () => {
  if (!present) return;
  normal = await openDevPage(ENTRY, `/${ENTRY}`, { fakeClock: true });
  reduced = await openDevPage(ENTRY, `/${ENTRY}`, { reducedMotion: true });
  for (const { page } of [normal, reduced]) await page.waitForSelector('body[data-ready="true"]');
}, 180_000);

afterAll(async () => {
  await normal?.close();
  await reduced?.close();
});

type House = Parameters<WalkPageApi['start']>[0];
/** The canvas's pixels (a clipped page screenshot: an element screenshot waits on requestAnimationFrame, which a paused clock stops). */
async function canvas(dev: DevPage): Promise<Buffer> {
  const box = await dev.page.evaluate(() => {
    const { x, y, width, height } = document.querySelector('#walk-world canvas')!.getBoundingClientRect();
    return { x, y, width, height };
  });
  return dev.page.screenshot({ clip: box });
}
const walking = (dev: DevPage) => dev.page.getAttribute('#walk-world', 'data-walking');

/** Starts `house` and takes `actions`: all but the last drawn instantly, the last at `speed`. Returns its motion's length. */
async function play(dev: DevPage, house: House, physics: PhysicsMode, actions: string[], speed: WalkSpeed): Promise<{ frames: number; durationMs: number }> {
  return dev.page.evaluate(async ({ house, physics, actions, speed }) => {
    const walk = window.hearthWalk!;
    await walk.start(house, physics, 'instant');
    for (const action of actions.slice(0, -1)) await walk.step(action);
    walk.setSpeed(speed);
    return walk.step(actions.at(-1)!);
  }, { house, physics, actions, speed });
}

describe('the walking animation in headless Chromium', () => {
  it.skipIf(!present && !required).each<[House, PhysicsMode, string[]]>([
    ['two-room', 'kinematic', ['go to sofa 1']],
    ['blocked-door', 'matter', ['push chair 1']],
  ])('%s, %s, %j: walks at 1× and ends pixel-identical to the instant drawing', { timeout: 120_000 }, async (house, physics, actions) => {
    if (!normal) throw new Error(`HEARTH_REQUIRE_CHROMIUM=1 but ${CHROMIUM} is missing; install it (apt-get install -y chromium)`);
    expect((await play(normal, house, physics, actions, 'instant')).frames).toBeGreaterThan(1);
    expect(await walking(normal)).toBeNull();
    const instant = await canvas(normal);
    // Time stands still from here (requestAnimationFrame and performance.now are Playwright's).
    const { clock } = normal.page;
    await clock.pauseAt(await normal.page.evaluate(() => Date.now() + 1000));
    try {
      const { durationMs } = await play(normal, house, physics, actions, '1x');
      expect(durationMs).toBeGreaterThan(500);
      expect(await walking(normal)).toBe('true');
      const atStart = await canvas(normal);
      expect(atStart.equals(instant)).toBe(false);
      await clock.runFor(Math.round(durationMs / 2));
      const midway = await canvas(normal);
      expect(midway.equals(atStart)).toBe(false);
      expect(midway.equals(instant)).toBe(false);
      expect(await walking(normal)).toBe('true');
      await clock.runFor(Math.round(durationMs / 2) + 100);
      expect(await walking(normal)).toBeNull();
      expect((await canvas(normal)).equals(instant)).toBe(true);
    } finally {
      await clock.resume();
    }
    expect(normal.problems).toEqual([]);
  });

  it.skipIf(!present && !required)('under prefers-reduced-motion every step is drawn at once, even at 1×', { timeout: 120_000 }, async () => {
    if (!reduced) throw new Error(`HEARTH_REQUIRE_CHROMIUM=1 but ${CHROMIUM} is missing; install it (apt-get install -y chromium)`);
    await play(reduced, 'two-room', 'kinematic', ['go to sofa 1'], 'instant');
    const instant = await canvas(reduced);
    expect((await play(reduced, 'two-room', 'kinematic', ['go to sofa 1'], '1x')).frames).toBeGreaterThan(1);
    expect(await walking(reduced)).toBeNull();
    expect((await canvas(reduced)).equals(instant)).toBe(true);
    expect(reduced.problems).toEqual([]);
  });
});
