/**
 * Live: a model plans in the page. The episode runs in a Web Worker (episode-worker.ts: the CLI's
 * runEpisode, the model in wllama, transformers.js or over HTTP) and streams its trace events here;
 * this view replays each applied action in its own copy of the world to draw it (the renderer only
 * reads state), shows the HUD, the step's prompt and the model's raw output, and at the end offers
 * the trace — the CLI's format, so the Replay tab opens it. Play, pause, step and speed act on the
 * worker's step gate; the page never waits on the model.
 */
import { createEnvWithPhysics, type HearthEnvExtended, type WorldSpec } from '../../sim/index.ts';
import type { Trace, TraceEvent } from '../../agent/trace/trace-events.ts';
import { traceToJsonl } from '../../agent/trace/trace-io.ts';
import { download, el } from '../dom.ts';
import { Hud, type HudState } from '../hud.ts';
import { promptText } from '../replay/replay-view.ts';
import { findScenario } from '../scenarios.ts';
import { legend } from '../world/legend.ts';
import { nothingSeen, withObservation, type Seen } from '../world/seen.ts';
import { WorldView } from '../world/world-view.ts';
import { LIVE_PROTOCOL_VERSION, type FromWorker, type ToWorker } from './episode-protocol.ts';
import { describeBrowserModel } from './open-browser-model.ts';
import { liveSetup, type LiveChoice } from './live-setup.ts';

/** Per model call: a model in the page shares the machine (the CLI's default is 60 s). */
const MODEL_TIMEOUT_MS = 300_000;
const SPEEDS: [number, string][] = [[0, 'as fast as the model'], [500, '0.5 s between steps'], [2000, '2 s between steps']];

export function mountLive(host: HTMLElement): void {
  const setup = liveSetup();
  const button = (id: string, text: string, disabled = true): HTMLButtonElement => el('button', { type: 'button', id, text, disabled });
  const start = button('live-start', 'Start', false);
  const play = button('live-play', '▶ play');
  const pause = button('live-pause', '❚❚ pause');
  const step = button('live-step', 'step ▸');
  const stop = button('live-stop', '■ stop');
  const save = button('live-download', 'Download trace');
  const speed = el('select', { id: 'live-speed', 'aria-label': 'Speed' }, ...SPEEDS.map(([ms, text]) => el('option', { value: ms, text })));
  const status = el('p', { class: 'summary', id: 'live-status', 'aria-live': 'polite', text: 'Pick a scenario, a harness and a model, then Start. The model runs in this page: nothing is sent anywhere (unless you pick an OpenAI-compatible server).' });
  const worldHost = el('div', { class: 'world', id: 'live-world' });
  const hudHost = el('div');
  const prompt = el('pre', { class: 'prompt details', id: 'live-prompt', text: '—' });
  const output = el('pre', { class: 'output', id: 'live-output', text: '—' });
  const chosen = el('p', { class: 'mono', id: 'live-chosen' });
  host.replaceChildren(
    setup.element,
    el('div', { class: 'toolbar' }, start, play, pause, step, stop, el('label', {}, 'Speed ', speed), save),
    status,
    el('div', { class: 'columns' },
      el('div', { class: 'left' }, worldHost, legend()),
      el('div', { class: 'right' }, hudHost, el('h3', { text: 'Chosen action' }), chosen, el('h3', { text: 'Raw model output' }), output, el('h3', { text: 'Prompt' }), prompt)),
  );
  const hud = new Hud(hudHost);
  const view = new WorldView(worldHost, { maxWidth: 780, maxHeight: 470 });

  let worker: Worker | null = null;
  let env: HearthEnvExtended | null = null;
  let seen: Seen = nothingSeen();
  let hudState: HudState | null = null;
  let trace: Trace | null = null;
  let events = 0;
  let choice: LiveChoice | null = null;

  const send = (message: ToWorker): void => worker?.postMessage(message);
  const setStatus = (text: string, state: string): void => {
    status.textContent = text;
    status.dataset.state = state;
  };
  const running = (on: boolean): void => {
    play.disabled = pause.disabled = step.disabled = stop.disabled = !on;
  };

  async function begin(): Promise<void> {
    if (setup.wantsPerson()) {
      document.querySelector<HTMLButtonElement>('#tab-play')?.click();
      return;
    }
    const read = setup.read();
    if (typeof read === 'string') return setStatus(read, 'error');
    choice = read;
    const scenario = await findScenario(read.scenarioId).catch((error: Error) => error);
    if (!scenario || scenario instanceof Error) return setStatus(`cannot open scenario ${read.scenarioId}: ${scenario instanceof Error ? scenario.message : 'not bundled with this app'}`, 'error');
    worker?.terminate();
    trace = null;
    events = 0;
    host.dataset.events = '0';
    save.disabled = true;
    prompt.textContent = output.textContent = chosen.textContent = '—';
    resetWorld(scenario, read.seed);
    worker = new Worker(new URL('./episode-worker.ts', import.meta.url), { type: 'module', name: 'hearth-episode' });
    worker.addEventListener('message', (event: MessageEvent<FromWorker>) => receive(event.data));
    worker.addEventListener('error', (event) => setStatus(`the episode worker failed: ${event.message}`, 'error'));
    setStatus(`Loading ${describeBrowserModel(read.model)}…`, 'loading');
    running(true);
    send({ type: 'start', version: LIVE_PROTOCOL_VERSION, scenario, seed: read.seed, physics: 'kinematic', harness: read.harness, model: read.model, paused: false, delayMs: Number(speed.value), modelTimeoutMs: MODEL_TIMEOUT_MS });
  }

  function resetWorld(scenario: WorldSpec, seed: number): void {
    env = createEnvWithPhysics('kinematic');
    const reset = env.reset({ scenario, seed });
    seen = withObservation(nothingSeen(), reset.observation.json);
    hudState = { goal: reset.goal.text, subgoal: null, step: 0, stepLimit: reset.info.stepLimit, lastAction: null, feedback: reset.observation.text, lastOk: null, outcome: 'playing' };
    refresh();
  }

  function refresh(): void {
    if (!env || !hudState) return;
    hud.show(hudState);
    void view.draw(env.getWorld(), env.getState(), seen);
  }

  const receivers: { [T in FromWorker['type']]: (message: Extract<FromWorker, { type: T }>) => void } = {
    loading: ({ what, loaded, total }) => setStatus(total ? `${what}: ${(loaded! / 1e6).toFixed(1)} / ${(total / 1e6).toFixed(1)} MB` : `${what}…`, 'loading'),
    ready: ({ model, crossOriginIsolated }) => {
      host.dataset.isolated = String(crossOriginIsolated);
      setStatus(`Running ${model.id} (${String(model.settings.runtime ?? model.backend)}) with ${choice?.harnessName ?? 'the harness'} — cross-origin isolated: ${crossOriginIsolated ? 'yes' : 'no'}.`, 'running');
    },
    event: ({ event }) => onEvent(event),
    waiting: ({ step: next }) => setStatus(`Paused before step ${next}: press step ▸ or ▶ play.`, 'paused'),
    done: (message) => {
      trace = message.trace;
      save.disabled = false;
      running(false);
      const end = trace.events.at(-1);
      setStatus(`Episode over: ${end?.type === 'episode-end' ? `${end.termination}, ${end.steps} steps, ${end.modelCalls} model calls, ${end.tokens} tokens` : 'no end event'}. Download the trace to replay it.`, 'done');
    },
    failed: ({ message }) => {
      running(false);
      setStatus(`The episode could not run: ${message}`, 'error');
    },
  };
  const receive = (message: FromWorker): void => (receivers[message.type] as (message: FromWorker) => void)(message);

  function onEvent(event: TraceEvent): void {
    events += 1;
    host.dataset.events = String(events);
    if (!env || !hudState) return;
    if (event.type === 'model-call') {
      prompt.textContent = promptText(event.input);
      output.textContent = event.error ? `error: ${event.error.reason} — ${event.error.message}` : typeof event.output === 'string' ? event.output : JSON.stringify(event.output, null, 2);
    } else if (event.type === 'action-select') {
      chosen.textContent = `${event.action}${event.guessed ? ' (guessed)' : ''}${event.thought ? ` — thought: ${event.thought}` : ''}`;
    } else if (event.type === 'subgoal-start') {
      hudState = { ...hudState, subgoal: event.subgoal };
    } else if (event.type === 'subgoal-end') {
      hudState = { ...hudState, subgoal: hudState.subgoal === event.subgoal ? null : hudState.subgoal };
    } else if (event.type === 'action-apply') {
      const result = env.step(event.action);
      seen = withObservation(seen, result.observation.json);
      hudState = { ...hudState, step: event.step, lastAction: event.action, feedback: event.feedback, lastOk: event.success };
    } else if (event.type === 'episode-end') {
      hudState = { ...hudState, outcome: event.success ? 'success' : 'failed', outcomeDetail: event.termination };
    } else {
      return;
    }
    refresh();
  }

  start.addEventListener('click', () => void begin());
  play.addEventListener('click', () => {
    send({ type: 'play' });
    setStatus('Playing.', 'running');
  });
  pause.addEventListener('click', () => {
    send({ type: 'pause' });
    setStatus('Pausing once the step in progress is done…', 'pausing');
  });
  step.addEventListener('click', () => {
    send({ type: 'step' });
    setStatus('One step…', 'stepping');
  });
  stop.addEventListener('click', () => send({ type: 'stop' }));
  speed.addEventListener('change', () => send({ type: 'speed', delayMs: Number(speed.value) }));
  save.addEventListener('click', () => {
    if (!trace) return;
    const name = `live-${trace.header.model.id}-${trace.header.scenario.id}-seed${trace.header.scenario.seed}`.replace(/[^a-z0-9]+/gi, '-');
    download(`${name}.jsonl`, traceToJsonl(trace));
  });
}
