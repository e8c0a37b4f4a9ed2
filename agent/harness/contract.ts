/**
 * Calls one part's hook and checks its contract: after the call, every turn field that changed
 * must be declared in the part's `mayChange` for that hook. A violation is a HarnessError naming
 * the part, the hook and the field. A part that throws is reported as a part error.
 */
import type { LivePart } from './build-harness.ts';
import type { HookContext } from './define-part.ts';
import { HarnessError } from './harness-error.ts';
import type { HookName, TurnField, TurnState } from './hooks.ts';

const FIELDS: TurnField[] = ['sections', 'rules', 'action', 'thought', 'retry', 'control'];

function fingerprint(turn: TurnState): Record<TurnField, string> {
  return Object.fromEntries(FIELDS.map((field) => [field, JSON.stringify(turn[field])])) as Record<TurnField, string>;
}


export async function callChecked(part: LivePart, hook: HookName, context: HookContext): Promise<void> {
  const handler = part.instance.hooks[hook];
  if (!handler) return;
  const before = fingerprint(context.turn);
  await handler(context);
  const after = fingerprint(context.turn);
  const allowed = new Set(part.definition.mayChange[hook] ?? []);
  for (const field of FIELDS) {
    if (before[field] !== after[field] && !allowed.has(field)) {
      throw new HarnessError(
        `part '${part.name}' (${part.path}) changed '${field}' at hook '${hook}', but declares it may change only [${[...allowed].join(', ') || 'nothing'}] there; declare it in mayChange or move the change to another hook`,
        { part: part.name, hook, field },
      );
    }
  }
}
