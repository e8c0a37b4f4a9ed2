/**
 * A candidate's manifest: what it changes, which failures it answers, what it predicts to unlock
 * and to put at risk, and the signature that must appear if the edit is really used. The gate's
 * first check is that the manifest is complete.
 */
import { z } from 'zod';
import { signatureSchema } from './attribution-signature.ts';
import { harnessEditSchema } from '../harness/harness-edits.ts';

export const MANIFEST_FORMAT_VERSION = 1 as const;
/** The `answers` category of a cost lever: what it answers is the cost of the parent's episodes, not a failure. */
export const COST_ANSWER = 'cost';

export const candidateManifestSchema = z.object({
  formatVersion: z.literal(MANIFEST_FORMAT_VERSION),
  proposer: z.string().min(1),
  levers: z.array(z.string()).min(1),
  edits: z.array(harnessEditSchema).min(1),
  /**
   * Failure categories answered, with how many failed episodes showed each, and which. A cost lever
   * answers no failure: its one entry is `{category: 'cost', count, episodes}` over every parent
   * episode of the batch (the tokens it means to save), so the list is never empty.
   */
  answers: z.array(z.object({ category: z.string(), count: z.number().int().min(1), episodes: z.array(z.string()) }).strict()).min(1),
  predicted: z.object({ unlock: z.array(z.string()), risk: z.array(z.string()) }).strict(),
  /** Every signature must appear in at least one of the candidate's traces. */
  signatures: z.array(signatureSchema).min(1),
  rationale: z.string().min(1),
}).strict();

export type CandidateManifest = z.infer<typeof candidateManifestSchema>;
