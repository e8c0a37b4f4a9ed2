/**
 * Versions and candidates as JSON files: content id, behaviour id, parents, edits, manifest, the
 * gate's verdict and evidence, per-episode results. The lineage ties them together.
 */
import { z } from 'zod';
import { harnessSpecSchema } from '../harness/harness-spec.ts';

export const VERSION_FORMAT_VERSION = 1 as const;

const episodeOutcome = z.object({ scenarioId: z.string(), seed: z.number(), success: z.boolean(), steps: z.number(), tokens: z.number(), seconds: z.number() }).strict();

export const versionRecordSchema = z.object({
  formatVersion: z.literal(VERSION_FORMAT_VERSION),
  kind: z.enum(['start', 'version', 'candidate']),
  id: z.string(),
  behaviourId: z.string(),
  round: z.number().int().min(0),
  parents: z.array(z.string()),
  accepted: z.boolean(),
  reason: z.string(),
  spec: harnessSpecSchema,
  manifest: z.unknown().nullable(),
  gate: z.unknown().nullable(),
  /** The parent's failure records this candidate answered (the evidence for its edits). */
  evidence: z.array(z.unknown()),
  results: z.array(episodeOutcome),
  successRate: z.number(),
  /** Who proposed it (absent in records written before proposers were pluggable: the rules). */
  proposer: z.string().optional(),
  /** A model proposer's answer as it came back (kept for failed candidates above all: the why). */
  rawText: z.string().optional(),
}).strict();
export type VersionRecord = z.infer<typeof versionRecordSchema>;

export const lineageSchema = z.object({
  formatVersion: z.literal(VERSION_FORMAT_VERSION),
  start: z.string(),
  best: z.string(),
  versions: z.array(z.object({ id: z.string(), behaviourId: z.string(), parent: z.string().nullable(), round: z.number(), successRate: z.number(), levers: z.array(z.string()), file: z.string() }).strict()),
  rounds: z.array(z.object({
    round: z.number(),
    parent: z.string(),
    candidates: z.array(z.object({
      behaviourId: z.string(), levers: z.array(z.string()), accepted: z.boolean(), reason: z.string(), successRate: z.number(), file: z.string(),
      /** Absent before proposers were pluggable: the rules. */
      proposer: z.string().optional(),
      /** false: failed before evaluation (not JSON, schema-invalid, did not apply or build); absent: valid. */
      valid: z.boolean().optional(),
    }).strict()),
    accepted: z.string().nullable(),
  }).strict()),
  hitRates: z.record(z.string(), z.object({ tried: z.number(), accepted: z.number() })),
  stopped: z.string(),
}).strict();
export type Lineage = z.infer<typeof lineageSchema>;
