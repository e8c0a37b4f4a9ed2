/**
 * Calls one part's hook and checks its contract: after the call, every turn field that changed
 * must be declared in the part's `mayChange` for that hook. A violation is a HarnessError naming
 * the part, the hook and the field — a programming error, so it stops the run.
 */
import type { LivePart } from './build-harness.ts';
import type { HookContext } from './define-part.ts';
import { HarnessError } from './harness-error.ts';
import { TURN_FIELDS, type HookName, type TurnField, type TurnState } from './hooks.ts';

function fingerprint(turn: TurnState): string[] {
  return TURN_FIELDS.map((field) => JSON.stringify(turn[field]));
}

function firstOutside(allowed: readonly TurnField[], before: string[], after: string[]): TurnField | null {
  const index = TURN_FIELDS.findIndex((field, i) => before[i] !== after[i] && !allowed.includes(field));
  return index < 0 ? null : TURN_FIELDS[index]!;
}

/** The first turn field that differs from `before` to `after` but is not in `allowed` (null when none): the contract itself. */
export function fieldOutsideContract(allowed: readonly TurnField[], before: TurnState, after: TurnState): TurnField | null {
  return firstOutside(allowed, fingerprint(before), fingerprint(after));
}

/** The turn fields that differ from `before` to `after`, in TURN_FIELDS order. */
export function changedFields(before: TurnState, after: TurnState): TurnField[] {
  const [was, now] = [fingerprint(before), fingerprint(after)];
  return TURN_FIELDS.filter((_, i) => was[i] !== now[i]);
}

/** The first turn field that changed although the part may not change it at this hook. */
function violation(part: LivePart, hook: HookName, before: string[], after: string[]): TurnField | null {
  return firstOutside(part.definition.mayChange[hook] ?? [], before, after);
}

/** Runs `part`'s handler for `hook` (if any) and checks what it changed. */
export async function callChecked(part: LivePart, hook: HookName, context: HookContext): Promise<void> {
  const handler = part.instance.hooks[hook];
  if (!handler) return;
  const before = fingerprint(context.turn);
  await handler(context);
  const field = violation(part, hook, before, fingerprint(context.turn));
  if (field === null) return;
  const allowed = part.definition.mayChange[hook] ?? [];
  throw new HarnessError(
    `part '${part.name}' (${part.path}) changed '${field}' at hook '${hook}', but declares it may change only [${allowed.join(', ') || 'nothing'}] there; declare '${field}' in mayChange['${hook}'] or move the change to another hook`,
    { part: part.name, hook, field },
  );
}
