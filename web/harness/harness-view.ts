/**
 * The Harness view: a built-in preset or an opened file (an evolution run's version record, a plain
 * spec) with its slots, parameters, texts, ids, and for a record its parents, edits, manifest and
 * gate verdict; the diff between two harnesses (spec-diff.ts, as `hearth harness diff`) with the
 * evidence behind B's edits; and an opened lineage.json drawn as a graph.
 */
import { SLOT_NAMES, diffSpecs, type SpecChange } from '../../agent/evolve/spec-diff.ts';
import { describeSignature } from '../../agent/evolve/attribution-signature.ts';
import { costPassNote } from '../../agent/evolve/gate.ts';
import type { Lineage } from '../../agent/evolve/version-record.ts';
import type { SlotSpec } from '../../agent/harness/harness-spec.ts';
import { el } from '../dom.ts';
import { formatEdit, parseHarnessFile, presetEntries, type HarnessEntry } from './harness-model.ts';
import { drawLineage } from './lineage-graph.ts';

const json = (value: unknown): string => (value === undefined ? '(unset)' : JSON.stringify(value));
const percent = (rate: number): string => `${Math.round(rate * 100)}%`;
/** A few of a list, then how many more (episode lists run to dozens), as the CLI prints them. */
const some = (items: readonly string[], n = 3): string => (items.length > n ? `${items.slice(0, n).join(', ')}, … ${items.length - n} more` : items.join(', ') || '—');

function paramsTable(params: Record<string, unknown>): HTMLElement {
  const keys = Object.keys(params);
  if (!keys.length) return el('span', { class: 'note', text: 'no parameters (defaults)' });
  return el('table', { class: 'params' }, el('tbody', {}, ...keys.map((key) => el('tr', {}, el('th', { scope: 'row', class: 'mono', text: key }), el('td', { class: 'mono', text: json(params[key]) })))));
}

function slotRows(entry: HarnessEntry): HTMLElement[] {
  return SLOT_NAMES.flatMap((slot) => {
    const value = entry.spec.slots[slot];
    const list: SlotSpec[] = Array.isArray(value) ? value : value ? [value] : [];
    if (!list.length) return [el('tr', { 'data-slot': slot }, el('th', { scope: 'row', text: slot }), el('td', { class: 'note', text: '—' }), el('td'))];
    return list.map((part, index) =>
      el('tr', { 'data-slot': slot }, el('th', { scope: 'row', text: index === 0 ? slot : '' }), el('td', { class: 'mono part', 'data-part': part.part, text: part.part }), el('td', {}, paramsTable(part.params))));
  });
}

function facts(rows: [string, string | Node][]): HTMLElement {
  return el('dl', { class: 'hud' }, ...rows.flatMap(([label, value]) => [el('dt', { text: label }), el('dd', {}, value)]));
}

function evidenceBlock(entry: HarnessEntry, title: string): HTMLElement[] {
  const out: HTMLElement[] = [];
  const { manifest, gate, failures } = entry;
  if (manifest) {
    out.push(el('h4', { text: `${title} (proposer ${manifest.proposer}, levers ${manifest.levers.join(' + ')})` }));
    out.push(el('ul', { class: 'edits' }, ...manifest.edits.map((edit) => el('li', { class: 'mono', text: formatEdit(edit) }))));
    out.push(facts([
      ['rationale', manifest.rationale],
      ['answers', manifest.answers.map((answer) => `${answer.category} ×${answer.count}`).join(', ') || '—'],
      ['predicted', `unlock ${some(manifest.predicted.unlock)}; risk ${some(manifest.predicted.risk)}`],
      ['signature', manifest.signatures.map(describeSignature).join('; ')],
    ]));
  }
  if (gate) {
    const { paired } = gate;
    out.push(el('h4', { text: 'Gate verdict' }));
    out.push(el('p', { class: `verdict ${gate.accepted ? 'ok' : 'bad'}`, 'data-gate': gate.accepted ? 'accepted' : 'rejected', text: `${gate.accepted ? `accepted${costPassNote(gate)}` : `rejected — ${gate.reason}`}; paired ${paired.parentSuccesses} → ${paired.candidateSuccesses} of ${paired.episodes} episodes (+${paired.gained} −${paired.lost}, one-sided exact McNemar p = ${paired.pOneSided.toFixed(3)})` }));
    out.push(el('table', { class: 'checks' }, el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'check' }), el('th', { scope: 'col', text: 'ok' }), el('th', { scope: 'col', text: 'detail' }))),
      el('tbody', {}, ...gate.checks.map((check) => el('tr', {}, el('td', { text: check.name }), el('td', { class: check.ok ? 'good' : 'bad', text: check.ok ? '✓' : '✗' }), el('td', { text: check.detail }))))));
  }
  if (failures.length) {
    out.push(el('h4', { text: `Failures answered (${failures.length})` }));
    out.push(el('ul', { class: 'failures' }, ...failures.slice(0, 8).map((failure) => {
      const excerpt = failure.categories.find((c) => c.category === failure.primary)?.evidence[0]?.excerpt;
      return el('li', {}, el('span', { class: 'mono', text: `${failure.scenarioId}#${failure.seed}` }), ` ${failure.primary}${excerpt ? `: ${excerpt.length > 110 ? `${excerpt.slice(0, 109)}…` : excerpt}` : ''}`);
    }), ...(failures.length > 8 ? [el('li', { class: 'note', text: `… ${failures.length - 8} more` })] : [])));
  }
  return out;
}

function renderEntry(target: HTMLElement, entry: HarnessEntry): void {
  const { spec, record } = entry;
  const rows: [string, string | Node][] = [
    ['content id', el('span', { class: 'mono', 'data-field': 'id', text: entry.id })],
    ['behaviour id', el('span', { class: 'mono', 'data-field': 'behaviourId', text: entry.behaviourId })],
    ['source', entry.origin],
  ];
  if (record) {
    rows.push(['record', `${record.kind}, round ${record.round}${record.kind === 'candidate' ? (record.accepted ? ', accepted' : ', rejected') : ''}`]);
    rows.push(['parents', record.parents.join(', ') || '— (the start)']);
    rows.push(['success', `${percent(record.successRate)} of ${record.results.length} episodes`]);
  } else if (spec.parent) {
    rows.push(['parent', el('span', { class: 'mono', text: spec.parent })]);
  }
  const texts = Object.entries(spec.texts);
  target.replaceChildren(
    el('h3', { text: spec.name }),
    ...(spec.description ? [el('p', { class: 'description', text: spec.description })] : []),
    facts(rows),
    el('table', { class: 'slots', 'aria-label': 'Slots' },
      el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'slot' }), el('th', { scope: 'col', text: 'part' }), el('th', { scope: 'col', text: 'parameters' }))),
      el('tbody', {}, ...slotRows(entry))),
    el('h4', { text: `Texts (lessons, exemplars): ${texts.length || 'none'}` }),
    ...texts.map(([key, text]) => el('div', { class: 'text' }, el('h5', { class: 'mono', text: key }), el('pre', { text }))),
    ...evidenceBlock(entry, 'Edits (manifest)'),
  );
}

function changeItem(change: SpecChange): HTMLElement {
  const partLine = (part: string, params: Record<string, unknown>) => [el('span', { class: 'mono part', 'data-part': part, text: part }), Object.keys(params).length ? el('span', { class: 'mono note', text: ` ${Object.entries(params).map(([k, v]) => `${k}=${json(v)}`).join(' ')}` }) : ''];
  const li = (cls: string, ...children: (Node | string)[]) => el('li', { class: `change ${cls}`, 'data-change': change.kind, ...('slot' in change ? { 'data-slot': change.slot } : {}) }, ...children);
  switch (change.kind) {
    case 'part-added':
      return li('added', el('b', { text: `+ ${change.slot}` }), ' ', ...partLine(change.part, change.params), ` (position ${change.index + 1})`);
    case 'part-removed':
      return li('removed', el('b', { text: `− ${change.slot}` }), ' ', ...partLine(change.part, change.params));
    case 'part-replaced':
      return li('changed', el('b', { text: `~ ${change.slot}` }), ' ', ...partLine(change.from.part, change.from.params), ' → ', ...partLine(change.to.part, change.to.params));
    case 'params-changed':
      return li('changed', el('b', { text: `~ ${change.slot}/${change.part}` }), ' ', el('table', { class: 'params' }, el('tbody', {}, ...change.changes.map((c) => el('tr', {}, el('th', { scope: 'row', class: 'mono', text: c.key }), el('td', { class: 'mono removed', text: json(c.from) }), el('td', { text: '→' }), el('td', { class: 'mono added', text: json(c.to) }))))));
    case 'parts-reordered':
      return li('changed', el('b', { text: `~ ${change.slot}` }), ` order ${change.from.join(', ')} → ${change.to.join(', ')}`);
    case 'text-added':
      return li('added', el('b', { text: `+ texts.${change.key}` }), el('pre', { text: change.text }));
    case 'text-removed':
      return li('removed', el('b', { text: `− texts.${change.key}` }), el('pre', { text: change.text }));
    case 'text-changed':
      return li('changed', el('b', { text: `~ texts.${change.key}` }), el('pre', { class: 'removed', text: change.from }), el('pre', { class: 'added', text: change.to }));
    case 'field-changed':
      return li('changed', el('b', { text: `~ ${change.field}` }), el('div', { class: 'removed', text: change.from }), el('div', { class: 'added', text: change.to }));
  }
}

function renderDiff(target: HTMLElement, a: HarnessEntry, b: HarnessEntry): void {
  const changes = diffSpecs(a.spec, b.spec);
  const parts: HTMLElement[] = [
    el('p', { class: 'mono' }, `A ${a.id} ${a.label}`, el('br'), `B ${b.id} ${b.label}`),
  ];
  if (a.behaviourId === b.behaviourId) parts.push(el('p', { class: 'note', text: `same behaviour id ${a.behaviourId}: they act the same` }));
  parts.push(changes.length
    ? el('ul', { id: 'harness-changes', class: 'changes', 'aria-label': 'Changes from A to B' }, ...changes.map(changeItem))
    : el('p', { id: 'harness-changes', class: 'note', text: 'no changes: the same parts, parameters and texts' }));
  if (b.record && b.record.kind !== 'start' && (b.manifest || b.gate || b.failures.length)) {
    const fromA = b.record.parents[0] === a.id;
    if (!fromA) parts.push(el('p', { class: 'note', text: `${a.id} is not B's parent; showing B's own edits (from its parent ${b.record.parents[0] ?? 'none'})` }));
    parts.push(...evidenceBlock(b, "Evidence for B's edits"));
  } else if (b.spec.evidence && typeof b.spec.evidence === 'object') {
    parts.push(el('h4', { text: "B's recorded evidence" }), el('pre', { class: 'mono', text: JSON.stringify(b.spec.evidence, null, 2) }));
  }
  target.replaceChildren(...parts);
}

export function mountHarness(root: HTMLElement): void {
  const entries: HarnessEntry[] = presetEntries();
  const pick = el('select', { id: 'harness-pick', 'aria-label': 'Harness to show' });
  const pickA = el('select', { id: 'harness-diff-a', 'aria-label': 'Diff: harness A (older)' });
  const pickB = el('select', { id: 'harness-diff-b', 'aria-label': 'Diff: harness B (newer)' });
  const fileInput = el('input', { type: 'file', id: 'harness-file', accept: '.json,application/json', multiple: true, 'aria-label': 'Open version, spec or lineage JSON files' });
  const drop = el('div', { class: 'drop', id: 'harness-drop' }, 'Open or drop a version (versions/<id>.json, candidates/…), a harness spec, or lineage.json: ', fileInput);
  const status = el('p', { class: 'summary', id: 'harness-status', role: 'status', 'aria-live': 'polite' });
  const detail = el('div', { id: 'harness-detail', class: 'harness-detail', tabindex: 0, role: 'region', 'aria-label': 'Harness details' });
  const diff = el('div', { id: 'harness-diff', class: 'harness-diff', tabindex: 0, role: 'region', 'aria-label': 'Diff from A to B' });
  const lineage = el('div', { id: 'harness-lineage', class: 'lineage' });

  const fill = (select: HTMLSelectElement, value: string) => {
    select.replaceChildren(...entries.map((entry) => el('option', { value: entry.key, text: entry.label })));
    select.value = entries.some((entry) => entry.key === value) ? value : entries[0]!.key;
  };
  const byKey = (key: string): HarnessEntry => entries.find((entry) => entry.key === key) ?? entries[0]!;
  const refresh = (show: string, a: string, b: string) => {
    fill(pick, show);
    fill(pickA, a);
    fill(pickB, b);
    renderEntry(detail, byKey(pick.value));
    renderDiff(diff, byKey(pickA.value), byKey(pickB.value));
  };
  pick.addEventListener('change', () => renderEntry(detail, byKey(pick.value)));
  for (const select of [pickA, pickB]) select.addEventListener('change', () => renderDiff(diff, byKey(pickA.value), byKey(pickB.value)));

  async function openFiles(files: FileList | File[]): Promise<void> {
    const notes: string[] = [];
    let shown: HarnessEntry | null = null;
    let state = 'ok';
    for (const file of Array.from(files)) {
      const result = parseHarnessFile(file.name, await file.text());
      if (result.kind === 'error') {
        notes.push(result.message);
        state = 'error';
      } else if (result.kind === 'lineage') {
        showLineage(result.lineage, file.name);
        notes.push(`${file.name}: lineage of ${result.lineage.versions.length} version(s), ${result.lineage.rounds.length} round(s)`);
      } else {
        entries.push(result.entry);
        shown = result.entry;
        notes.push(`opened ${result.entry.label}`);
      }
    }
    status.dataset.state = state;
    status.textContent = notes.join('; ');
    if (shown) refresh(shown.key, shown.record?.parents[0] ? (entries.find((entry) => entry.id === shown!.record!.parents[0])?.key ?? pickA.value) : pickA.value, shown.key);
    root.dataset.opened = String(entries.filter((entry) => entry.source === 'file').length);
  }

  function showLineage(data: Lineage, fileName: string): void {
    lineage.replaceChildren(el('h3', { text: `Lineage (${fileName}): start ${data.start}, best ${data.best}; stopped: ${data.stopped}` }), drawLineage(data));
  }

  fileInput.addEventListener('change', () => void (fileInput.files && openFiles(fileInput.files)));
  drop.addEventListener('dragover', (event) => {
    event.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (event) => {
    event.preventDefault();
    drop.classList.remove('over');
    if (event.dataTransfer?.files.length) void openFiles(event.dataTransfer.files);
  });

  root.replaceChildren(
    el('div', { class: 'toolbar' }, el('label', {}, 'Show ', pick), drop),
    status,
    el('div', { class: 'columns' },
      el('div', { class: 'half' }, el('h2', { class: 'pane', text: 'Harness' }), detail),
      el('div', { class: 'half' }, el('h2', { class: 'pane', text: 'Diff' }), el('div', { class: 'toolbar' }, el('label', {}, 'A ', pickA), el('label', {}, 'B ', pickB)), diff)),
    lineage,
  );
  refresh('preset:react-basic', 'preset:react-basic', 'preset:evolved-smollm2');
}
