/**
 * Test helper: a tiny benchmark folder with hand-made traces, small enough that every number in
 * its report can be worked out by hand (see bench-metrics.test.ts for the arithmetic).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BenchConfig } from '../../bench/bench-config.ts';
import { openEpisodeLog } from '../../bench/episode-log.ts';
import { harnessSpecSchema } from '../../harness/harness-spec.ts';
import { testSpec } from '../../harness/testing/harness-test-kit.ts';
import type { Trace, TraceEvent, TraceEventInput } from '../../trace/trace-events.ts';

/** One step of a hand-made episode. */
export interface HandStep {
  action: string;
  /** The world accepted it (default true). */
  ok?: boolean;
  /** The selector guessed `guessedFrom` and an admissibility repair turned it into `action`. */
  guessedFrom?: string;
  /** A validator rejected the first choice once (the same action was then chosen again). */
  rejected?: boolean;
}

export interface HandEpisode {
  model: string;
  chooser: 'model' | 'null';
  harnessId: string;
  scenarioId: string;
  taskType: string;
  seed: number;
  success: boolean;
  steps: HandStep[];
}

const spec = harnessSpecSchema.parse(testSpec());
/** Every model call takes one second and 100 tokens (prompt 90, completion 10). */
export const CALL_MS = 1000;
export const CALL_TOKENS = 100;

function handTrace(episode: HandEpisode): Trace {
  const events: TraceEventInput[][] = [[{ type: 'episode-start', goal: 'hand-made goal', stepLimit: 10, observation: 'a room' }]];
  const byModel = episode.chooser === 'model';
  for (const step of episode.steps) {
    const list: TraceEventInput[] = [{ type: 'step-start' }];
    const choose = (action: string, guessed: boolean) => {
      if (byModel) list.push({ type: 'model-call', part: 'free-generation', kind: 'generate', input: { messages: [{ role: 'user', content: 'act' }] }, output: action, usage: { promptTokens: 90, cachedPromptTokens: 0, completionTokens: 10 }, timings: { promptMs: 800, generateMs: 200, totalMs: CALL_MS } });
      list.push({ type: 'action-select', part: byModel ? 'free-generation' : 'null-chooser', action, thought: null, guessed });
    };
    if (step.rejected) {
      choose(step.action, false);
      list.push({ type: 'action-reject', part: 'learned-preconditions', action: step.action, reason: 'container-closed', feedback: 'open it first' });
    }
    choose(step.guessedFrom ?? step.action, step.guessedFrom !== undefined);
    if (step.guessedFrom) list.push({ type: 'action-repair', part: 'admissible', from: step.guessedFrom, to: step.action, why: 'closest valid action' });
    const ok = step.ok ?? true;
    list.push({ type: 'action-apply', action: step.action, feedback: ok ? 'done' : 'Nothing there.', reason: ok ? 'ok' : 'not-visible', success: ok });
    events.push(list);
  }
  const calls = events.flat().filter((e) => e.type === 'model-call').length;
  events.push([{ type: 'episode-end', success: episode.success, steps: episode.steps.length, termination: episode.success ? 'success' : 'step-limit', reward: episode.success ? 1 : 0, modelCalls: calls, tokens: calls * CALL_TOKENS }]);
  return {
    header: {
      type: 'header', formatVersion: 1, harnessId: episode.harnessId, harness: spec,
      model: { id: episode.model, backend: byModel ? 'scripted' : 'null', source: 'hand', contextSize: 1000, settings: {} },
      scenario: { id: episode.scenarioId, seed: episode.seed, taskType: episode.taskType },
      physics: 'kinematic',
    },
    events: events.flatMap((list, step) => list.map((event) => ({ ...event, step }) as TraceEvent)),
  };
}

/** Writes config.json and the episodes (results and traces) into `dir`. */
export function writeHandMadeRun(dir: string, config: BenchConfig, episodes: HandEpisode[]): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'config.json'), `${JSON.stringify(config, null, 2)}\n`);
  const log = openEpisodeLog(dir);
  for (const episode of episodes) {
    const trace = handTrace(episode);
    const end = trace.events.at(-1) as Extract<TraceEvent, { type: 'episode-end' }>;
    log.append({
      key: [episode.harnessId, episode.model, episode.chooser, episode.scenarioId, episode.seed, 'kinematic'].join('|'), behaviourId: `b-${episode.harnessId}`, harnessId: episode.harnessId,
      model: episode.model, chooser: episode.chooser, scenarioId: episode.scenarioId, seed: episode.seed, success: episode.success, steps: episode.steps.length,
      termination: end.termination, tokens: end.tokens, modelCalls: end.modelCalls, seconds: 0.5,
    }, trace);
  }
}

/** A config naming models `m` (scripted) and `random`, harnesses `one` (h-a) and `two` (h-b), scenarios s/a and s/b. */
export function handMadeConfig(): BenchConfig {
  return {
    formatVersion: 1, kind: 'bench',
    models: [{ spec: 'm', id: 'm', backend: 'scripted', sha256: null }, { spec: 'random', id: 'random', backend: 'null', sha256: null }],
    harnesses: [{ ref: 'one', name: 'one', harnessId: 'h-a', behaviourId: 'b-h-a', spec }, { ref: 'two', name: 'two', harnessId: 'h-b', behaviourId: 'b-h-b', spec }],
    source: { suite: null, splits: [], manifestSha256: null, files: 'hand-made', limit: null },
    scenarios: [{ id: 's/a', sha256: 'a'.repeat(64), taskType: 'pick', oracleSteps: 2 }, { id: 's/b', sha256: 'b'.repeat(64), taskType: 'heat', oracleSteps: 4 }],
    seeds: [0, 1], physics: 'kinematic', runner: { maxRetries: 4, modelTimeoutMs: 60_000 }, hearthVersion: '0.1.0',
  };
}

const ok = (...actions: string[]): HandStep[] => actions.map((action) => ({ action }));

/**
 * The episodes bench-metrics.test.ts works out by hand. Model `m` with harness `one` (h-a):
 * s/a#0 solved in 2 steps; s/a#1 solved in 4 (one repeat); s/b#0 failed in 3 (two refused, one
 * repeat); s/b#1 failed in 2 (a guess repaired, a rejection, one repeat). With `two` (h-b) it
 * solves all four in 4 steps each. The null chooser with `one` solves only s/a#0 (2 steps).
 */
export function handMadeEpisodes(): HandEpisode[] {
  const m = { model: 'm', chooser: 'model' as const };
  const random = { model: 'random', chooser: 'null' as const };
  const a = { scenarioId: 's/a', taskType: 'pick' };
  const b = { scenarioId: 's/b', taskType: 'heat' };
  return [
    { ...m, harnessId: 'h-a', ...a, seed: 0, success: true, steps: ok('go to x', 'take y') },
    { ...m, harnessId: 'h-a', ...a, seed: 1, success: true, steps: ok('look', 'look', 'go to x', 'take y') },
    { ...m, harnessId: 'h-a', ...b, seed: 0, success: false, steps: [{ action: 'go to z', ok: false }, { action: 'go to z', ok: false }, { action: 'look' }] },
    { ...m, harnessId: 'h-a', ...b, seed: 1, success: false, steps: [{ action: 'look', guessedFrom: 'lok' }, { action: 'look', rejected: true }] },
    ...[a, b].flatMap((scenario) => [0, 1].map((seed) => ({ ...m, harnessId: 'h-b', ...scenario, seed, success: true, steps: ok('go to x', 'open x', 'take y', 'put y') }))),
    { ...random, harnessId: 'h-a', ...a, seed: 0, success: true, steps: ok('go to x', 'take y') },
    { ...random, harnessId: 'h-a', ...a, seed: 1, success: false, steps: ok('look', 'look') },
    { ...random, harnessId: 'h-a', ...b, seed: 0, success: false, steps: ok('look') },
    { ...random, harnessId: 'h-a', ...b, seed: 1, success: false, steps: ok('look') },
  ];
}
