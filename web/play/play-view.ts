/**
 * Play: a person picks a library scenario and plays it by clicking a valid action or typing one
 * (Enter sends it). The play is recorded as a trace (a human baseline) that can be downloaded and
 * replayed like any model's.
 */
import { createEnvWithPhysics, type HearthEnvExtended, type PhysicsMode, type StepMotion, type WorldSpec } from '../../sim/index.ts';
import { traceToJsonl } from '../../agent/trace/trace-io.ts';
import { download, el } from '../dom.ts';
import { Hud, type HudState } from '../hud.ts';
import { LIBRARY } from '../scenarios.ts';
import { legend } from '../world/legend.ts';
import { nothingSeen, withObservation, type Seen } from '../world/seen.ts';
import { walkSpeedPicker } from '../world/walk-speed.ts';
import { WorldView } from '../world/world-view.ts';
import { HumanTrace } from './human-trace.ts';

const DEFAULT_SCENARIO = 'household/heat-mug-kitchen-v1';

/** Set by mountPlay: opens a scenario that is not in the library (see playWorld). */
let playOther: ((world: WorldSpec) => void) | null = null;

/** Opens `world` — a scenario that is not in the library, such as the editor's draft — in the mounted Play view. */
export function playWorld(world: WorldSpec): void {
  if (!playOther) throw new Error('playWorld: the Play view is not mounted; call mountPlay first');
  playOther(world);
}

export function mountPlay(host: HTMLElement): void {
  const picker = el('select', { id: 'play-scenario', 'aria-label': 'Scenario' }, ...LIBRARY.map((entry) => el('option', { value: entry.world.id, text: `${entry.world.title} (${entry.world.id})` })));
  picker.value = LIBRARY.some((entry) => entry.world.id === DEFAULT_SCENARIO) ? DEFAULT_SCENARIO : (LIBRARY[0]?.world.id ?? '');
  const seedInput = el('input', { id: 'play-seed', type: 'number', min: 0, step: 1, value: 0, 'aria-label': 'Seed', class: 'seed' });
  const physicsPicker = el('select', { id: 'play-physics', 'aria-label': 'Physics' }, el('option', { value: 'kinematic', text: 'kinematic' }), el('option', { value: 'matter', text: 'matter-js' }));
  const restart = el('button', { type: 'button', id: 'play-restart', text: 'Start / restart' });
  const save = el('button', { type: 'button', id: 'play-download', text: 'Download trace' });
  const worldHost = el('div', { class: 'world', id: 'play-world' });
  const observation = el('pre', { class: 'observation', id: 'play-observation', 'aria-live': 'polite' });
  const hudHost = el('div');
  const actions = el('div', { class: 'actions', id: 'play-actions', role: 'group', 'aria-label': 'Valid actions' });
  const typed = el('input', { id: 'play-input', type: 'text', placeholder: 'type an action, e.g. go to fridge 1', autocomplete: 'off', 'aria-label': 'Type an action' });
  const form = el('form', { class: 'typed', id: 'play-form' }, typed, el('button', { type: 'submit', text: 'Do it' }));
  host.replaceChildren(
    el('div', { class: 'toolbar' }, el('label', {}, 'Scenario ', picker), el('label', {}, 'Seed ', seedInput), el('label', {}, 'Physics ', physicsPicker), restart, save),
    el('div', { class: 'columns' },
      el('div', { class: 'left' }, worldHost, legend(), observation),
      el('div', { class: 'right' }, hudHost, el('h3', { text: 'Valid actions' }), actions, form)),
  );
  const hud = new Hud(hudHost);
  const view = new WorldView(worldHost, { maxWidth: 780, maxHeight: 470 });
  host.querySelector('.toolbar')!.insertBefore(walkSpeedPicker('play-walk-speed', view), restart);

  let physics: PhysicsMode = 'kinematic';
  let env: HearthEnvExtended = createEnvWithPhysics(physics);
  let scenario: WorldSpec;
  let recorder: HumanTrace;
  let seen: Seen = nothingSeen();
  let hudState: HudState;
  let over = false;
  /** The last step's motion frames, for the walking animation (null: draw at once). */
  let motion: StepMotion | null = null;
  const envFor = (mode: PhysicsMode): HearthEnvExtended => createEnvWithPhysics(mode, { onMotion: (m) => (motion = m) });

  function start(): void {
    scenario = others.get(picker.value) ?? LIBRARY.find((entry) => entry.world.id === picker.value)!.world;
    const seed = Math.max(0, Math.floor(Number(seedInput.value) || 0));
    physics = physicsPicker.value === 'matter' ? 'matter' : 'kinematic';
    env = envFor(physics);
    motion = null;
    const reset = env.reset({ scenario, seed });
    recorder = new HumanTrace(scenario, seed, physics, { goal: reset.goal.text, goalTree: reset.goal.tree, stepLimit: reset.info.stepLimit, observation: reset.observation.text });
    seen = withObservation(nothingSeen(), reset.observation.json);
    over = false;
    hudState = { goal: reset.goal.text, subgoal: null, step: 0, stepLimit: reset.info.stepLimit, lastAction: null, feedback: reset.observation.text, lastOk: null, outcome: 'playing' };
    observation.textContent = reset.observation.text;
    refresh();
  }

  function act(text: string): void {
    const action = text.trim();
    if (!action || over) return;
    motion = null;
    const result = env.step(action);
    const step = result.info.step;
    recorder.record(step, action, result);
    seen = withObservation(seen, result.observation.json);
    observation.textContent = result.observation.text;
    const shown = result.info.action ?? action;
    if (result.terminated) recorder.end(step, 'success', env.stateHash());
    else if (result.truncated) recorder.end(step, 'step-limit', env.stateHash());
    over = result.terminated || result.truncated;
    hudState = { ...hudState, step, lastAction: shown, feedback: result.feedback, lastOk: result.info.success, outcome: result.terminated ? 'success' : result.truncated ? 'failed' : 'playing', outcomeDetail: result.truncated ? 'the step limit is reached' : undefined };
    refresh();
  }

  function refresh(): void {
    hud.show(hudState);
    const valid = over ? [] : env.validActions();
    actions.replaceChildren(...valid.map((action) => el('button', { type: 'button', class: 'action', 'data-action': action, text: action })));
    if (over) actions.append(el('p', { class: 'note', text: 'The episode is over: download its trace, or start again.' }));
    typed.disabled = over;
    void view.draw(env.getWorld(), env.getState(), seen, motion);
  }

  actions.addEventListener('click', (event) => {
    const button = (event.target as HTMLElement).closest<HTMLButtonElement>('button[data-action]');
    if (button) act(button.dataset.action!);
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    act(typed.value);
    typed.value = '';
  });
  restart.addEventListener('click', start);
  picker.addEventListener('change', start);
  physicsPicker.addEventListener('change', start);
  save.addEventListener('click', () => {
    const trace = recorder.trace(env.getState().step, env.stateHash());
    download(`human-${scenario.id.replace(/[^a-z0-9]+/gi, '-')}-seed${trace.header.scenario.seed}.jsonl`, traceToJsonl(trace));
  });
  // A scenario from outside the library (the editor's play-test): one extra picker entry, replaced each time.
  const others = new Map<string, WorldSpec>();
  playOther = (world) => {
    const value = `other:${world.id}`;
    others.clear();
    others.set(value, world);
    picker.querySelector('option[data-other]')?.remove();
    picker.prepend(el('option', { value, 'data-other': true, text: `${world.title} (${world.id}, from the editor)` }));
    picker.value = value;
    start();
  };
  start();
}
