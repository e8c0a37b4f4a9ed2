/**
 * What a sandboxed part costs per call against the built-in part it is equivalent to
 * (`builtin-equivalents.ts`): the same hook on the same view, through the runner's contract check,
 * `calls` times each; median and 90th-percentile µs per call and the ratio of the medians.
 * Each sandboxed call builds a fresh QuickJS runtime and context and evaluates the source again.
 * Usage: node cli/run-ts.js agent/harness/sandbox/bench-sandbox.ts [--json] [--calls N]
 */
import { createHearthEnvironment } from '../../../envs/hearth/hearth-env.ts';
import { builtInParts } from '../all-parts.ts';
import { buildHarness, type LivePart } from '../build-harness.ts';
import { callChecked } from '../contract.ts';
import type { HookContext } from '../define-part.ts';
import { initialView, nextView, type HarnessView } from '../harness-view.ts';
import { emptyTurn } from '../hooks.ts';
import { testHouse, testSpec } from '../testing/harness-test-kit.ts';
import { EQUIVALENTS, type Equivalent } from './builtin-equivalents.ts';
import { loadSandbox } from './quickjs-sandbox.ts';

const args = process.argv.slice(2);
const asJson = args.includes('--json');
const callsIndex = args.indexOf('--calls');
const calls = callsIndex >= 0 ? Number(args[callsIndex + 1]) : 400;

/** A view a few steps into the test house (some history, a receptacle open). */
async function viewAfterSomeSteps(): Promise<HarnessView> {
  const env = createHearthEnvironment();
  let view = initialView(await env.reset({ task: { id: 'test-house', data: testHouse(40) }, seed: 3 }), env.description.capabilities);
  for (const action of ['go to cabinet 1', 'open cabinet 1', 'go to fridge 1', 'open fridge 1']) view = nextView(view, action, await env.step(action));
  return view;
}

/** The one hooked part of a spec with `slot` filled by `entry`, live for one episode. */
function livePart(equivalent: Equivalent, side: 'builtIn' | 'sandboxed'): LivePart {
  return buildHarness(testSpec({ [equivalent.slot]: [equivalent[side]] }), builtInParts).instantiate().hooked[0]!;
}

/** µs per call of `part` at step-start, each call on a fresh turn; the store carries over as in an episode. */
async function timeCalls(part: LivePart, view: HarnessView, n: number): Promise<number[]> {
  const store: Record<string, unknown> = {};
  const context = (): HookContext => ({ view, turn: emptyTurn(), store, texts: {}, emit: () => {} }) as Partial<HookContext> as HookContext;
  for (let i = 0; i < 20; i += 1) await callChecked(part, 'step-start', context());
  const micros: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const started = performance.now();
    await callChecked(part, 'step-start', context());
    micros.push((performance.now() - started) * 1000);
  }
  return micros.sort((a, b) => a - b);
}

const quantile = (sorted: readonly number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const round = (value: number, digits = 1): number => Number(value.toFixed(digits));

async function main(): Promise<void> {
  await loadSandbox();
  const view = await viewAfterSomeSteps();
  const rows = [];
  for (const equivalent of EQUIVALENTS) {
    const builtIn = await timeCalls(livePart(equivalent, 'builtIn'), view, calls);
    const sandboxed = await timeCalls(livePart(equivalent, 'sandboxed'), view, calls);
    rows.push({
      part: equivalent.builtIn.part, hook: 'step-start', calls,
      builtInMedianUs: round(quantile(builtIn, 0.5)), builtInP90Us: round(quantile(builtIn, 0.9)),
      sandboxedMedianUs: round(quantile(sandboxed, 0.5)), sandboxedP90Us: round(quantile(sandboxed, 0.9)),
      ratio: round(quantile(sandboxed, 0.5) / quantile(builtIn, 0.5), 0),
    });
  }
  if (asJson) {
    console.log(JSON.stringify({ bench: 'sandbox', variant: 'quickjs-emscripten RELEASE_SYNC', viewBytes: JSON.stringify(view).length, rows }, null, 2));
    return;
  }
  console.log(`per-call cost at step-start, ${calls} calls each (view of ${JSON.stringify(view).length} bytes as JSON)`);
  for (const row of rows) {
    console.log(`  ${row.part.padEnd(12)} built-in ${row.builtInMedianUs} µs (p90 ${row.builtInP90Us})   sandboxed ${row.sandboxedMedianUs} µs (p90 ${row.sandboxedP90Us})   ×${row.ratio}`);
  }
}

await main();
