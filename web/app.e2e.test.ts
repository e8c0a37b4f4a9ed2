/**
 * The browser app end to end: `vite build` into a temp folder, a plain static server on 127.0.0.1,
 * and headless Chromium (playwright-core, Debian's /usr/bin/chromium) — every request must go to
 * the app's own origin. (a) Play heat-mug-kitchen to success with the oracle's plan (the first
 * action typed + Enter, the second by keyboard, the rest clicked) and replay the downloaded human
 * trace in Node; (b) replay a trace made with the CLI's functions (null chooser) through the file
 * input, scrub to the end, and see the state hash match; then drop one with model calls (a
 * scripted model) onto the view and see a step's prompt and raw output; (c) in the Harness view,
 * show react-basic, diff it with evolved-smollm2, open a version record and a lineage.json.
 * Screenshots: runs/screenshots/web-*.png.
 * Without Chromium the test is skipped — except under HEARTH_REQUIRE_CHROMIUM=1, where it fails.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorldOrThrow } from '../scenarios/format/load-scenario.ts';
import { loadSuite } from '../scenarios/suites/load-suite.ts';
import { solveScenario } from '../scenarios/oracle/solve.ts';
import { runEpisode } from '../agent/harness/run-episode.ts';
import { createNullChooser } from '../agent/models/null-chooser.ts';
import { createScriptedBackend } from '../agent/models/scripted-backend.ts';
import { loadHarness } from '../agent/harness/presets/load-harness.ts';
import { behaviourId } from '../agent/harness/harness-spec.ts';
import { lineageSchema, versionRecordSchema } from '../agent/evolve/version-record.ts';
import { parseTraceJsonl, traceToJsonl } from '../agent/trace/trace-io.ts';
import { replayTrace } from '../agent/trace/replay-trace.ts';
import { CHROMIUM, chromiumPresent, chromiumRequired, openAppBrowser, openAppPage, REPO_ROOT, type AppBrowser } from './testing/built-app.ts';

const present = chromiumPresent;
const required = chromiumRequired;
const root = REPO_ROOT;
const screenshots = path.join(root, 'runs/screenshots');
const scenarioFile = path.join(root, 'scenarios/library/heat-mug-kitchen.json');

let dir = '';
let app: AppBrowser | undefined;
let origin = '';
let context: BrowserContext;
let external: string[] = [];
const problems: string[] = [];
const buildWarnings: string[] = [];

beforeAll(async () => {
  if (!present) return;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-web-e2e-'));
  app = await openAppBrowser();
  ({ origin, context, external } = app);
  // The app must bundle no Node module (vite would stub it out, and it would fail at run time).
  buildWarnings.push(...app.warnings);
}, 900_000);

afterAll(async () => {
  await app?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const open = (): Promise<Page> => openAppPage(context, origin, '', problems);

const actionButton = (action: string): string => `#play-actions button[data-action=${JSON.stringify(action)}]`;

describe('the browser app in headless Chromium', () => {
  it.skipIf(!present && !required)('plays heat-mug-kitchen to success by typing and clicking the oracle plan; the downloaded trace replays', { timeout: 120_000 }, async () => {
    if (!present) throw new Error(`HEARTH_REQUIRE_CHROMIUM=1 but ${CHROMIUM} is missing; install it (apt-get install -y chromium)`);
    expect(buildWarnings.filter((message) => /externalized for browser|node:/.test(message))).toEqual([]);
    const world = loadWorldOrThrow(scenarioFile);
    const { plan, solvable } = solveScenario(world);
    expect(solvable).toBe(true);
    expect(plan.length).toBeGreaterThan(2);
    const page = await open();
    expect(await page.inputValue('#play-scenario')).toBe(world.id);
    await page.waitForSelector('#play-world canvas');
    await page.waitForSelector('#play-world[data-drawn-step="0"]');
    // The canvas names what is under the pointer: the fridge is the top-left cell.
    await page.hover('#play-world canvas', { position: { x: 70, y: 70 } });
    expect(await page.getAttribute('#play-world canvas', 'title')).toBe('fridge 1, closed');
    expect(await page.textContent('[data-hud="goal"]')).toBe(world.goalText ?? (await page.textContent('[data-hud="goal"]')));
    // Step 1: typed into the text box, sent with Enter.
    await page.fill('#play-input', plan[0]!);
    await page.press('#play-input', 'Enter');
    await page.waitForSelector('#play-world[data-drawn-step="1"]');
    // Step 2: by keyboard — focus the action's button and press Enter.
    await page.focus(actionButton(plan[1]!));
    await page.keyboard.press('Enter');
    await page.waitForSelector('#play-world[data-drawn-step="2"]');
    // The rest: clicked.
    for (const [i, action] of plan.slice(2).entries()) {
      expect(await page.textContent('[data-hud="outcome"]')).toContain('in progress');
      await page.click(actionButton(action));
      await page.waitForSelector(`#play-world[data-drawn-step="${i + 3}"]`);
    }
    expect(await page.textContent('[data-hud="outcome"]')).toContain('success');
    expect(await page.textContent('[data-hud="step"]')).toBe(`${plan.length} / ${world.stepLimit}`);
    expect(await page.locator('#play-actions button').count()).toBe(0);
    fs.mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: path.join(screenshots, 'web-play.png') });
    // The person's play is a trace like any other: it parses and replays to its state hash in Node.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#play-download')]);
    const trace = parseTraceJsonl(fs.readFileSync((await download.path())!, 'utf8'));
    expect(trace.header.model.id).toBe('human');
    expect(trace.events.filter((event) => event.type === 'action-apply').map((event) => (event as { action: string }).action)).toEqual(plan);
    expect(trace.events.at(-1)).toMatchObject({ type: 'episode-end', success: true, termination: 'success' });
    expect(replayTrace(trace, world)).toMatchObject({ ok: true, steps: plan.length });
    // A house of four rooms: the rooms not yet entered are veiled.
    await page.selectOption('#play-scenario', 'household/cool-winebottle-four-rooms-v1');
    await page.waitForSelector('#play-world[data-drawn-step="0"]');
    expect(await page.textContent('[data-hud="outcome"]')).toContain('in progress');
    await page.screenshot({ path: path.join(screenshots, 'web-play-four-rooms.png') });
    // With matter-js physics the same house plays (the agent's body walks there).
    await page.selectOption('#play-physics', 'matter');
    await page.waitForSelector('#play-world[data-drawn-step="0"]');
    await page.click(actionButton('go to sofa 1'));
    await page.waitForSelector('#play-world[data-drawn-step="1"]');
    expect(await page.textContent('[data-hud="feedback"]')).toContain('sofa 1');
    await page.close();
    expect(external).toEqual([]);
    expect(problems).toEqual([]);
  });

  it.skipIf(!present && !required)('replays CLI-made traces (library, suite member, scripted model) and, scrubbed to the end, the state hash matches', { timeout: 120_000 }, async () => {
    if (!present) throw new Error(`HEARTH_REQUIRE_CHROMIUM=1 but ${CHROMIUM} is missing; install it (apt-get install -y chromium)`);
    const world = loadWorldOrThrow(scenarioFile);
    const trace = await runEpisode({ scenario: world, seed: 1, model: createNullChooser(0), harness: loadHarness('react-basic') });
    const file = path.join(dir, 'null-heat-mug.jsonl');
    fs.writeFileSync(file, traceToJsonl(trace));
    const applied = trace.events.filter((event) => event.type === 'action-apply').length;
    expect(applied).toBeGreaterThan(0);
    const page = await open();
    await page.click('#tab-replay');
    await page.setInputFiles('#replay-file', file);
    await page.waitForSelector('#replay-summary[data-state="loaded"]');
    expect(await page.textContent('#replay-position')).toBe(`step 0 / ${applied}`);
    // Scrub by keyboard: one step with the arrow key, then to the end.
    await page.focus('#replay-slider');
    await page.keyboard.press('ArrowRight');
    expect(await page.textContent('#replay-position')).toBe(`step 1 / ${applied}`);
    expect(await page.textContent('#replay-details')).toContain('Applied');
    await page.keyboard.press('End');
    expect(await page.textContent('#replay-position')).toBe(`step ${applied} / ${applied}`);
    await page.waitForSelector(`#replay-world[data-drawn-step="${applied}"]`);
    expect(await page.textContent('#replay-verdict')).toContain('state hash ✓ matches the trace');
    fs.mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: path.join(screenshots, 'web-replay.png') });
    // A frozen-suite member: the app regenerates it from the bundled manifest and checks its hash.
    const memberId = 'household-v1/test-unseen-006-look-at-in-light';
    const member = loadSuite('household-v1', { ids: [memberId] })[0]!;
    const suiteTrace = await runEpisode({ scenario: member.world, seed: 0, model: createNullChooser(0), harness: loadHarness('minimal') });
    const suiteFile = path.join(dir, 'null-suite-member.jsonl');
    fs.writeFileSync(suiteFile, traceToJsonl(suiteTrace));
    await page.setInputFiles('#replay-file', suiteFile);
    await page.waitForFunction(() => document.querySelector('#replay-summary')?.textContent?.startsWith('null-suite-member.jsonl'));
    expect(await page.getAttribute('#replay-summary', 'data-state')).toBe('loaded');
    await page.focus('#replay-slider');
    await page.keyboard.press('End');
    expect(await page.textContent('#replay-verdict')).toContain('state hash ✓ matches the trace');
    await page.screenshot({ path: path.join(screenshots, 'web-replay-suite.png') });
    // A trace with model calls (a scripted model saying the oracle's plan), dropped onto the view:
    // each step shows the prompt and the raw output.
    const plan = solveScenario(world).plan;
    const scripted = await runEpisode({ scenario: world, seed: 0, model: createScriptedBackend({ replies: plan.map((action) => `Thought: next, ${action}.\nAction: ${action}`), fallback: 'look' }), harness: loadHarness('react-basic') });
    const text = traceToJsonl(scripted);
    await page.evaluate((jsonl) => {
      const data = new DataTransfer();
      data.items.add(new File([jsonl], 'scripted-heat-mug.jsonl', { type: 'application/x-ndjson' }));
      document.querySelector('#view-replay')!.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, text);
    await page.waitForFunction(() => document.querySelector('#replay-summary')?.textContent?.startsWith('scripted-heat-mug.jsonl'));
    const steps = scripted.events.filter((event) => event.type === 'action-apply').length;
    await page.focus('#replay-slider');
    await page.keyboard.press('End');
    expect(await page.textContent('#replay-verdict')).toContain('state hash ✓ matches the trace');
    await page.keyboard.press('Home');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    expect(await page.textContent('#replay-position')).toBe(`step 3 / ${steps}`);
    const details = await page.textContent('#replay-details');
    expect(details).toContain('Prompt');
    expect(details).toContain(`Action: ${plan[2]}`);
    await page.waitForSelector('#replay-world[data-drawn-step="3"]');
    await page.screenshot({ path: path.join(screenshots, 'web-replay-model.png') });
    await page.close();
    expect(external).toEqual([]);
    expect(problems).toEqual([]);
  });
  it.skipIf(!present && !required)('the Harness view shows a preset, diffs two, opens a version record with its evidence and draws a lineage', { timeout: 120_000 }, async () => {
    if (!present) throw new Error(`HEARTH_REQUIRE_CHROMIUM=1 but ${CHROMIUM} is missing; install it (apt-get install -y chromium)`);
    // The Harness view bundles the diff and the schemas, not the CLI's run-folder reader (node:fs).
    expect(buildWarnings.filter((message) => /externalized for browser|node:/.test(message))).toEqual([]);
    const page = await open();
    // Keyboard: from the Play tab, ArrowRight twice reaches Harness.
    await page.focus('#tab-play');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await page.getAttribute('#tab-harness', 'aria-selected')).toBe('true');
    expect(await page.isVisible('#view-harness')).toBe(true);
    const reactBasic = loadHarness('react-basic');
    const evolved = loadHarness('evolved-smollm2');
    // react-basic is shown first: its selector part, parameters and ids.
    expect(await page.inputValue('#harness-pick')).toBe('preset:react-basic');
    expect(await page.textContent('#harness-detail tr[data-slot="selector"] .part')).toBe('free-generation');
    expect(await page.textContent('#harness-detail [data-field="id"]')).toBe(reactBasic.id);
    expect(await page.textContent('#harness-detail [data-field="behaviourId"]')).toBe(behaviourId(reactBasic.spec));
    expect(await page.textContent('#harness-detail tr[data-slot="selector"] table.params')).toContain('maxTokens');
    // The diff react-basic → evolved-smollm2: the selector replaced by numbered-menu, subgoal-shortlist added.
    await page.selectOption('#harness-diff-a', 'preset:react-basic');
    await page.selectOption('#harness-diff-b', 'preset:evolved-smollm2');
    expect(await page.textContent('#harness-changes li[data-change="part-replaced"][data-slot="selector"]')).toContain('numbered-menu');
    expect(await page.textContent('#harness-changes li[data-change="part-added"][data-slot="control"]')).toContain('subgoal-shortlist');
    fs.mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: path.join(screenshots, 'web-harness.png') });
    // An evolution version record (as evolve-run.ts writes versions/<id>.json) and a lineage.
    const record = versionRecordSchema.parse({
      formatVersion: 1, kind: 'version', id: evolved.id, behaviourId: behaviourId(evolved.spec), round: 1, parents: [reactBasic.id], accepted: true, reason: 'accepted',
      spec: { ...evolved.spec, parent: reactBasic.id },
      manifest: {
        formatVersion: 1, proposer: 'rules', levers: ['shortlist', 'constrained-selector'],
        edits: [{ op: 'insert', slot: 'control', part: 'subgoal-shortlist', params: {} }, { op: 'replace', slot: 'selector', part: 'numbered-menu', params: {} }],
        answers: [{ category: 'loop', count: 2, episodes: ['household/heat-mug-kitchen-v1#0', 'household/heat-mug-kitchen-v1#1'] }],
        predicted: { unlock: ['household/heat-mug-kitchen-v1#0'], risk: [] },
        signatures: [{ event: 'control', part: 'subgoal-shortlist' }], rationale: 'offer only the actions serving the current stage',
      },
      gate: {
        accepted: true, reason: 'accepted',
        checks: [{ name: 'manifest', ok: true, detail: 'complete' }, { name: 'builds', ok: true, detail: 'builds' }, { name: 'signature', ok: true, detail: 'seen' }, { name: 'improves', ok: true, detail: '0 → 2 of 2' }, { name: 'seesaw', ok: true, detail: 'lost 0' }],
        paired: { gained: 2, lost: 0, pOneSided: 0.25, parentSuccesses: 0, candidateSuccesses: 2, episodes: 2 },
      },
      evidence: [{ scenarioId: 'household/heat-mug-kitchen-v1', seed: 0, primary: 'loop', categories: [{ category: 'loop', evidence: [{ excerpt: 'look, look, look' }] }] }],
      results: [{ scenarioId: 'household/heat-mug-kitchen-v1', seed: 0, success: true, steps: 9, tokens: 120, seconds: 1 }],
      successRate: 1,
    });
    const lineage = lineageSchema.parse({
      formatVersion: 1, start: reactBasic.id, best: evolved.id,
      versions: [
        { id: reactBasic.id, behaviourId: behaviourId(reactBasic.spec), parent: null, round: 0, successRate: 0, levers: [], file: `versions/${reactBasic.id}.json` },
        { id: evolved.id, behaviourId: record.behaviourId, parent: reactBasic.id, round: 1, successRate: 1, levers: ['shortlist', 'constrained-selector'], file: `versions/${evolved.id}.json` },
      ],
      rounds: [
        { round: 1, parent: reactBasic.id, accepted: evolved.id, candidates: [
          { behaviourId: 'b-000000000001', levers: ['shortlist'], accepted: true, reason: 'accepted', successRate: 0.5, file: 'candidates/r1-b-000000000001.json' },
          { behaviourId: record.behaviourId, levers: ['shortlist', 'constrained-selector'], accepted: true, reason: 'accepted', successRate: 1, file: `candidates/r1-${record.behaviourId}.json` },
        ] },
        { round: 2, parent: evolved.id, accepted: null, candidates: [
          { behaviourId: 'b-000000000002', levers: ['stall-sooner'], accepted: false, reason: 'improves: 2 → 2 of 2', successRate: 1, file: 'candidates/r2-b-000000000002.json' },
        ] },
      ],
      hitRates: { shortlist: { tried: 2, accepted: 2 } }, stopped: 'no candidate passed the gate',
    });
    await page.setInputFiles('#harness-file', [
      { name: `${evolved.id}.json`, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(record)) },
      { name: 'lineage.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(lineage)) },
    ]);
    await page.waitForSelector('#view-harness[data-opened="1"]');
    expect(await page.getAttribute('#harness-status', 'data-state')).toBe('ok');
    expect(await page.textContent('#harness-detail')).toContain('subgoal-shortlist');
    expect(await page.textContent('#harness-detail')).toContain(`parents${reactBasic.id}`);
    expect(await page.getAttribute('#harness-detail [data-gate]', 'data-gate')).toBe('accepted');
    // The diff goes from the record's parent (react-basic, by its content id) to the record, with the evidence.
    expect(await page.inputValue('#harness-diff-a')).toBe('preset:react-basic');
    expect(await page.textContent('#harness-diff')).toContain('insert control/subgoal-shortlist');
    expect(await page.textContent('#harness-diff')).toContain('household/heat-mug-kitchen-v1#0');
    expect(await page.locator('#harness-lineage .lineage-node').count()).toBe(4);
    expect(await page.locator('#harness-lineage .lineage-node[data-state="version"]').count()).toBe(1);
    await page.screenshot({ path: path.join(screenshots, 'web-harness-record.png'), fullPage: true });
    expect(external).toEqual([]);
    expect(problems).toEqual([]);
  });
});
