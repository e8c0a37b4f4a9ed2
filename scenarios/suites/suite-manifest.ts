/**
 * A suite manifest freezes a benchmark: which generator (and version) made it, from which seed,
 * and for every member its id, split, task type, layout and task seeds, and the content hash of
 * the scenario file. Regenerating from the manifest must give the same hashes (load-suite.ts
 * checks); a changed generator makes a new suite version, never a silently different old one.
 */
import { z } from 'zod';

export const SUITE_FORMAT_VERSION = 1 as const;
export const SPLITS = ['train', 'test-seen', 'test-unseen'] as const;
export type SplitName = (typeof SPLITS)[number];

export const suiteMemberSchema = z
  .object({
    id: z.string(),
    split: z.enum(SPLITS),
    taskType: z.string(),
    layoutSeed: z.number().int().nonnegative(),
    rooms: z.number().int().min(1).max(4),
    taskSeed: z.number().int().nonnegative(),
    /** SHA-256 of the scenario file's stable JSON. */
    hash: z.string().regex(/^[0-9a-f]{64}$/),
    /** The oracle's plan length, for efficiency metrics. */
    oracleLength: z.number().int().positive(),
  })
  .strict();
export type SuiteMember = z.infer<typeof suiteMemberSchema>;

export const suiteManifestSchema = z
  .object({
    formatVersion: z.literal(SUITE_FORMAT_VERSION),
    suite: z.string().regex(/^[a-z0-9-]+$/),
    generator: z.object({ name: z.literal('household'), version: z.number().int().positive() }).strict(),
    seed: z.number().int().nonnegative(),
    description: z.string(),
    /** SHA-256 over all member entries: one value to cite for the whole suite. */
    hash: z.string().regex(/^[0-9a-f]{64}$/),
    members: z.array(suiteMemberSchema).min(1),
  })
  .strict();
export type SuiteManifest = z.infer<typeof suiteManifestSchema>;
