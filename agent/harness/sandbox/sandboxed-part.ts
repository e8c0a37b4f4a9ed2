/**
 * `sandboxed-js`: a part whose code is data — plain JavaScript a proposer model wrote, kept in the
 * spec's params (so it is content-hashed, archived and shown like any other parameter) and run only
 * inside QuickJS/wasm (`quickjs-sandbox.ts`). Its kind, hook and contract are params too; the runner
 * checks that contract like a built-in part's. Anything the code does wrong — a syntax error, a
 * timeout, running out of memory, an answer of the wrong shape, a change outside its contract, a
 * throw — is a `sandbox-fault` event and a failed episode (`part-error`), never a crashed run.
 * With `params.signal` set, a call that changed a turn field also leaves a `control` event (at most
 * one per step): the trace feature the evolution gate checks to see the part was really used.
 */
import { z } from 'zod';
import { definePart, type HookContext, type PartKind } from '../define-part.ts';
import { HOOKS, TURN_FIELDS, type TurnField } from '../hooks.ts';
import { changedFields, fieldOutsideContract } from '../contract.ts';
import type { SandboxFaultKind } from '../../trace/trace-events.ts';
import { runInSandbox } from './quickjs-sandbox.ts';
import { applyOutput, describeIssues, sandboxInputJson, sandboxOutputSchema, turnWith } from './sandbox-io.ts';

export const SANDBOXED_PART_NAME = 'sandboxed-js';

/** The slots a sandboxed part can fill: the hooked kinds (prompt builders and selectors are not hooks). */
export const SANDBOXABLE_KINDS = ['summarizer', 'decomposer', 'memory', 'validator', 'control'] as const satisfies readonly PartKind[];

const DEFAULT_SOURCE = 'function run(input) {\n  return {};\n}\n';

const limitsSchema = z
  .object({
    msPerCall: z.number().int().min(1).max(10_000).default(250),
    memoryBytes: z.number().int().min(1 << 20).max(512 << 20).default(16 << 20),
  })
  .strict();

export const sandboxedParamsSchema = z
  .object({
    kind: z.enum(SANDBOXABLE_KINDS).default('control'),
    hook: z.enum(HOOKS).default('step-start'),
    mayChange: z
      .array(z.enum(TURN_FIELDS as readonly [TurnField, ...TurnField[]]))
      .refine((fields) => new Set(fields).size === fields.length, 'name each turn field once')
      .default([]),
    /** Plain JavaScript (a script, not a module) defining `function run(input)`; see the harness README. */
    source: z.string().min(1).max(100_000).default(DEFAULT_SOURCE),
    limits: limitsSchema.prefault({}),
    /** When set, a call that changed a turn field emits `control {part: 'sandboxed-js', signal}` (at most once per step). */
    signal: z.string().min(1).max(40).optional(),
  })
  .strict();
export type SandboxedParams = z.infer<typeof sandboxedParamsSchema>;

/** Thrown after the fault is traced; the runner turns it into a `part-error` stop. */
export class SandboxFault extends Error {
  override readonly name = 'SandboxFault';
  constructor(readonly fault: SandboxFaultKind, message: string) {
    super(`sandbox ${fault}: ${message}`);
  }
}

function faulted(context: HookContext, params: SandboxedParams, fault: SandboxFaultKind, message: string): SandboxFault {
  context.emit({ type: 'sandbox-fault', part: SANDBOXED_PART_NAME, hook: params.hook, fault, message });
  return new SandboxFault(fault, message);
}

/** One call: JSON in, run in QuickJS, answer checked (shape, then contract), then applied; returns the turn fields it changed. */
async function callSandboxed(params: SandboxedParams, context: HookContext): Promise<TurnField[]> {
  const outcome = await runInSandbox(params.source, sandboxInputJson(context), params.limits);
  if (!outcome.ok) throw faulted(context, params, outcome.fault, outcome.message);
  const output = sandboxOutputSchema.safeParse(outcome.value);
  if (!output.success) throw faulted(context, params, 'output', `run(input) returned ${describeIssues(output.error)}; return { turn?: { <field>: <new value> }, store?: {…} }`);
  const after = turnWith(context.turn, output.data.turn);
  const field = fieldOutsideContract(params.mayChange, context.turn, after);
  if (field !== null) {
    const allowed = params.mayChange.join(', ') || 'nothing';
    throw faulted(context, params, 'contract', `run(input) changed '${field}' at hook '${params.hook}', but params.mayChange allows only [${allowed}]; add '${field}' to mayChange or stop returning it`);
  }
  const changed = changedFields(context.turn, after);
  applyOutput(context, output.data);
  return changed;
}

/** The part's hook for one episode: each call, then its `control` event when `signal` is set and the call changed something. */
function sandboxedHook(params: SandboxedParams): (context: HookContext) => Promise<void> {
  let signalledStep: number | null = null;
  return async (context) => {
    const changed = await callSandboxed(params, context);
    if (params.signal === undefined || changed.length === 0 || signalledStep === context.view.step) return;
    signalledStep = context.view.step;
    context.emit({ type: 'control', part: SANDBOXED_PART_NAME, signal: params.signal, detail: `${params.hook}: changed ${changed.join(', ')}` });
  };
}

export const sandboxedPart = definePart({
  kind: 'control',
  name: SANDBOXED_PART_NAME,
  description: 'Model-written JavaScript (params.source, function run(input)) run inside QuickJS/wasm with time and memory limits; its kind, hook and mayChange are params.',
  params: sandboxedParamsSchema,
  // The registered contract is empty; `specialize` gives each slot the one its params declare.
  mayChange: {},
  specialize: (params) => ({ kind: params.kind, mayChange: { [params.hook]: params.mayChange } }),
  create: (params) => ({ hooks: { [params.hook]: sandboxedHook(params) } }),
});
