/**
 * What changed between two harness specs, as plain JSON: per slot the parts added, removed,
 * replaced or reordered and the parameters changed per part, plus the texts. Browser-safe (no
 * Node modules): the browser app's Harness view uses it; harness-diff.ts re-exports it for the CLI.
 */
import { stableStringify } from '../../sim/index.ts';
import type { HarnessSpec, SlotSpec } from '../harness/harness-spec.ts';
import { blockPlaceholder, isTextBlock, lineDiff, paramBlocks } from './param-blocks.ts';

/** The slots in the order the spec (and `hearth harness show`) lists them. */
export const SLOT_NAMES = ['summarizers', 'decomposer', 'memory', 'promptBuilder', 'selector', 'validators', 'control'] as const;
export type SlotName = (typeof SLOT_NAMES)[number];

type Params = Record<string, unknown>;

/** One parameter of one part: `from` is absent when the key is new, `to` when it was dropped. */
export interface ParamChange {
  key: string;
  from?: unknown;
  to?: unknown;
}

/** One difference from spec A to spec B. */
export type SpecChange =
  | { kind: 'part-added'; slot: SlotName; part: string; params: Params; index: number }
  | { kind: 'part-removed'; slot: SlotName; part: string; params: Params }
  | { kind: 'part-replaced'; slot: SlotName; from: SlotSpec; to: SlotSpec }
  | { kind: 'params-changed'; slot: SlotName; part: string; changes: ParamChange[] }
  | { kind: 'parts-reordered'; slot: SlotName; from: string[]; to: string[] }
  | { kind: 'text-added'; key: string; text: string }
  | { kind: 'text-removed'; key: string; text: string }
  | { kind: 'text-changed'; key: string; from: string; to: string }
  | { kind: 'field-changed'; field: 'name' | 'description'; from: string; to: string };

// Params are JSON, so key order carries no meaning: compare canonically.
const same = (a: unknown, b: unknown): boolean => stableStringify(a) === stableStringify(b);

function slotList(spec: HarnessSpec, slot: SlotName): SlotSpec[] {
  const value = spec.slots[slot];
  return Array.isArray(value) ? value : value ? [value] : [];
}

function paramChanges(a: Params, b: Params): ParamChange[] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return keys.flatMap((key): ParamChange[] => {
    const inA = Object.hasOwn(a, key);
    const inB = Object.hasOwn(b, key);
    if (inA && inB && same(a[key], b[key])) return [];
    return [{ key, ...(inA ? { from: a[key] } : {}), ...(inB ? { to: b[key] } : {}) }];
  });
}

/** Each entry's occurrence key (`part#n`), so a part used twice in one slot still pairs up. */
function keyed(list: readonly SlotSpec[]): { key: string; entry: SlotSpec; index: number }[] {
  const seen = new Map<string, number>();
  return list.map((entry, index) => {
    const n = seen.get(entry.part) ?? 0;
    seen.set(entry.part, n + 1);
    return { key: `${entry.part}#${n}`, entry, index };
  });
}

function diffSlot(slot: SlotName, a: readonly SlotSpec[], b: readonly SlotSpec[]): SpecChange[] {
  const left = keyed(a);
  const right = keyed(b);
  const rightKeys = new Set(right.map((r) => r.key));
  const leftKeys = new Set(left.map((l) => l.key));
  const removed = left.filter((l) => !rightKeys.has(l.key));
  const added = right.filter((r) => !leftKeys.has(r.key));
  const changes: SpecChange[] = [];
  // A part that leaves where another arrives at the same position is one replacement (a `replace`
  // edit), not an unrelated add and remove; for single slots that is the only way parts change.
  for (const gone of [...removed]) {
    const arrival = added.find((r) => r.index === gone.index);
    if (!arrival) continue;
    changes.push({ kind: 'part-replaced', slot, from: gone.entry, to: arrival.entry });
    removed.splice(removed.indexOf(gone), 1);
    added.splice(added.indexOf(arrival), 1);
  }
  for (const gone of removed) changes.push({ kind: 'part-removed', slot, part: gone.entry.part, params: gone.entry.params });
  for (const arrival of added) changes.push({ kind: 'part-added', slot, part: arrival.entry.part, params: arrival.entry.params, index: arrival.index });
  for (const l of left) {
    const r = right.find((candidate) => candidate.key === l.key);
    const params = r ? paramChanges(l.entry.params, r.entry.params) : [];
    if (params.length) changes.push({ kind: 'params-changed', slot, part: l.entry.part, changes: params });
  }
  // Pipeline order matters (validators and control run in order), so report a shuffle of the kept parts.
  const keptA = left.filter((l) => rightKeys.has(l.key)).map((l) => l.key);
  const keptB = right.filter((r) => leftKeys.has(r.key)).map((r) => r.key);
  if (!same(keptA, keptB)) changes.push({ kind: 'parts-reordered', slot, from: keptA.map(partOf), to: keptB.map(partOf) });
  return changes;
}

const partOf = (key: string): string => key.slice(0, key.lastIndexOf('#'));

/** The changes that turn spec `a` into spec `b` (empty when they have the same slots, texts, name and description). */
export function diffSpecs(a: HarnessSpec, b: HarnessSpec): SpecChange[] {
  const changes = SLOT_NAMES.flatMap((slot) => diffSlot(slot, slotList(a, slot), slotList(b, slot)));
  const keys = [...new Set([...Object.keys(a.texts), ...Object.keys(b.texts)])].sort();
  for (const key of keys) {
    const from = a.texts[key];
    const to = b.texts[key];
    if (from === undefined && to !== undefined) changes.push({ kind: 'text-added', key, text: to });
    else if (from !== undefined && to === undefined) changes.push({ kind: 'text-removed', key, text: from });
    else if (from !== undefined && to !== undefined && from !== to) changes.push({ kind: 'text-changed', key, from, to });
  }
  for (const field of ['name', 'description'] as const) {
    if (a[field] !== b[field]) changes.push({ kind: 'field-changed', field, from: a[field], to: b[field] });
  }
  return changes;
}

/** `key=value` pairs of a part's parameters, values as JSON (multi-line text as a pointer to its block, see `paramBlocks`). */
export function formatParams(params: Params): string {
  return Object.entries(params).map(([key, value]) => `${key}=${isTextBlock(value) ? blockPlaceholder(value) : JSON.stringify(value)}`).join(' ');
}

const withParams = (slot: SlotSpec, after = ''): string => [[slot.part, formatParams(slot.params)].filter(Boolean).join(' ') + after, ...paramBlocks(slot.params)].join('\n');

/** One changed parameter inline, or for multi-line text its line diff below. */
function formatParamChanges(change: Extract<SpecChange, { kind: 'params-changed' }>): string {
  const isBlock = (c: ParamChange) => isTextBlock(c.from) || isTextBlock(c.to);
  const inline = change.changes.map((c) => (isBlock(c) ? `${c.key} changed (lines below)` : `${c.key} ${shown(c.from)} → ${shown(c.to)}`));
  const blocks = change.changes.filter(isBlock).flatMap((c) => [`    ${c.key}:`, ...lineDiff(typeof c.from === 'string' ? c.from : '', typeof c.to === 'string' ? c.to : '').map((line) => `      ${line}`)]);
  return [`${change.slot}/${change.part}: ${inline.join(', ')}`, ...blocks].join('\n');
}

const shown = (value: unknown): string => (value === undefined ? '(unset)' : JSON.stringify(value));
const clip = (text: string, max = 100): string => JSON.stringify(text.length > max ? `${text.slice(0, max - 1)}…` : text);

function formatChange(change: SpecChange): string {
  switch (change.kind) {
    case 'part-added':
      return `${change.slot}: + ${withParams({ part: change.part, params: change.params }, ` (at position ${change.index + 1})`)}`;
    case 'part-removed':
      return `${change.slot}: − ${withParams({ part: change.part, params: change.params })}`;
    case 'part-replaced':
      // The old part's text blocks (if any) are in A's `harness show`; the new part's are listed here.
      return `${change.slot}: ${[change.from.part, formatParams(change.from.params)].filter(Boolean).join(' ')} → ${withParams(change.to)}`;
    case 'params-changed':
      return formatParamChanges(change);
    case 'parts-reordered':
      return `${change.slot}: order ${change.from.join(', ')} → ${change.to.join(', ')}`;
    case 'text-added':
      return `texts.${change.key}: + ${clip(change.text)}`;
    case 'text-removed':
      return `texts.${change.key}: − ${clip(change.text)}`;
    case 'text-changed':
      return `texts.${change.key}: ${clip(change.from)} → ${clip(change.to)}`;
    case 'field-changed':
      return `${change.field}: ${clip(change.from)} → ${clip(change.to)}`;
  }
}

/** One line per change, or a line saying there is none. */
export function formatSpecChanges(changes: readonly SpecChange[]): string {
  return changes.length ? changes.map(formatChange).join('\n') : 'no changes: the same parts, parameters and texts';
}
