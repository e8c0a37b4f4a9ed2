/**
 * What a benchmark run is: models × harnesses × scenarios × seeds, with everything that fixes the
 * outcome recorded once in the run folder's `config.json` — each model's file hash, each harness's
 * spec and ids, the suite's manifest hash and every scenario's content hash, the runner options and
 * Hearth's version. A rerun (or a shard, or a merge) with a different configuration is refused with
 * what differs. Where and how fast it ran (machine, concurrency, shard) is per invocation, not here.
 */
import { z } from 'zod';
import { harnessSpecSchema } from '../harness/harness-spec.ts';
import { CAPABILITIES } from '../../envs/protocol.ts';

export const BENCH_FORMAT_VERSION = 1 as const;

export const benchModelSchema = z.object({
  /** As the user named it (`smollm2-135m`, a path, a URL, `random`). */
  spec: z.string().min(1),
  /** The backend's id, as written in episode keys and traces (`llama:smollm2-135m`, `random`). */
  id: z.string().min(1),
  backend: z.string(),
  /** SHA-256 of the model file for local files; null for servers and the null chooser. */
  sha256: z.string().nullable(),
}).strict();

export const benchHarnessSchema = z.object({
  /** As the user named it (preset name or file). */
  ref: z.string().min(1),
  name: z.string(),
  harnessId: z.string(),
  behaviourId: z.string(),
  spec: harnessSpecSchema,
}).strict();

export const benchScenarioSchema = z.object({
  id: z.string(),
  sha256: z.string(),
  taskType: z.string().nullable(),
  /** The oracle's shortest plan, for efficiency (null when not known). */
  oracleSteps: z.number().int().nullable(),
}).strict();

export const benchConfigSchema = z.object({
  formatVersion: z.literal(BENCH_FORMAT_VERSION),
  kind: z.literal('bench'),
  models: z.array(benchModelSchema).min(1),
  harnesses: z.array(benchHarnessSchema).min(1),
  /** `household-v1:test-unseen`, or the files' glob. */
  source: z.object({
    suite: z.string().nullable(),
    splits: z.array(z.string()),
    /** The suite manifest's own hash (null for scenario files). */
    manifestSha256: z.string().nullable(),
    files: z.string().nullable(),
    limit: z.number().int().nullable(),
  }).strict(),
  scenarios: z.array(benchScenarioSchema).min(1),
  seeds: z.array(z.number().int().min(0)).min(1),
  physics: z.enum(['kinematic', 'matter']),
  /**
   * The environment the episodes ran on (envs/protocol.ts EnvDescription); absent in runs written
   * before environments: Hearth's simulator, full view, with `physics`.
   */
  env: z.object({ id: z.string(), version: z.string(), params: z.record(z.string(), z.unknown()), capabilities: z.array(z.enum(CAPABILITIES)) }).strict().optional(),
  runner: z.object({ maxRetries: z.number().int(), modelTimeoutMs: z.number() }).strict(),
  hearthVersion: z.string(),
}).strict();
export type BenchConfig = z.infer<typeof benchConfigSchema>;
export type BenchModel = z.infer<typeof benchModelSchema>;
export type BenchHarness = z.infer<typeof benchHarnessSchema>;

/** What makes `next` a different run from `previous` ([] when it is the same), one line per field. */
export function benchConfigDifferences(previous: BenchConfig, next: BenchConfig): string[] {
  const show = (value: unknown) => {
    const text = JSON.stringify(value);
    return text.length > 100 ? `${text.slice(0, 97)}…` : text;
  };
  const differences: string[] = [];
  for (const key of Object.keys(next) as (keyof BenchConfig)[]) {
    const before = previous[key];
    const after = next[key];
    if (JSON.stringify(before) === JSON.stringify(after)) continue;
    if (Array.isArray(before) && Array.isArray(after)) {
      const ids = (list: unknown[]) => list.map((item) => (typeof item === 'object' && item ? ((item as { id?: string; ref?: string }).ref ?? (item as { id?: string }).id) : item));
      differences.push(`${key}: ${show(ids(before))} → ${show(ids(after))}${JSON.stringify(ids(before)) === JSON.stringify(ids(after)) ? ' (same names, different content)' : ''}`);
    } else {
      differences.push(`${key}: ${show(before)} → ${show(after)}`);
    }
  }
  return differences;
}
