/**
 * Built-in parts written again as sandboxed JavaScript, for the equivalence test (same episode,
 * same trace) and the overhead benchmark: each entry pairs a built-in slot with its sandboxed twin.
 */
import type { SlotSpec } from '../harness-spec.ts';

/** The `changes` summarizer (summarizer-parts.ts): what came into view since the last step, remembered in the store. */
const CHANGES_SOURCE = `function run(input) {
  var view = input.view, turn = input.turn, store = input.store;
  var now = view.observation.json.visibleObjects.map(function (o) { return o.id + '@' + o.location + ':' + o.states.join('+'); });
  var before = new Set(store.previous || []);
  var appeared = now.filter(function (item) { return !before.has(item); }).map(function (item) { return item.split(':')[0].replace('@', ' at '); });
  var sections = Object.assign({}, turn.sections);
  sections.changes = appeared.length ? 'New since last step: ' + appeared.join(', ') + '.' : 'Nothing new in view.';
  return { turn: { sections: sections }, store: Object.assign({}, store, { previous: now }) };
}
`;

/** The `step-budget` control with `warnAt: 5` (control-parts.ts): a rule once few steps are left. */
const STEP_BUDGET_SOURCE = `function run(input) {
  const left = input.view.stepLimit - input.view.step;
  if (left > 5) return {};
  return { turn: { rules: [...input.turn.rules, \`Only \${left} steps are left: finish the goal now, do not explore.\`] } };
}
`;

/** One built-in part and its sandboxed twin, for the same slot. */
export interface Equivalent {
  slot: 'summarizers' | 'control';
  builtIn: SlotSpec;
  sandboxed: SlotSpec;
}

export const EQUIVALENTS: readonly Equivalent[] = [
  {
    slot: 'summarizers',
    builtIn: { part: 'changes', params: {} },
    sandboxed: { part: 'sandboxed-js', params: { kind: 'summarizer', hook: 'step-start', mayChange: ['sections'], source: CHANGES_SOURCE } },
  },
  {
    slot: 'control',
    builtIn: { part: 'step-budget', params: { warnAt: 5 } },
    sandboxed: { part: 'sandboxed-js', params: { kind: 'control', hook: 'step-start', mayChange: ['rules'], source: STEP_BUDGET_SOURCE } },
  },
];
