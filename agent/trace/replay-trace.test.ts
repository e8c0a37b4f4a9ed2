import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hearth } from '../../cli/testing/run-hearth.ts';
import { loadWorldOrThrow } from '../../scenarios/format/load-scenario.ts';
import { HOT_MUG_PLAN, runScripted, testHouse, testSpec } from '../harness/testing/harness-test-kit.ts';
import { replayTrace } from './replay-trace.ts';
import { traceToJsonl } from './trace-io.ts';
import type { Trace } from './trace-events.ts';

const solved = () => runScripted(testSpec(), HOT_MUG_PLAN);

describe('replaying a trace', () => {
  it('reaches the recorded state hash with the same feedback at every step', async () => {
    const trace = await solved();
    const result = replayTrace(trace, testHouse());
    expect(result).toMatchObject({ ok: true, steps: HOT_MUG_PLAN.length, problem: null });
    expect(result.stateHash).toBe((trace.events.at(-1) as { stateHash: string }).stateHash);
  });

  it('names the step whose feedback differs', async () => {
    const trace = await solved();
    const tampered: Trace = { ...trace, events: trace.events.map((event) => (event.type === 'action-apply' && event.step === 3 ? { ...event, feedback: 'Nothing happens.' } : event)) };
    expect(replayTrace(tampered, testHouse()).problem).toMatch(/^step 3 "take mug 1 from cabinet 1": the world answered/);
  });

  it('refuses a changed scenario and a wrong final state hash', async () => {
    const trace = await solved();
    expect(replayTrace(trace, testHouse(13)).problem).toMatch(/has changed since the trace was recorded/);
    const end = trace.events.at(-1)!;
    const wrongHash: Trace = { ...trace, events: [...trace.events.slice(0, -1), { ...end, stateHash: 'f'.repeat(64) } as typeof end] };
    expect(replayTrace(wrongHash, testHouse()).problem).toMatch(/the trace recorded ffffffffffff/);
  });

  it('hearth trace replay finds a library scenario by the id in the trace', async () => {
    const file = 'scenarios/library/pick-apple-countertop.json';
    const trace = await runScripted(testSpec(), ['look', 'inventory'], { scenario: loadWorldOrThrow(file) });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-replay-'));
    const traceFile = path.join(dir, 't.jsonl');
    fs.writeFileSync(traceFile, traceToJsonl(trace));
    const replayed = await hearth('trace', 'replay', traceFile);
    expect(replayed.code).toBe(0);
    expect(replayed.out).toMatch(/^replayed \d+ steps of .* as recorded$/);
    fs.writeFileSync(traceFile, traceToJsonl({ ...trace, header: { ...trace.header, scenario: { ...trace.header.scenario, id: 'no-such-scenario' } } }));
    const missing = await hearth('trace', 'replay', traceFile);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('pass the scenario file with --scenario FILE');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
