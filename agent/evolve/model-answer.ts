/**
 * What the model proposer asks a model to fill: the failure categories it answers, at most a few
 * edits of the harness spec, and a one-line rationale. A reduced manifest — the proposer completes
 * it into a `CandidateManifest` (episodes answered, predicted unlock and risk, signatures, levers).
 * The zod schema validates an answer; a narrower JSON Schema for the parent spec constrains a
 * local model's decoding (`GenerateRequest.jsonSchema`): part names per slot, failure categories
 * the failures show, every string and list bounded — a 135M model cannot ramble past them. An
 * insert of `sandboxed-js` carries its own params ({kind, hook, mayChange, source}: a part written
 * in JavaScript); the proposer adds its `signal` and limits (propose-model.ts).
 */
import { z } from 'zod';
import { FAILURE_CATEGORIES, type FailureCategory } from './digest.ts';
import { SLOT_OF_KIND, type PartCatalog } from '../harness/part-catalog-schema.ts';
import type { HarnessSpec } from '../harness/harness-spec.ts';
import { LIST_SLOTS, SINGLE_SLOTS, slotParts } from '../harness/harness-edits.ts';
import { HOOKS, TURN_FIELDS, type TurnField } from '../harness/hooks.ts';
import { SANDBOXABLE_KINDS, SANDBOXED_PART_NAME } from '../harness/sandbox/sandboxed-part.ts';

export const MODEL_ANSWER_FORMAT_VERSION = 1 as const;

/** Bounds of an answer (they keep the JSON short enough to finish within the proposer's maxTokens). */
export const ANSWER_LIMITS = { categories: 3, edits: 3, params: 3, key: 24, value: 40, text: 240, rationale: 160, source: 400, mayChange: 3 } as const;

const ANY_SLOT = [...LIST_SLOTS, ...SINGLE_SLOTS] as const;

/** The kinds a sandboxed part can be inserted as: the sandboxable ones whose slot is a list (a decomposer is replaced, not inserted). */
const INSERTABLE_SANDBOX_KINDS = SANDBOXABLE_KINDS.filter((kind) => (LIST_SLOTS as readonly string[]).includes(SLOT_OF_KIND[kind]));

/** What an answer writes for a sandboxed part (a field named twice counts once). */
const sandboxedAnswerParams = z.object({
  kind: z.enum(INSERTABLE_SANDBOX_KINDS as [(typeof SANDBOXABLE_KINDS)[number], ...(typeof SANDBOXABLE_KINDS)[number][]]),
  hook: z.enum(HOOKS),
  mayChange: z.array(z.enum(TURN_FIELDS as readonly [TurnField, ...TurnField[]])).min(1).max(ANSWER_LIMITS.mayChange).transform((fields) => [...new Set(fields)]),
  source: z.string().min(1).max(ANSWER_LIMITS.source),
}).strict();

/**
 * The answer schema for a catalogue whose parts are `partNames`, answering the failure
 * `categories` the parent's failures show (so a model cannot claim to fix what did not happen).
 */
export function modelAnswerSchema(partNames: readonly string[], categories: readonly FailureCategory[] = FAILURE_CATEGORIES) {
  if (partNames.length === 0) throw new Error('modelAnswerSchema: the part catalogue is empty; pass the registry\'s part names');
  if (categories.length === 0) throw new Error('modelAnswerSchema: no failure categories to answer; a parent without failures needs no proposal');
  const part = z.enum(partNames as [string, ...string[]]);
  const params = z.record(z.string().min(1).max(ANSWER_LIMITS.key), z.union([z.string().max(ANSWER_LIMITS.value), z.number(), z.boolean()]))
    .refine((value) => Object.keys(value).length <= ANSWER_LIMITS.params, { message: `at most ${ANSWER_LIMITS.params} parameters per edit` })
    .meta({ maxProperties: ANSWER_LIMITS.params });
  const insertSandboxed = z.object({ op: z.literal('insert'), slot: z.enum(LIST_SLOTS), part: z.literal(SANDBOXED_PART_NAME), params: sandboxedAnswerParams }).strict()
    .superRefine((edit, context) => {
      const slot = SLOT_OF_KIND[edit.params.kind];
      if (slot !== edit.slot) context.addIssue({ code: 'custom', path: ['params', 'kind'], message: `a ${edit.params.kind} goes into slot '${slot}', not '${edit.slot}'; name the kind of the slot it is inserted into` });
    });
  const insert = partNames.includes(SANDBOXED_PART_NAME)
    ? z.discriminatedUnion('part', [insertSandboxed, z.object({ op: z.literal('insert'), slot: z.enum(LIST_SLOTS), part: part.exclude([SANDBOXED_PART_NAME]), params }).strict()])
    : z.object({ op: z.literal('insert'), slot: z.enum(LIST_SLOTS), part, params }).strict();
  const edit = z.discriminatedUnion('op', [
    insert,
    z.object({ op: z.literal('replace'), slot: z.enum(ANY_SLOT), part, params }).strict(),
    z.object({ op: z.literal('remove'), slot: z.enum(ANY_SLOT), part }).strict(),
    z.object({ op: z.literal('set-params'), slot: z.enum(ANY_SLOT), part, params }).strict(),
    z.object({ op: z.literal('set-text'), key: z.string().min(1).max(ANSWER_LIMITS.key), text: z.string().min(1).max(ANSWER_LIMITS.text) }).strict(),
  ]);
  return z.object({
    answers: z.array(z.enum(categories as [FailureCategory, ...FailureCategory[]])).min(1).max(ANSWER_LIMITS.categories),
    edits: z.array(edit).min(1).max(ANSWER_LIMITS.edits),
    rationale: z.string().min(1).max(ANSWER_LIMITS.rationale),
  }).strict();
}

/** A parsed answer. */
export type ModelAnswer = z.infer<ReturnType<typeof modelAnswerSchema>>;

/** How the grammar narrows the parts it offers to add. */
export interface GrammarChoices {
  /** Parts to offer first (in this order). */
  preferred?: readonly string[];
  /** Only parts that would leave an attribution signature when added (others can never pass the gate). */
  attributable?: (part: string) => boolean;
}

/** Control and validator parts leave the clearest signatures, so they come first. */
const INSERT_ORDER = ['control', 'validators', 'memory', 'summarizers'] as const satisfies readonly (typeof LIST_SLOTS)[number][];
const NO_PARAMS = { type: 'object', properties: {}, additionalProperties: false };
const variant = (op: string, slot: string, parts: readonly string[], params: Record<string, unknown> | null) => ({
  type: 'object',
  properties: { op: { const: op }, slot: { const: slot }, part: { enum: parts }, ...(params ? { params } : {}) },
  required: ['op', 'slot', 'part', ...(params ? ['params'] : [])], additionalProperties: false,
});
/** The params of a sandboxed part inserted into `slot`: its kind fixed by the slot, the rest bounded as `sandboxedAnswerParams`. */
const sandboxedParamsJson = (slot: string) => ({
  type: 'object',
  properties: {
    kind: { const: INSERTABLE_SANDBOX_KINDS.find((kind) => SLOT_OF_KIND[kind] === slot) }, hook: { enum: HOOKS },
    mayChange: { type: 'array', items: { enum: TURN_FIELDS }, minItems: 1, maxItems: ANSWER_LIMITS.mayChange },
    source: { type: 'string', minLength: 1, maxLength: ANSWER_LIMITS.source },
  },
  required: ['kind', 'hook', 'mayChange', 'source'], additionalProperties: false,
});
/** Plain scalar params (a number, a flag, a choice) are what a small model can set; lists and texts are left to set-text and bigger models. */
const isScalar = (schema: Record<string, unknown>): boolean => Array.isArray(schema.enum) || ['integer', 'number', 'boolean'].includes(schema.type as string);

/**
 * The answer as JSON Schema for constrained decoding (`GenerateRequest.jsonSchema`): narrower
 * than `modelAnswerSchema`, it pairs every slot with the parts that fit it for the parent `spec`
 * — insert a part of the slot's kind not yet there and replace a single slot's part (both with
 * default params), remove a part the slot holds, or set one scalar param of it (named and typed
 * from the part's own schema) — so a small model cannot put a control part among the summarizers
 * or invent parameter names; a `sandboxed-js` insert (with its own params) is offered for each list
 * slot that has none yet. Every answer it allows also passes `modelAnswerSchema`.
 */
export function modelAnswerJsonSchema(catalog: PartCatalog, spec: HarnessSpec, categories: readonly FailureCategory[], choices: GrammarChoices = {}): Record<string, unknown> {
  const preferred = choices.preferred ?? [];
  // Small models lean towards the first option of a choice: the preferred parts come first, then the rest by name.
  const rank = (name: string) => (preferred.includes(name) ? preferred.indexOf(name) : preferred.length);
  // A sandboxed part is never inserted with default params: it has its own variants below.
  const ofSlot = (slot: string) => catalog.parts.filter((part) => part.slot === slot && part.name !== SANDBOXED_PART_NAME && (choices.attributable?.(part.name) ?? true)).map((part) => part.name).sort((a, b) => rank(a) - rank(b));
  const sandboxable = catalog.parts.some((part) => part.name === SANDBOXED_PART_NAME);
  const inSlot = (slot: (typeof ANY_SLOT)[number]) => slotParts(spec, slot).map((entry) => entry.part);
  const variants = [
    ...INSERT_ORDER.map((slot) => variant('insert', slot, ofSlot(slot).filter((name) => !inSlot(slot).includes(name)), NO_PARAMS)),
    ...SINGLE_SLOTS.map((slot) => variant('replace', slot, ofSlot(slot).filter((name) => !inSlot(slot).includes(name)), NO_PARAMS)),
    ...[...LIST_SLOTS, 'decomposer' as const].map((slot) => variant('remove', slot, inSlot(slot), null)),
    ...ANY_SLOT.flatMap((slot) => inSlot(slot).flatMap((name) => {
      const properties = (catalog.parts.find((part) => part.name === name)?.params.properties ?? {}) as Record<string, Record<string, unknown>>;
      return Object.entries(properties).filter(([, schema]) => isScalar(schema))
        .map(([key, schema]) => variant('set-params', slot, [name], { type: 'object', properties: { [key]: schema }, required: [key], additionalProperties: false }));
    })),
    ...INSERT_ORDER.filter((slot) => sandboxable && !inSlot(slot).includes(SANDBOXED_PART_NAME)).map((slot) => variant('insert', slot, [SANDBOXED_PART_NAME], sandboxedParamsJson(slot))),
  ].filter((entry) => entry.properties.part.enum.length > 0);
  const setText = { type: 'object', properties: { op: { const: 'set-text' }, key: { type: 'string', minLength: 1, maxLength: ANSWER_LIMITS.key }, text: { type: 'string', minLength: 1, maxLength: ANSWER_LIMITS.text } }, required: ['op', 'key', 'text'], additionalProperties: false };
  return {
    type: 'object',
    properties: {
      answers: { type: 'array', items: { enum: categories }, minItems: 1, maxItems: ANSWER_LIMITS.categories },
      edits: { type: 'array', items: { oneOf: [...variants, setText] }, minItems: 1, maxItems: ANSWER_LIMITS.edits },
      rationale: { type: 'string', minLength: 1, maxLength: ANSWER_LIMITS.rationale },
    },
    required: ['answers', 'edits', 'rationale'], additionalProperties: false,
  };
}
