/**
 * A harness version is data: which part fills each slot, with what parameters, plus texts
 * (lessons, exemplars) and lineage. Its id is the content hash of everything but the id.
 */
import { z } from 'zod';
import { hashJson } from '../../sim/index.ts';

export const HARNESS_FORMAT_VERSION = 1 as const;

const slot = z.object({ part: z.string(), params: z.record(z.string(), z.unknown()).default({}) }).strict();
export type SlotSpec = z.infer<typeof slot>;

export const harnessSpecSchema = z
  .object({
    formatVersion: z.literal(HARNESS_FORMAT_VERSION),
    name: z.string().min(1),
    description: z.string().default(''),
    slots: z
      .object({
        summarizers: z.array(slot).default([]),
        decomposer: slot.nullable().default(null),
        memory: z.array(slot).default([]),
        promptBuilder: slot,
        selector: slot,
        validators: z.array(slot).default([]),
        control: z.array(slot).default([]),
      })
      .strict(),
    texts: z.record(z.string(), z.string()).default({}),
    parent: z.string().nullable().default(null),
    evidence: z.unknown().optional(),
    id: z.string().optional(),
  })
  .strict();

export type HarnessSpec = z.infer<typeof harnessSpecSchema>;

/** Content hash of a spec (its `id` field excluded). */
export function harnessId(spec: HarnessSpec): string {
  const { id: _ignored, ...rest } = spec;
  return `h-${hashJson(rest).slice(0, 12)}`;
}

/**
 * The behaviour id: a hash of slots and texts only (not name, description, lineage), so two specs
 * that behave the same are one candidate and share logged episodes.
 */
export function behaviourId(spec: HarnessSpec): string {
  const parsed = harnessSpecSchema.parse(spec);
  return `b-${hashJson({ slots: parsed.slots, texts: parsed.texts }).slice(0, 12)}`;
}
