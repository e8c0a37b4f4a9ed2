/**
 * What the rule levers know by hand, derived for any edit: the lever an edit amounts to (so hit
 * rates of rules and model candidates count the same levers) and the attribution signature its
 * part leaves in a trace. A part a lever adds shows that lever's signature; otherwise the event its
 * kind emits when it acts (a control event, a selection, a repair, a subgoal); a set text shows in
 * the prompt. A sandboxed part (`sandboxed-js`) shows its `control` event only when its params
 * name a `signal`. Summarizers, memories and prompt builders without a lever, a sandboxed part
 * without a signal, and removals, leave no signature the gate can check: null.
 */
import type { PartRegistry } from '../harness/part-registry.ts';
import type { HarnessSpec } from '../harness/harness-spec.ts';
import type { AttributionSignature } from './attribution-signature.ts';
import { FAILURE_CATEGORIES } from './digest.ts';
import type { HarnessEdit } from '../harness/harness-edits.ts';
import { LEVERS, type Lever } from './lever-catalog.ts';
import { SANDBOXED_PART_NAME } from '../harness/sandbox/sandboxed-part.ts';

const KIND_EVENTS: Partial<Record<string, 'control' | 'action-select' | 'action-repair' | 'subgoal-start'>> = {
  control: 'control', selector: 'action-select', validator: 'action-repair', decomposer: 'subgoal-start',
};

/** What makes two edits the same lever: op, slot + part (or the text's key), and for set-params which params. */
function editTarget(edit: HarnessEdit): string {
  if (edit.op === 'set-text') return `set-text ${edit.key}`;
  const keys = edit.op === 'set-params' ? ` ${Object.keys(edit.params).sort().join(',')}` : '';
  return `${edit.op} ${edit.slot}/${edit.part}${keys}`;
}

/** The catalogue lever whose own edits on `spec` include one like this edit, if any. */
export function leverOfEdit(edit: HarnessEdit, spec: HarnessSpec): Lever | null {
  return LEVERS.find((lever) => (lever.edits(spec, FAILURE_CATEGORIES) ?? []).some((own) => editTarget(own) === editTarget(edit))) ?? null;
}

/** A lever id for the edit: the catalogue's when one matches, else `op slot/part` (or `set-text key`). */
export function leverIdOfEdit(edit: HarnessEdit, spec: HarnessSpec): string {
  return leverOfEdit(edit, spec)?.id ?? editTarget(edit);
}

/** The signature showing the edit was used, or null when none can be known. */
export function signatureOfEdit(edit: HarnessEdit, spec: HarnessSpec, registry: PartRegistry): AttributionSignature | null {
  if (edit.op === 'set-text') {
    const line = edit.text.split('\n').map((text) => text.trim()).find(Boolean);
    return line ? { promptContains: line.slice(0, 40) } : null;
  }
  if (edit.op === 'remove') return null;
  if (edit.part === SANDBOXED_PART_NAME) {
    // Its registered kind says nothing: the part emits an event only when given a signal.
    const { signal } = edit.params as { signal?: unknown };
    return typeof signal === 'string' && signal ? { event: 'control', part: SANDBOXED_PART_NAME, signal } : null;
  }
  const named = LEVERS.find((lever) => 'part' in lever.signature && lever.signature.part === edit.part);
  if (named) return named.signature;
  const matching = leverOfEdit(edit, spec);
  if (matching) return matching.signature;
  const kind = registry.names().includes(edit.part) ? registry.get(edit.part).kind : null;
  const event = kind ? KIND_EVENTS[kind] : undefined;
  return event ? { event, part: edit.part } : null;
}
