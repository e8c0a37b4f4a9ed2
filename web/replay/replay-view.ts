/**
 * Replay: open a trace (file picker or drag-and-drop), re-run it in the simulator, scrub the
 * timeline, and see per step the observation, the model calls (prompt and raw output), the chosen
 * action, rejections, repairs and the world's feedback — and whether the replayed world reaches
 * the trace's state hash.
 */
import { parseTraceJsonl } from '../../agent/trace/trace-io.ts';
import type { TraceEvent } from '../../agent/trace/trace-events.ts';
import { el } from '../dom.ts';
import { Hud } from '../hud.ts';
import { findScenario } from '../scenarios.ts';
import { legend } from '../world/legend.ts';
import { walkSpeedPicker } from '../world/walk-speed.ts';
import { WorldView } from '../world/world-view.ts';
import { buildReplay, type Replay } from './replay-model.ts';

export function mountReplay(host: HTMLElement): void {
  const fileInput = el('input', { type: 'file', id: 'replay-file', accept: '.jsonl,.json,.txt,application/x-ndjson' });
  const drop = el('div', { class: 'drop', id: 'replay-drop', tabindex: -1, text: '…or drop a trace file (.jsonl) anywhere here' });
  const summary = el('p', { class: 'summary', id: 'replay-summary', 'aria-live': 'polite', text: 'No trace loaded. A trace is what `hearth run` or `hearth evolve` writes (traces/*.jsonl), or the Play view’s download.' });
  const slider = el('input', { type: 'range', id: 'replay-slider', min: 0, max: 0, value: 0, step: 1, disabled: true, 'aria-label': 'Step' });
  const prev = el('button', { type: 'button', id: 'replay-prev', text: '◀ prev', disabled: true });
  const next = el('button', { type: 'button', id: 'replay-next', text: 'next ▶', disabled: true });
  const position = el('span', { class: 'position', id: 'replay-position', text: '' });
  const worldHost = el('div', { class: 'world', id: 'replay-world' });
  const hudHost = el('div');
  const details = el('div', { class: 'details', id: 'replay-details' });
  host.replaceChildren(
    el('div', { class: 'toolbar' }, el('label', {}, 'Open a trace ', fileInput), drop),
    summary,
    el('div', { class: 'timeline' }, prev, slider, next, position),
    el('div', { class: 'columns' },
      el('div', { class: 'left' }, worldHost, legend()),
      el('div', { class: 'right' }, hudHost, details)),
  );
  const hud = new Hud(hudHost);
  const view = new WorldView(worldHost, { maxWidth: 780, maxHeight: 440 });
  position.after(walkSpeedPicker('replay-walk-speed', view));
  let replay: Replay | null = null;
  /** The step drawn last: moving on by one step walks, any other jump draws at once. */
  let drawn = -1;

  async function load(text: string, name: string): Promise<void> {
    replay = null;
    drawn = -1;
    slider.disabled = prev.disabled = next.disabled = true;
    details.replaceChildren();
    try {
      const trace = parseTraceJsonl(text);
      summary.textContent = `Loading ${name}…`;
      summary.dataset.state = 'loading';
      const scenario = await findScenario(trace.header.scenario.id);
      if (!scenario) throw new Error(`the trace is of scenario '${trace.header.scenario.id}', which is neither a library scenario bundled with this app nor a member of a frozen suite`);
      replay = buildReplay(trace, scenario);
    } catch (error) {
      summary.textContent = `Cannot replay ${name}: ${(error as Error).message}`;
      summary.dataset.state = 'error';
      return;
    }
    const { header } = replay.trace;
    const end = replay.trace.events.at(-1);
    const last = replay.steps.length - 1;
    summary.textContent = `${name}: ${header.scenario.id} (seed ${header.scenario.seed}, ${header.physics}) — model ${header.model.id}, harness ${header.harness.name} — ${last} applied actions, ${end?.type === 'episode-end' ? end.termination : 'no episode-end'}.`;
    summary.dataset.state = 'loaded';
    slider.max = String(last);
    slider.disabled = prev.disabled = next.disabled = false;
    show(0);
  }

  function show(index: number): void {
    if (!replay) return;
    const last = replay.steps.length - 1;
    const step = replay.steps[Math.max(0, Math.min(last, index))]!;
    slider.value = String(step.index);
    position.textContent = `step ${step.index} / ${last}`;
    const end = replay.trace.events.at(-1);
    const finalOutcome = end?.type === 'episode-end' ? (end.success ? 'success' : 'failed') : 'failed';
    hud.show({
      goal: replay.goal,
      subgoal: step.subgoal,
      step: step.traceStep,
      stepLimit: replay.stepLimit,
      lastAction: step.apply?.action ?? null,
      feedback: step.apply?.feedback ?? step.observation,
      lastOk: step.apply ? step.apply.success : null,
      outcome: step.index === last ? finalOutcome : 'playing',
      outcomeDetail: step.index === last && end?.type === 'episode-end' ? end.termination : undefined,
    });
    details.replaceChildren(...stepDetails(replay, step.index));
    void view.draw(replay.world, step.state, step.seen, step.index === drawn + 1 ? step.motion : null);
    drawn = step.index;
  }

  slider.addEventListener('input', () => show(Number(slider.value)));
  prev.addEventListener('click', () => show(Number(slider.value) - 1));
  next.addEventListener('click', () => show(Number(slider.value) + 1));
  fileInput.addEventListener('change', async () => {
    const file = fileInput.files?.[0];
    if (file) await load(await file.text(), file.name);
  });
  host.addEventListener('dragover', (event) => {
    event.preventDefault();
    drop.classList.add('over');
  });
  host.addEventListener('dragleave', () => drop.classList.remove('over'));
  host.addEventListener('drop', async (event) => {
    event.preventDefault();
    drop.classList.remove('over');
    const file = event.dataTransfer?.files[0];
    if (!file) return;
    fileInput.value = '';
    await load(await file.text(), file.name);
  });
}

const pretty = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value, null, 2));

/** A model call's prompt: chat messages as `role: text`, else the request as JSON. */
export function promptText(input: unknown): string {
  const messages = (input as { messages?: { role: string; content: string }[] } | null)?.messages;
  if (Array.isArray(messages)) return messages.map((m) => `[${m.role}]\n${m.content}`).join('\n\n');
  const prompt = (input as { prompt?: unknown } | null)?.prompt;
  return typeof prompt === 'string' ? prompt : pretty(input);
}

function section(title: string, ...body: (Node | string)[]): HTMLElement {
  return el('section', { class: 'detail' }, el('h4', { text: title }), ...body);
}

function stepDetails(replay: Replay, index: number): HTMLElement[] {
  const step = replay.steps[index]!;
  const last = replay.steps.length - 1;
  const out: HTMLElement[] = [];
  const of = <T extends TraceEvent['type']>(type: T) => step.events.filter((event): event is Extract<TraceEvent, { type: T }> => event.type === type);
  if (index === last) {
    const { verdict } = replay;
    const matches = verdict.ok && replay.recordedHash !== null && replay.recordedHash === step.stateHash;
    const text = matches
      ? `state hash ✓ matches the trace (${step.stateHash.slice(0, 16)}…)`
      : replay.recordedHash === null
        ? `state hash ${step.stateHash.slice(0, 16)}… — the trace recorded none to compare${verdict.ok ? '' : `; ${verdict.problem}`}`
        : `state hash ✗ differs from the trace: ${verdict.problem ?? `${step.stateHash.slice(0, 16)}… ≠ ${replay.recordedHash.slice(0, 16)}…`}`;
    out.push(el('p', { class: `verdict ${matches ? 'ok' : 'bad'}`, id: 'replay-verdict', text }));
  }
  if (step.apply) out.push(section('Applied', el('p', { class: 'mono', text: step.apply.action }), el('p', { class: step.apply.success ? '' : 'bad', text: `${step.apply.feedback} [${step.apply.reason}]` })));
  for (const select of of('action-select')) out.push(section(`Chosen (${select.part})`, el('p', { class: 'mono', text: `${select.action}${select.guessed ? ' (guessed)' : ''}` }), ...(select.thought ? [el('p', { text: `thought: ${select.thought}` })] : [])));
  for (const reject of of('action-reject')) out.push(section(`Rejected by ${reject.part}`, el('p', { class: 'mono', text: `${reject.action} — ${reject.reason}` }), el('p', { text: reject.feedback })));
  for (const repair of of('action-repair')) out.push(section(`Repaired by ${repair.part}`, el('p', { class: 'mono', text: `${repair.from} → ${repair.to}` }), el('p', { text: repair.why })));
  for (const call of of('model-call')) {
    out.push(section(`Model call (${call.part}, ${call.kind})`, el('h5', { text: 'Raw output' }), el('pre', { class: 'output', text: call.error ? `error: ${call.error.reason} — ${call.error.message}` : pretty(call.output) }), el('h5', { text: 'Prompt' }), el('pre', { class: 'prompt', text: promptText(call.input) })));
  }
  for (const other of step.events.filter((event) => event.type === 'control' || event.type === 'part-error' || event.type === 'subgoal-start' || event.type === 'subgoal-end')) out.push(section(other.type, el('pre', { text: pretty(other) })));
  out.push(section(index === 0 ? 'Observation at the start' : 'Observation after the step', el('pre', { text: step.observation })));
  return out;
}
