import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openEpisodeLog } from '../../bench/episode-log.ts';
import { runEpisodeJobs, scenarioTask } from '../../bench/run-episodes.ts';
import { createScriptedBackend } from '../../models/scripted-backend.ts';
import type { SandboxFaultKind, Trace } from '../../trace/trace-events.ts';
import { builtInParts } from '../all-parts.ts';
import { buildHarness } from '../build-harness.ts';
import { harnessSpecSchema } from '../harness-spec.ts';
import { HOT_MUG_PLAN, applied, endOf, eventsOf, prompts, runScripted, testHouse, testSpec } from '../testing/harness-test-kit.ts';
import { EQUIVALENTS } from './builtin-equivalents.ts';
import { loadSandbox } from './quickjs-sandbox.ts';

const MS = 100;

/** A spec with one sandboxed control part at `hook` that may change `mayChange`. */
function sandboxed(source: string, options: { hook?: string; mayChange?: string[]; msPerCall?: number; memoryBytes?: number } = {}): unknown {
  const limits = { msPerCall: options.msPerCall ?? MS, ...(options.memoryBytes ? { memoryBytes: options.memoryBytes } : {}) };
  return testSpec({ control: [{ part: 'sandboxed-js', params: { kind: 'control', hook: options.hook ?? 'step-start', mayChange: options.mayChange ?? ['rules'], source, limits } }] });
}

/** Runs `source` for one episode; returns the trace and how long the episode took. */
async function timed(spec: unknown): Promise<{ trace: Trace; ms: number }> {
  const started = performance.now();
  const trace = await runScripted(spec, HOT_MUG_PLAN);
  return { trace, ms: performance.now() - started };
}

function expectFault(trace: Trace, fault: SandboxFaultKind, message?: RegExp): void {
  const faults = eventsOf(trace, 'sandbox-fault');
  expect(faults).toHaveLength(1);
  expect(faults[0]).toMatchObject({ part: 'sandboxed-js', hook: 'step-start', fault, step: 1 });
  if (message) expect(faults[0]!.message).toMatch(message);
  expect(eventsOf(trace, 'part-error')[0]).toMatchObject({ part: 'sandboxed-js', hook: 'step-start' });
  expect(endOf(trace)).toMatchObject({ success: false, termination: 'part-error', steps: 0 });
}

beforeAll(loadSandbox);

describe('sandboxed-js stops code that misbehaves, as a failed episode with the fault', () => {
  it('stops a part that loops forever within its time limit', async () => {
    const { trace, ms } = await timed(sandboxed('function run() { while (true) {} }'));
    expectFault(trace, 'timeout', /msPerCall=100/);
    expect(ms).toBeLessThan(MS * 30);
  });

  it('stops a part that loops forever at the top level of its source', async () => {
    const { trace, ms } = await timed(sandboxed('for (;;) {}\nfunction run() { return {}; }'));
    expectFault(trace, 'timeout');
    expect(ms).toBeLessThan(MS * 30);
  });

  it.each([
    ['many small objects (QuickJS malloc limit)', 'function run() { const a = []; for (;;) a.push({ n: a.length, s: "x" + a.length }); }'],
    ['large arrays (wasm heap growth)', 'function run() { const a = []; for (;;) a.push(new Array(2000).fill(a.length)); }'],
    ['a string that doubles', 'function run() { let s = "x"; for (;;) s = s + s + "y"; }'],
    ['unbounded recursion (stack limit)', 'function run() { function deeper(n) { return deeper(n + 1) + 1; } return deeper(0); }'],
  ])('stops a part that allocates without bound: %s', async (_name, source) => {
    const { trace, ms } = await timed(sandboxed(source, { msPerCall: 5_000, memoryBytes: 4 << 20 }));
    expectFault(trace, 'memory');
    // Stopped by memory, well before the generous time limit.
    expect(ms).toBeLessThan(5_000);
  });

  it.each([
    ['process', 'process.exit(1)', /'process' is not defined/],
    ['require', 'require("node:fs").writeFileSync("/tmp/hearth-sandbox-escape", "x")', /'require' is not defined/],
    ['globalThis.process', 'globalThis.process.env.HOME', /cannot read property 'env' of undefined/i],
    ['the Function constructor', 'Function("return process")().exit(1)', /'process' is not defined/],
    ['fetch', 'fetch("http://127.0.0.1:9/")', /'fetch' is not defined/],
    ['XMLHttpRequest', 'new XMLHttpRequest()', /'XMLHttpRequest' is not defined/],
    ['QuickJS std (files)', 'std.loadFile("/etc/passwd")', /'std' is not defined/],
    ['QuickJS os (files)', 'os.readdir("/")', /'os' is not defined/],
    ['console', 'console.log("hi")', /'console' is not defined/],
    ['setTimeout', 'setTimeout(() => {}, 0)', /'setTimeout' is not defined/],
    ['Date (not deterministic)', 'Date.now()', /'Date' is not defined/],
    ['Math.random (not deterministic)', 'Math.random()', /Math.random is not available/],
  ])('a part reaching for %s throws inside the sandbox', async (_name, expression, message) => {
    const { trace } = await timed(sandboxed(`function run() { return { turn: { rules: [String(${expression})] } }; }`));
    expectFault(trace, 'threw', message);
    expect(fs.existsSync('/tmp/hearth-sandbox-escape')).toBe(false);
  });

  it('never settles import(): a part that needs a module gets an output fault, and a static import does not build', async () => {
    const dynamic = await timed(sandboxed('function run() { return import("node:fs").then((fs) => ({ turn: { rules: [String(fs.readFileSync("/etc/passwd"))] } })); }'));
    expectFault(dynamic.trace, 'output', /returned a promise/);
    const asynchronous = await timed(sandboxed('async function run() { const fs = await import("node:fs"); return {}; }'));
    expectFault(asynchronous.trace, 'output', /returned a promise/);
    const statically = await timed(sandboxed('import fs from "node:fs";\nfunction run() { return {}; }'));
    expectFault(statically.trace, 'build', /SyntaxError/);
  });

  it('shows the part only the standard language: no host globals at all', async () => {
    const source = 'function run(input) { return { turn: { rules: input.turn.rules.concat([Object.getOwnPropertyNames(globalThis).join(",")]) } }; }';
    const trace = await runScripted(sandboxed(source), ['look']);
    const globals = prompts(trace)[0]!.match(/Error,EvalError[^"\\]*/)?.[0].split(',') ?? [];
    expect(globals).toContain('JSON');
    expect(globals).toContain('run');
    for (const host of ['process', 'require', 'module', 'fetch', 'console', 'setTimeout', 'setInterval', 'queueMicrotask', 'std', 'os', 'Buffer', 'XMLHttpRequest', 'WebSocket', 'WebAssembly', 'performance', 'navigator', 'self', 'window', 'document', 'postMessage', 'importScripts', 'Date']) {
      expect(globals).not.toContain(host);
    }
  });

  it.each([
    ['a syntax error', 'function run( {', 'build', /SyntaxError/],
    ['no run function', 'function main() { return {}; }', 'build', /defines no function run/],
    ['a thrown error', 'function run() { throw new Error("no plan"); }', 'threw', /Error: no plan/],
    ['a section that is not text', 'function run() { return { turn: { sections: { notes: 42 } } }; }', 'output', /turn.sections.notes/],
    ['a key that is not a turn field', 'function run() { return { turn: { mood: "happy" } }; }', 'output', /mood/],
    ['an answer that is not an object', 'function run() { return 42; }', 'output', /expected object/],
    ['a selector that does not exist', 'function run() { return { turn: { control: { selector: "telepathy", stop: null } } }; }', 'output', /turn.control.selector/],
  ] as const)('turns %s into a %s fault', async (_name, source, fault, message) => {
    const { trace } = await timed(sandboxed(source, { mayChange: ['rules', 'sections', 'control'] }));
    expectFault(trace, fault, message);
  });
});

describe('sandboxed-js keeps the part contract', () => {
  it('catches a change to a field outside mayChange (a contract fault, not a crash) and applies nothing', async () => {
    const source = 'function run(input) { return { turn: { sections: { notes: "hi" }, action: "go to fridge 1" } }; }';
    const trace = await runScripted(sandboxed(source, { mayChange: ['sections'] }), HOT_MUG_PLAN);
    expectFault(trace, 'contract', /changed 'action' at hook 'step-start', but params.mayChange allows only \[sections\]/);
    expect(applied(trace)).toEqual([]);
  });

  it('returning an unchanged value for a field outside mayChange is no violation (as for built-in parts)', async () => {
    const source = 'function run(input) { return { turn: { action: input.turn.action, rules: ["Open closed receptacles first."] } }; }';
    const trace = await runScripted(sandboxed(source, { mayChange: ['rules'] }), HOT_MUG_PLAN);
    expect(eventsOf(trace, 'sandbox-fault')).toEqual([]);
    expect(endOf(trace)).toMatchObject({ success: true });
    expect(prompts(trace)[0]).toContain('Open closed receptacles first.');
  });

  it('gives its slot the kind and contract of its params, checked when the harness is built', () => {
    const harness = buildHarness(sandboxed('function run() { return {}; }', { hook: 'before-action', mayChange: ['action'] }), builtInParts);
    expect(harness.slots[0]!.definition).toMatchObject({ name: 'sandboxed-js', kind: 'control', mayChange: { 'before-action': ['action'] } });
    const misplaced = testSpec({ summarizers: [{ part: 'sandboxed-js', params: { kind: 'validator', hook: 'before-action', mayChange: ['action'] } }] });
    expect(() => buildHarness(misplaced, builtInParts)).toThrow(/slots.summarizers\[0\]: part 'sandboxed-js' is a validator, but this slot needs a summarizer/);
    expect(() => buildHarness(sandboxed('x', { mayChange: ['mood'] }), builtInParts)).toThrow(/slots.control\[0\].params of 'sandboxed-js' are invalid: mayChange.0/);
  });

  it('keeps its store between calls of one episode and starts empty in the next', async () => {
    const source = 'function run(input) { const calls = (input.store.calls || 0) + 1; return { turn: { rules: input.turn.rules.concat(["call " + calls]) }, store: { calls } }; }';
    const spec = sandboxed(source);
    const first = await runScripted(spec, HOT_MUG_PLAN);
    const second = await runScripted(spec, HOT_MUG_PLAN);
    expect(prompts(first)[2]).toContain('call 3');
    expect(prompts(second)[0]).toContain('call 1');
  });
});

describe('sandboxed-js with a signal', () => {
  const withSignal = (slot: 'control' | 'validators', params: Record<string, unknown>) => testSpec({ [slot]: [{ part: 'sandboxed-js', params: { limits: { msPerCall: MS }, signal: 'sandboxed', ...params } }] });

  it('leaves a control event on each step whose call changed a turn field, and none when it changed nothing', async () => {
    // Every other step adds a rule (view.step counts from 0, trace steps from 1); the others return the rules unchanged.
    const source = 'function run(input) { return { turn: { rules: input.view.step % 2 === 0 ? input.turn.rules.concat(["Odd step."]) : input.turn.rules } }; }';
    const trace = await runScripted(withSignal('control', { kind: 'control', hook: 'step-start', mayChange: ['rules'], source }), HOT_MUG_PLAN);
    const events = eventsOf(trace, 'control').filter((event) => event.part === 'sandboxed-js');
    expect(endOf(trace)).toMatchObject({ success: true, steps: 7 });
    expect(events.map((event) => event.step)).toEqual([1, 3, 5, 7]);
    expect(events[0]).toMatchObject({ signal: 'sandboxed', detail: 'step-start: changed rules' });
  });

  it('signals at most once per step when its hook runs several times in a step (a validator sending every action back)', async () => {
    const source = 'function run(input) { return { turn: { retry: { reason: "check", feedback: "Think again." } } }; }';
    const trace = await runScripted(withSignal('validators', { kind: 'validator', hook: 'before-action', mayChange: ['retry'], source }), HOT_MUG_PLAN);
    const caps = eventsOf(trace, 'control').filter((event) => event.signal === 'retry-cap');
    const events = eventsOf(trace, 'control').filter((event) => event.part === 'sandboxed-js');
    expect(caps.length).toBeGreaterThan(0); // not vacuous: the hook did run more than once in those steps
    expect(events.map((event) => event.step)).toEqual(caps.map((event) => event.step));
    expect(events[0]).toMatchObject({ signal: 'sandboxed', detail: 'before-action: changed retry' });
  });

  it('leaves no control event without a signal', async () => {
    const trace = await runScripted(sandboxed('function run(input) { return { turn: { rules: input.turn.rules.concat(["Go."]) } }; }'), HOT_MUG_PLAN);
    expect(prompts(trace)[0]).toContain('Go.');
    expect(eventsOf(trace, 'control').filter((event) => event.part === 'sandboxed-js')).toEqual([]);
  });
});

describe('a sandboxed part and the equivalent built-in part', () => {
  it('give the same trace on the same episode (the changes summarizer and the step-budget control)', async () => {
    const replies = ['look', 'go to fridge 1', 'open fridge 1', ...HOT_MUG_PLAN];
    const spec = (side: 'builtIn' | 'sandboxed') => testSpec({
      summarizers: [{ part: 'observation-text' }, ...EQUIVALENTS.filter((e) => e.slot === 'summarizers').map((e) => e[side])],
      control: EQUIVALENTS.filter((e) => e.slot === 'control').map((e) => e[side]),
    });
    const builtIn = await runScripted(spec('builtIn'), replies);
    const sandbox = await runScripted(spec('sandboxed'), replies);
    expect(sandbox.events).toEqual(builtIn.events);
    expect(sandbox.header.harnessId).not.toBe(builtIn.header.harnessId);
    // Not vacuous: both parts had something to say in the prompts.
    expect(prompts(sandbox).some((prompt) => prompt.includes('New since last step: '))).toBe(true);
    expect(prompts(sandbox).some((prompt) => prompt.includes('Only 5 steps are left'))).toBe(true);
    expect(endOf(sandbox)).toMatchObject({ success: true, steps: 10 });
  });
});

describe('a faulting sandboxed candidate in the episode runner evolution uses', () => {
  it('is a logged failed episode, not a crashed run', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-sandbox-'));
    try {
      const spec = harnessSpecSchema.parse(sandboxed('function run() { while (true) {} }'));
      const jobs = [3, 4].map((seed) => ({ spec, task: scenarioTask(testHouse()), seed }));
      const results = await runEpisodeJobs(jobs, { log: openEpisodeLog(dir), model: createScriptedBackend({ replies: [], fallback: 'look' }) });
      expect(results.map((r) => [r.success, r.termination])).toEqual([[false, 'part-error'], [false, 'part-error']]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
