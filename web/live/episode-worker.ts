/// <reference lib="webworker" />
/**
 * The Live view's Web Worker: opens the model (web/live/open-browser-model.ts), builds the
 * harness with the built-in parts, and runs `runEpisode` — the CLI's runner, unchanged — behind a
 * step gate. Each trace event goes to the page as it happens, then the whole trace (the same
 * format `hearth run` writes). The page never waits on the model.
 */
import { runEpisode } from '../../agent/harness/run-episode.ts';
import { buildHarness } from '../../agent/harness/build-harness.ts';
import { builtInParts } from '../../agent/harness/all-parts.ts';
import type { ModelBackend } from '../../agent/models/model-backend.ts';
import { LIVE_PROTOCOL_VERSION, type FromWorker, type ToWorker } from './episode-protocol.ts';
import { gatedModel } from './gated-model.ts';
import { openBrowserModel } from './open-browser-model.ts';
import { StepGate } from './step-gate.ts';

declare const self: DedicatedWorkerGlobalScope;

const post = (message: FromWorker): void => self.postMessage(message);
let gate: StepGate | null = null;
let started = false;

type Control = Exclude<ToWorker, { type: 'start' }>;
const controls: { [T in Control['type']]: (message: Extract<Control, { type: T }>) => void } = {
  play: () => gate?.play(),
  pause: () => gate?.pause(),
  step: () => gate?.step(),
  speed: (message) => gate?.setDelay(message.delayMs),
  stop: () => gate?.stop(),
};

self.addEventListener('message', (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === 'start') {
    if (started) return post({ type: 'failed', message: 'this worker already runs an episode; start a new worker for the next one' });
    started = true;
    void run(message);
    return;
  }
  const handler = controls[message.type] as ((message: Control) => void) | undefined;
  handler?.(message);
});

async function run(start: Extract<ToWorker, { type: 'start' }>): Promise<void> {
  let model: ModelBackend | null = null;
  try {
    if (start.version !== LIVE_PROTOCOL_VERSION) throw new Error(`the page speaks live protocol ${String(start.version)}, this worker ${LIVE_PROTOCOL_VERSION}: reload the page`);
    const harness = buildHarness(start.harness, builtInParts);
    gate = new StepGate({ paused: start.paused, delayMs: start.delayMs, onWaiting: (step) => post({ type: 'waiting', step }) });
    model = await openBrowserModel(start.model, (what, loaded, total) => post({ type: 'loading', what, loaded, total }));
    post({ type: 'ready', model: model.info, crossOriginIsolated: self.crossOriginIsolated });
    let step = 0;
    const trace = await runEpisode({
      scenario: start.scenario,
      seed: start.seed,
      physics: start.physics,
      harness,
      model: gatedModel(model, gate, () => step),
      modelTimeoutMs: start.modelTimeoutMs,
      onEvent: (event) => {
        step = event.step;
        post({ type: 'event', event });
      },
    });
    post({ type: 'done', trace });
  } catch (error) {
    post({ type: 'failed', message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
  } finally {
    await model?.close().catch(() => undefined);
  }
}
