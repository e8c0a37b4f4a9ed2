/**
 * The edit algebra over harness specs: insert a part into a pipeline slot, replace the part of a
 * slot, remove one, change a part's parameters, set a text. Type-safe by construction (the result
 * is rebuilt and validated), not behaviour-safe — that is the gate's job.
 */
import { z } from 'zod';
import { harnessSpecSchema, type HarnessSpec, type SlotSpec } from './harness-spec.ts';
import { HarnessError } from './harness-error.ts';

/** Slots holding a list of parts (insert adds to them). */
export const LIST_SLOTS = ['summarizers', 'memory', 'validators', 'control'] as const;
/** Slots holding one part (or none: the decomposer). */
export const SINGLE_SLOTS = ['decomposer', 'promptBuilder', 'selector'] as const;
const ANY_SLOT = z.enum([...LIST_SLOTS, ...SINGLE_SLOTS]);
const params = z.record(z.string(), z.unknown());

export const harnessEditSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('insert'), slot: z.enum(LIST_SLOTS), part: z.string(), params: params.default({}), index: z.number().int().min(0).optional() }).strict(),
  z.object({ op: z.literal('replace'), slot: ANY_SLOT, part: z.string(), params: params.default({}), target: z.string().optional() }).strict(),
  z.object({ op: z.literal('remove'), slot: ANY_SLOT, part: z.string() }).strict(),
  z.object({ op: z.literal('set-params'), slot: ANY_SLOT, part: z.string(), params }).strict(),
  z.object({ op: z.literal('set-text'), key: z.string().min(1), text: z.string() }).strict(),
]);
/** One edit of a harness spec. */
export type HarnessEdit = z.infer<typeof harnessEditSchema>;

const isList = (slot: string): slot is (typeof LIST_SLOTS)[number] => (LIST_SLOTS as readonly string[]).includes(slot);

/** The slot's parts as a list (single slots hold zero or one). */
export function slotParts(spec: HarnessSpec, slot: z.infer<typeof ANY_SLOT>): SlotSpec[] {
  const value = spec.slots[slot];
  return Array.isArray(value) ? value : value ? [value] : [];
}

/** Does the spec use `part` in any slot? */
export function usesPart(spec: HarnessSpec, part: string): boolean {
  return [...LIST_SLOTS, ...SINGLE_SLOTS].some((slot) => slotParts(spec, slot).some((entry) => entry.part === part));
}

function applyOne(spec: HarnessSpec, edit: HarnessEdit): HarnessSpec {
  const next = structuredClone(spec);
  if (edit.op === 'set-text') {
    next.texts[edit.key] = edit.text;
    return next;
  }
  const slots = next.slots as Record<string, SlotSpec | SlotSpec[] | null>;
  const list = slotParts(next, edit.slot);
  const where = list.findIndex((entry) => entry.part === (edit.op === 'replace' ? (edit.target ?? list[0]?.part) : edit.part));
  const wanted = edit.op === 'replace' ? (edit.target ?? '(its first part)') : edit.part;
  const missing = () => new HarnessError(`edit ${edit.op} ${edit.slot}/${edit.part}: slot '${edit.slot}' has no part ${wanted.startsWith('(') ? wanted : `'${wanted}'`} (it has: ${list.map((e) => e.part).join(', ') || 'none'}); name an existing part, or use insert`);
  if (edit.op === 'insert') {
    if (list.some((entry) => entry.part === edit.part)) throw new HarnessError(`edit insert ${edit.slot}/${edit.part}: the part is already in that slot; use set-params to change it`);
    list.splice(edit.index ?? list.length, 0, { part: edit.part, params: edit.params });
  } else if (edit.op === 'replace') {
    if (isList(edit.slot) ? where < 0 : false) throw missing();
    if (where < 0) list.push({ part: edit.part, params: edit.params });
    else list[where] = { part: edit.part, params: edit.params };
  } else if (edit.op === 'remove') {
    if (where < 0) throw missing();
    list.splice(where, 1);
  } else {
    if (where < 0) throw missing();
    list[where] = { part: list[where]!.part, params: { ...list[where]!.params, ...edit.params } };
  }
  slots[edit.slot] = isList(edit.slot) ? list : (list[0] ?? null);
  return next;
}

/** The spec after `edits`, in order (throws HarnessError when an edit does not fit). */
export function applyEdits(spec: HarnessSpec, edits: readonly HarnessEdit[]): HarnessSpec {
  const { id: _stale, ...edited } = edits.reduce(applyOne, spec);
  return harnessSpecSchema.parse(edited);
}
