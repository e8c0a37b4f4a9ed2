/**
 * The typed parts of a version record (`versions/<id>.json`, `candidates/…`): its manifest, gate
 * verdict and the failures its edits answered, each parsed leniently (null or skipped when absent
 * or incomplete). No Node modules: the CLI (run-folder.ts, format-run.ts) and the browser use it.
 */
import { z } from 'zod';
import { candidateManifestSchema, type CandidateManifest } from './candidate-manifest.ts';
import { gateVerdictSchema, type GateVerdict } from './gate.ts';
import type { VersionRecord } from './version-record.ts';

/** The record's manifest, or null (the start has none; a rejected candidate's may be incomplete). */
export function recordManifest(record: VersionRecord): CandidateManifest | null {
  const parsed = candidateManifestSchema.safeParse(record.manifest);
  return parsed.success ? parsed.data : null;
}

/** The record's gate verdict, or null (the start was never gated). */
export function recordGate(record: VersionRecord): GateVerdict | null {
  const parsed = gateVerdictSchema.safeParse(record.gate);
  return parsed.success ? parsed.data : null;
}

const failureSchema = z.object({
  scenarioId: z.string(),
  seed: z.number(),
  primary: z.string(),
  categories: z.array(z.object({ category: z.string(), evidence: z.array(z.object({ excerpt: z.string() })).default([]) })).default([]),
});
/** The part of a failure record the CLI and the browser show. */
export type FailureSummary = z.infer<typeof failureSchema>;

/** The parent's failures this record's edits answered (records that do not parse are skipped). */
export function recordFailures(record: VersionRecord): FailureSummary[] {
  return record.evidence.flatMap((entry) => {
    const parsed = failureSchema.safeParse(entry);
    return parsed.success ? [parsed.data] : [];
  });
}
