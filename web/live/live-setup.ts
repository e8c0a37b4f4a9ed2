/**
 * The Live view's setup form: scenario (library scenarios and frozen-suite members), seed,
 * harness (a preset, or a spec / version-record file read with the Harness view's parser) and
 * model (wllama in the page, transformers.js ONNX, an OpenAI-compatible URL, or a person — the
 * Play tab). `read()` turns the form into what the worker needs, or an error saying what to fix.
 */
import { presetSpecs } from '../../agent/harness/presets/preset-specs.ts';
import { el } from '../dom.ts';
import { parseHarnessFile } from '../harness/harness-model.ts';
import { LIBRARY } from '../scenarios.ts';
import { DEFAULT_BROWSER_MODEL, type BrowserModelSpec } from './open-browser-model.ts';

const DEFAULT_SCENARIO = 'household/heat-mug-kitchen-v1';
const DEFAULT_HARNESS = 'react-basic';
/** What `hearth serve-model` serves with no options: port 8088, model id smollm2-135m (GET /v1/models). */
const SERVE_MODEL_DEFAULT = 'http://127.0.0.1:8088/v1#smollm2-135m';
const SERVE_MODEL_HINT = '`hearth serve-model` serves this by default; the part after # must be a model id it lists at /v1/models (others get a 404)';

/** What the form asks for, read. */
export interface LiveChoice {
  scenarioId: string;
  seed: number;
  harness: unknown;
  harnessName: string;
  model: BrowserModelSpec;
}

export interface LiveSetup {
  element: HTMLElement;
  /** The choice, or a sentence saying what is wrong with the form. */
  read(): LiveChoice | string;
  /** True when the form asks for a person to play (the Play tab does that). */
  wantsPerson(): boolean;
}

export function liveSetup(): LiveSetup {
  const scenario = el('select', { id: 'live-scenario', 'aria-label': 'Scenario' },
    el('optgroup', { label: 'Library' }, ...LIBRARY.map((entry) => el('option', { value: entry.world.id, text: `${entry.world.title} (${entry.world.id})` }))));
  scenario.value = LIBRARY.some((entry) => entry.world.id === DEFAULT_SCENARIO) ? DEFAULT_SCENARIO : (LIBRARY[0]?.world.id ?? '');
  // Suite members are listed once the suites module (and its generator) has loaded, on demand.
  void import('../suites.ts').then(({ suiteMemberIds }) => {
    for (const { suite, ids } of suiteMemberIds()) scenario.append(el('optgroup', { label: `Suite ${suite}` }, ...ids.map((id) => el('option', { value: id, text: id }))));
  });
  const seed = el('input', { id: 'live-seed', type: 'number', min: 0, step: 1, value: 0, 'aria-label': 'Seed', class: 'seed' });
  const harness = el('select', { id: 'live-harness', 'aria-label': 'Harness' }, ...Object.keys(presetSpecs).map((name) => el('option', { value: `preset:${name}`, text: `${name} (preset)` })));
  harness.value = `preset:${DEFAULT_HARNESS}`;
  const harnessFile = el('input', { type: 'file', id: 'live-harness-file', accept: '.json,application/json', 'aria-label': 'Open a harness spec or version record' });
  const opened = new Map<string, unknown>();
  const model = el('select', { id: 'live-model', 'aria-label': 'Model' },
    el('option', { value: 'wllama', text: 'SmolLM2-135M Q4_1 — llama.cpp in the page (wllama)' }),
    el('option', { value: 'onnx', text: 'SmolLM2-135M ONNX — transformers.js (WebGPU, else WASM)' }),
    el('option', { value: 'openai', text: 'OpenAI-compatible server (URL#model; the default is what `hearth serve-model` serves)' }),
    el('option', { value: 'person', text: 'A person plays (the Play tab)' }));
  const threads = el('select', { id: 'live-threads', 'aria-label': 'Threads' }, el('option', { value: '1', text: '1 thread' }), el('option', { value: '2', text: '2 threads' }));
  const url = el('input', { id: 'live-url', type: 'text', value: SERVE_MODEL_DEFAULT, size: 34, 'aria-label': 'OpenAI-compatible URL#model', title: SERVE_MODEL_HINT, hidden: true });
  const problem = el('span', { class: 'bad', id: 'live-setup-problem', 'aria-live': 'polite' });
  model.addEventListener('change', () => {
    url.hidden = model.value !== 'openai';
    threads.hidden = model.value === 'openai' || model.value === 'person';
  });
  harnessFile.addEventListener('change', async () => {
    const file = harnessFile.files?.[0];
    if (!file) return;
    const parsed = parseHarnessFile(file.name, await file.text());
    if (parsed.kind !== 'harness') {
      problem.textContent = parsed.kind === 'error' ? parsed.message : `${file.name} is a lineage, not a harness: open one of its versions/<id>.json`;
      return;
    }
    problem.textContent = '';
    const key = `file:${opened.size}:${file.name}`;
    opened.set(key, parsed.entry.spec);
    harness.append(el('option', { value: key, text: `${parsed.entry.spec.name} (${file.name})` }));
    harness.value = key;
  });

  const readModel = (): BrowserModelSpec | string => {
    const threadCount = Number(threads.value);
    if (model.value === 'wllama') return { ...DEFAULT_BROWSER_MODEL, threads: threadCount } as BrowserModelSpec;
    if (model.value === 'onnx') return { type: 'onnx', folder: 'smollm2-135m-onnx', device: 'auto', threads: threadCount };
    const text = url.value.trim();
    // The worker parses it with the CLI's parser (open-openai-spec.ts); this only catches the obvious.
    if (!/^https?:\/\/[^#]+#.+/.test(text)) return `'${text}' is not an OpenAI-compatible URL#model, e.g. ${SERVE_MODEL_DEFAULT} (${SERVE_MODEL_HINT})`;
    return { type: 'openai', spec: text };
  };

  return {
    element: el('div', { class: 'toolbar' },
      el('label', {}, 'Scenario ', scenario), el('label', {}, 'Seed ', seed),
      el('label', {}, 'Harness ', harness), harnessFile,
      el('label', {}, 'Model ', model), threads, url, problem),
    wantsPerson: () => model.value === 'person',
    read() {
      const spec = harness.value.startsWith('preset:') ? presetSpecs[harness.value.slice('preset:'.length)] : opened.get(harness.value);
      if (spec === undefined) return `no harness '${harness.value}': pick a preset or open a spec file`;
      const chosen = readModel();
      if (typeof chosen === 'string') return chosen;
      return { scenarioId: scenario.value, seed: Math.max(0, Math.floor(Number(seed.value) || 0)), harness: spec, harnessName: harness.selectedOptions[0]?.textContent ?? harness.value, model: chosen };
    },
  };
}
