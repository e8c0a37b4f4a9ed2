/**
 * The JSON a sandboxed part's `run(input)` receives and what it may return. In: the hook's data
 * as plain JSON — `{ view, turn, store, texts }`. Out: `{ turn?, store? }` — the turn fields it
 * changes (each a whole new value) and its new store. The shape is checked here; which fields it
 * may change is the part contract (`contract.ts`), checked by the part before anything is applied.
 */
import { z } from 'zod';
import type { HookContext } from '../define-part.ts';
import type { HarnessView } from '../harness-view.ts';
import type { TurnField, TurnState } from '../hooks.ts';
import { SELECTOR_NAMES } from '../parts/selector-parts.ts';

/** What `run(input)` receives (every field a JSON copy; changing it changes nothing outside). */
export interface SandboxInput {
  view: HarnessView;
  /** The whole turn, readable; only the fields in the part's `mayChange` may come back changed. */
  turn: TurnState;
  store: Record<string, unknown>;
  texts: Record<string, string>;
}

/** One schema per turn field: the value a part may return for it. */
const turnFieldSchemas = {
  sections: z.record(z.string(), z.string()),
  rules: z.array(z.string()),
  action: z.string().nullable(),
  thought: z.string().nullable(),
  retry: z.object({ reason: z.string(), feedback: z.string() }).strict().nullable(),
  // Only selectors that exist: the runner instantiates the one named here.
  control: z.object({ selector: z.enum(SELECTOR_NAMES).nullable(), stop: z.string().nullable() }).strict(),
  candidates: z.array(z.string()).nullable(),
} satisfies Record<TurnField, z.ZodType>;

/** What `run(input)` may return. */
export const sandboxOutputSchema = z
  .object({
    turn: z.object(turnFieldSchemas).partial().strict().default({}),
    store: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();
export type SandboxOutput = z.infer<typeof sandboxOutputSchema>;

/** The hook's data as the JSON text `run(input)` gets. */
export function sandboxInputJson(context: HookContext): string {
  const input: SandboxInput = { view: context.view, turn: context.turn, store: context.store, texts: { ...context.texts } };
  return JSON.stringify(input);
}

/** The turn as it would be with `changes` applied (a copy; `turn` is untouched). */
export function turnWith(turn: TurnState, changes: SandboxOutput['turn']): TurnState {
  return { ...structuredClone(turn), ...structuredClone(changes) };
}

/** Writes the changed fields into the live turn and replaces the store's contents (the store object stays the same). */
export function applyOutput(context: HookContext, output: SandboxOutput): void {
  Object.assign(context.turn, output.turn);
  if (!output.store) return;
  for (const key of Object.keys(context.store)) delete context.store[key];
  Object.assign(context.store, output.store);
}

/** The zod issues of a bad answer, one line. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(answer)'}: ${issue.message}`).join('; ');
}
