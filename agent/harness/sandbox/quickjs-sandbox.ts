/**
 * Runs model-written JavaScript inside QuickJS compiled to WebAssembly (quickjs-emscripten, its
 * default sync release variant) — never in the host's own engine. Every call gets a fresh runtime
 * and context with a deadline, a memory limit and a stack limit, and no host objects at all: JSON
 * text goes in, JSON text comes out. Browser-safe (no `node:*`): the browser app runs the same code.
 */
import { DefaultIntrinsics, newQuickJSWASMModule, type QuickJSContext, type QuickJSHandle, type QuickJSWASMModule } from 'quickjs-emscripten';
import type { SandboxFaultKind } from '../../trace/trace-events.ts';

/** Per-call limits (a part's `params.limits`). */
export interface SandboxLimits {
  /** Wall-clock time for one call: evaluating the source and running `run(input)`. */
  msPerCall: number;
  /** QuickJS's own malloc limit, and the most the wasm heap may grow during one call. */
  memoryBytes: number;
}

/** What one call gave: the value `run(input)` returned (parsed JSON), or the fault that stopped it. */
export type SandboxOutcome = { ok: true; value: unknown } | { ok: false; fault: SandboxFaultKind; message: string };

/**
 * QuickJS's stack limit. Fixed, not a parameter: wasm frames share the host thread's native stack,
 * and above ~512 KiB a deep recursion overflows the host (Node's main thread) instead of QuickJS.
 */
export const SANDBOX_STACK_BYTES = 256 * 1024;

// Before the part's source: nothing that varies between runs (Date is left out of the intrinsics).
const PRELUDE = `Math.random = function random() { throw new Error('Math.random is not available in a sandboxed part: parts must be deterministic; keep what you need in store'); };`;

// After it: one call, JSON text in and out. Tags say what went wrong in the shape of the answer.
const CALL = `(function (inputJson) {
  if (typeof run !== 'function') return '{"status":"no-run"}';
  const output = run(JSON.parse(inputJson));
  if (output !== null && typeof output === 'object' && typeof output.then === 'function') return '{"status":"promise"}';
  return JSON.stringify({ status: 'ok', output: output === undefined ? {} : output });
})`;

// Instead of the call, for a check ahead of any episode: does the source define run?
const DEFINES_RUN = `(function () { return typeof run === 'function' ? '{"status":"ok","output":{}}' : '{"status":"no-run"}'; })`;

let loading: Promise<QuickJSWASMModule> | null = null;

/** The wasm module, loaded once; a host-level failure (a wasm abort) drops it so the next call loads a fresh one. */
function quickjs(): Promise<QuickJSWASMModule> {
  loading ??= newQuickJSWASMModule();
  return loading;
}

/** Loads the wasm module ahead of the first call (a part's first call otherwise pays for it, outside its deadline). */
export async function loadSandbox(): Promise<void> {
  await quickjs();
}

/** The wasm heap's size (emscripten's HEAPU8), or null when the build does not expose it. */
function heapBytes(module: QuickJSWASMModule): number | null {
  // Not public API: QuickJS counts a block's bytes only when malloc_usable_size works, which this
  // build lacks, so large arrays escape `setMemoryLimit`. The heap's growth is the honest measure.
  const heap = (module as unknown as { module?: { HEAPU8?: Uint8Array } }).module?.HEAPU8;
  return heap ? heap.byteLength : null;
}

/** Why QuickJS stopped, from what the interrupt handler saw and the error QuickJS threw. */
function faultOf(phase: 'build' | 'call', error: { name?: unknown; message?: unknown }, watch: { timedOut: boolean; grewTooMuch: boolean }): SandboxFaultKind {
  if (watch.grewTooMuch) return 'memory';
  if (watch.timedOut) return 'timeout';
  if (error.name === 'InternalError' && /^(out of memory|stack overflow|string too long)/.test(String(error.message))) return 'memory';
  return phase === 'build' ? 'build' : 'threw';
}

function describeError(context: QuickJSContext, handle: QuickJSHandle): { name?: unknown; message?: unknown; text: string } {
  const dumped: unknown = context.dump(handle);
  if (dumped && typeof dumped === 'object') {
    const { name, message } = dumped as { name?: unknown; message?: unknown };
    return { name, message, text: `${String(name ?? 'Error')}: ${String(message ?? '')}` };
  }
  return { text: `thrown value: ${JSON.stringify(dumped) ?? String(dumped)}` };
}

const LIMIT_WORDS: Record<SandboxFaultKind, (limits: SandboxLimits) => string> = {
  build: () => 'the source does not evaluate; it must be plain JavaScript (a script, not a module) that defines function run(input)',
  timeout: (limits) => `run(input) took longer than limits.msPerCall=${limits.msPerCall} ms; remove unbounded loops or raise the limit`,
  memory: (limits) => `the part exhausted its memory (limits.memoryBytes=${limits.memoryBytes}, stack ${SANDBOX_STACK_BYTES} bytes); remove unbounded allocation or recursion`,
  contract: () => 'it changed a field it may not change',
  output: () => 'run(input) must return a plain object { turn?, store? } synchronously',
  threw: () => 'run(input) threw; only standard JavaScript is available (no console, process, require, fetch, timers or modules)',
};

/** A fault with a message saying what happened and what would fix it. */
function fault(kind: SandboxFaultKind, detail: string, limits: SandboxLimits): SandboxOutcome {
  return { ok: false, fault: kind, message: `${detail} — ${LIMIT_WORDS[kind](limits)}` };
}

/** Ends a call early with its outcome (inside `callOnce` only). */
class Stopped {
  constructor(readonly outcome: SandboxOutcome) {}
}

/**
 * Evaluates `source` in a fresh QuickJS context and calls its `run` with `inputJson` parsed;
 * returns what `run` returned (as JSON) or the fault. Never throws for anything the source does.
 */
export async function runInSandbox(source: string, inputJson: string, limits: SandboxLimits): Promise<SandboxOutcome> {
  return inFreshContext(source, CALL, inputJson, limits);
}

/**
 * Evaluates `source` as a call would (fresh context, same limits) and checks that it defines
 * `run`, without calling it: ok, or the `build` fault of a syntax error or a missing `run` (or a
 * timeout or memory fault of its top-level code). A cheap check before any episode runs it.
 */
export async function checkSandboxSource(source: string, limits: SandboxLimits): Promise<SandboxOutcome> {
  return inFreshContext(source, DEFINES_RUN, '{}', limits);
}

async function inFreshContext(source: string, call: string, inputJson: string, limits: SandboxLimits): Promise<SandboxOutcome> {
  const module = await quickjs();
  try {
    return callOnce(module, source, call, inputJson, limits);
  } catch (error) {
    // The wasm module itself failed (an abort, or the host's native stack ran out): never reuse it.
    if (!(error instanceof WebAssembly.RuntimeError || error instanceof RangeError)) throw error;
    loading = null;
    return fault(error instanceof RangeError ? 'memory' : 'threw', `the sandbox's wasm module failed: ${error.name}: ${error.message}`, limits);
  }
}

function callOnce(module: QuickJSWASMModule, source: string, callText: string, inputJson: string, limits: SandboxLimits): SandboxOutcome {
  const runtime = module.newRuntime();
  const handles: QuickJSHandle[] = [];
  let context: QuickJSContext | null = null;
  try {
    runtime.setMemoryLimit(limits.memoryBytes);
    runtime.setMaxStackSize(SANDBOX_STACK_BYTES);
    const vm = runtime.newContext({ intrinsics: { ...DefaultIntrinsics, Date: false } });
    context = vm;
    const heapAtStart = heapBytes(module);
    const watch = { timedOut: false, grewTooMuch: false };
    const grown = () => heapAtStart !== null && (heapBytes(module) ?? heapAtStart) - heapAtStart > limits.memoryBytes;
    const deadline = Date.now() + limits.msPerCall;
    runtime.setInterruptHandler(() => {
      if (grown()) watch.grewTooMuch = true;
      else if (Date.now() > deadline) watch.timedOut = true;
      return watch.grewTooMuch || watch.timedOut;
    });
    const take = (phase: 'build' | 'call', result: ReturnType<QuickJSContext['evalCode']>): QuickJSHandle => {
      if (result.error) {
        handles.push(result.error);
        const error = describeError(vm, result.error);
        // An interrupt's own error only says "interrupted": say what the handler saw instead.
        const detail = watch.grewTooMuch ? `the wasm heap grew by more than ${limits.memoryBytes} bytes` : watch.timedOut ? `still running after ${limits.msPerCall} ms` : error.text;
        throw new Stopped(fault(faultOf(phase, error, watch), detail, limits));
      }
      handles.push(result.value);
      return result.value;
    };
    take('build', vm.evalCode(PRELUDE, 'hearth-prelude.js'));
    take('build', vm.evalCode(source, 'part.js', { type: 'global', strict: true }));
    const call = take('build', vm.evalCode(callText, 'hearth-call.js'));
    const argument = vm.newString(inputJson);
    handles.push(argument);
    const answer = take('call', vm.callFunction(call, vm.undefined, argument));
    if (grown()) return fault('memory', `the wasm heap grew by more than ${limits.memoryBytes} bytes during the call`, limits);
    if (vm.typeof(answer) !== 'string') return fault('output', 'the call did not answer with JSON text', limits);
    return readAnswer(vm.getString(answer), limits);
  } catch (error) {
    if (error instanceof Stopped) return error.outcome;
    throw error;
  } finally {
    for (const handle of handles) if (handle.alive) handle.dispose();
    context?.dispose();
    runtime.dispose();
  }
}

function parseAnswer(text: string): { status?: unknown; output?: unknown } | null {
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === 'object' ? (parsed as { status?: unknown; output?: unknown }) : null;
  } catch {
    return null; // only a source that replaced JSON.stringify gets here
  }
}

function readAnswer(text: string, limits: SandboxLimits): SandboxOutcome {
  const answer = parseAnswer(text);
  if (answer?.status === 'no-run') return fault('build', 'the source defines no function run(input)', limits);
  if (answer?.status === 'promise') return fault('output', 'run(input) returned a promise (async functions and import() never finish here)', limits);
  if (answer?.status !== 'ok') return fault('output', `the call answered ${JSON.stringify(text.slice(0, 80))}, not the JSON of run's result`, limits);
  return { ok: true, value: answer.output };
}
