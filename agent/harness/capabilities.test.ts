import { describe, expect, it } from 'vitest';
import { createHearthEnvironment } from '../../envs/hearth/hearth-env.ts';
import { createNullChooser } from '../models/null-chooser.ts';
import { builtInParts } from './all-parts.ts';
import { buildHarness } from './build-harness.ts';
import { assertHarnessFits, missingCapabilities } from './capabilities.ts';
import { loadHarness } from './presets/load-harness.ts';
import { runEpisode } from './run-episode.ts';
import { HOT_MUG_PLAN, runScripted, testHouse, testSpec } from './testing/harness-test-kit.ts';
import { createScriptedBackend } from '../models/scripted-backend.ts';

const text = createHearthEnvironment({ view: 'text' }).description;
const full = createHearthEnvironment().description;

describe('capabilities: a harness is checked against the environment before any episode', () => {
  it('refuses a part that reads the goal tree on a text-only environment, naming the slot, the part and the capability', () => {
    const harness = buildHarness(testSpec({ decomposer: { part: 'goal-tree' }, summarizers: [{ part: 'observation-text' }, { part: 'ascii-map' }] }), builtInParts);
    expect(missingCapabilities(harness, [])).toEqual([
      { part: 'ascii-map', path: 'slots.summarizers[1]', missing: ['hearth-structure'] },
      { part: 'goal-tree', path: 'slots.decomposer', missing: ['hearth-structure'] },
    ]);
    expect(() => assertHarnessFits(harness, text)).toThrow(/Hearth's text view.*slots\.summarizers\[1\] 'ascii-map' needs hearth-structure; slots\.decomposer 'goal-tree' needs hearth-structure/);
    expect(() => assertHarnessFits(harness, full)).not.toThrow();
  });

  it('runEpisode refuses it too (a programming error, not a failed episode)', async () => {
    const harness = loadHarness('evolved-smollm2-search');
    await expect(runEpisode({ scenario: testHouse(), seed: 0, view: 'text', model: createNullChooser(0), harness })).rejects.toThrow(/subgoal-shortlist' needs hearth-structure/);
  });

  it('the text-only presets run on the text view; their traces record the environment and have no goal tree', async () => {
    for (const name of ['minimal', 'react-basic', 'menu-minimal', 'text-best']) expect(missingCapabilities(loadHarness(name), [])).toEqual([]);
    const trace = await runEpisode({ scenario: testHouse(), seed: 3, view: 'text', model: createScriptedBackend({ replies: HOT_MUG_PLAN }), harness: buildHarness(testSpec(), builtInParts) });
    expect(trace.header.env).toEqual({ id: 'hearth', version: expect.stringMatching(/^hearth /), params: { physics: 'kinematic', view: 'text' }, capabilities: [] });
    const start = trace.events.find((e) => e.type === 'episode-start');
    expect(start && 'goalTree' in start).toBe(false);
    expect(trace.events.at(-1)).toMatchObject({ type: 'episode-end', success: true, score: 1 });
  });

  it('episodic-notes works from text alone: places visited and what was there', async () => {
    const trace = await runScripted(testSpec({ memory: [{ part: 'episodic-notes' }] }), ['go to cabinet 1', 'open cabinet 1', 'look']);
    // Same spec on the text view: the notes come from the action text and the observation sentence.
    const textTrace = await runEpisode({ scenario: testHouse(), seed: 3, view: 'text', model: createScriptedBackend({ replies: ['go to cabinet 1', 'open cabinet 1', 'look'], fallback: 'look' }), harness: buildHarness(testSpec({ memory: [{ part: 'episodic-notes' }] }), builtInParts) });
    const prompts = (t: typeof trace) => t.events.filter((e) => e.type === 'model-call').map((e) => JSON.stringify(e.type === 'model-call' ? e.input : null));
    expect(prompts(trace)[2]).toMatch(/Already searched: cabinet 1/);
    expect(prompts(textTrace)[1]).toMatch(/Already visited: cabinet 1/);
    expect(prompts(textTrace)[2]).toMatch(/at cabinet 1: [^"]*mug 1/);
  });
});
