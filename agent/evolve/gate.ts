/**
 * The deterministic gate: a candidate becomes a version only if its manifest is complete, it
 * builds, its attribution signature shows in its traces, its success rises over the parent's on
 * the same episodes by `minGain` with an exact paired test (McNemar, one-sided, at `alpha`), and
 * it loses at most `maxRegressions` episodes the parent solved (the seesaw check). With
 * `minCostCut` set, a candidate that solves at least as many episodes (and at least one) while
 * spending that fraction fewer model tokens per episode (those the model computed, not the prompt
 * tokens its KV cache served, when both sides recorded them) also passes `improves`: same success for
 * less cost is progress too (a harness that lists the actions once instead of twice, say).
 */
import { z } from 'zod';
import type { EpisodeResult } from '../bench/episode-log.ts';
import type { Trace } from '../trace/trace-events.ts';
import { describeSignature, showsSignature } from './attribution-signature.ts';
import { candidateManifestSchema } from './candidate-manifest.ts';
import { mcnemarExact, meanInterval } from './stats.ts';

export const gateOptionsSchema = z.object({
  alpha: z.number().gt(0).lt(1).default(0.1),
  /** Least rise in success rate (0.05 = five points). */
  minGain: z.number().min(0).max(1).default(0.05),
  maxRegressions: z.number().int().min(0).default(1),
  /** Least cut in mean tokens per episode (0.25 = a quarter fewer) that lets an equal-success candidate pass; absent or 0: off (configs written before it mean the same). */
  minCostCut: z.number().min(0).max(1).optional(),
}).strict();
export type GateOptions = z.infer<typeof gateOptionsSchema>;

export interface GateCheck {
  name: 'manifest' | 'builds' | 'signature' | 'improves' | 'seesaw';
  ok: boolean;
  detail: string;
}

export interface GateVerdict {
  accepted: boolean;
  /** The first failed check's detail, or 'accepted'. */
  reason: string;
  checks: GateCheck[];
  /** Present when `improves` passed on cost alone (equal success, fewer tokens per episode): read as "accepted on cost". */
  byCost?: true;
  paired: { gained: number; lost: number; pOneSided: number; parentSuccesses: number; candidateSuccesses: number; episodes: number; parentTokens?: number; candidateTokens?: number };
}

/** A verdict as stored in a candidate's record (read back by `hearth harness show|diff`). */
export const gateVerdictSchema: z.ZodType<GateVerdict> = z.object({
  accepted: z.boolean(),
  reason: z.string(),
  checks: z.array(z.object({ name: z.enum(['manifest', 'builds', 'signature', 'improves', 'seesaw']), ok: z.boolean(), detail: z.string() })),
  byCost: z.literal(true).optional(),
  paired: z.object({ gained: z.number(), lost: z.number(), pOneSided: z.number(), parentSuccesses: z.number(), candidateSuccesses: z.number(), episodes: z.number(), parentTokens: z.number().optional(), candidateTokens: z.number().optional() }),
});

/** ' on cost (tokens/episode 812 → 640)' for a verdict that passed on cost alone, else '' — to follow "accepted" or "passed the gate". */
export function costPassNote(verdict: Pick<GateVerdict, 'byCost' | 'paired'>): string {
  if (!verdict.byCost) return '';
  const { parentTokens, candidateTokens } = verdict.paired;
  return ` on cost${parentTokens !== undefined && candidateTokens !== undefined ? ` (tokens/episode ${Math.round(parentTokens)} → ${Math.round(candidateTokens)})` : ''}`;
}

export interface GateInput {
  manifest: unknown;
  /** null when the candidate built; else the build error. */
  buildError: string | null;
  parent: readonly EpisodeResult[];
  candidate: readonly EpisodeResult[];
  candidateTraces: readonly Trace[];
}

const pairKey = (result: EpisodeResult): string => `${result.scenarioId}#${result.seed}`;

/** Pairs parent and candidate results by scenario and seed (both must cover the same episodes). */
function pairs(parent: readonly EpisodeResult[], candidate: readonly EpisodeResult[]): { key: string; parent: boolean; candidate: boolean; parentTokens: number; candidateTokens: number }[] {
  const byKey = new Map(candidate.map((result) => [pairKey(result), result]));
  return parent.map((result) => {
    const other = byKey.get(pairKey(result));
    if (!other) throw new Error(`gate: the candidate has no episode for ${pairKey(result)}; parent and candidate must run the same scenarios and seeds`);
    // Cost is what the model computed when both sides recorded it (cached prompt tokens are nearly free), else every token.
    const computed = result.computedTokens !== undefined && other.computedTokens !== undefined;
    return { key: pairKey(result), parent: result.success, candidate: other.success, parentTokens: computed ? result.computedTokens! : result.tokens, candidateTokens: computed ? other.computedTokens! : other.tokens };
  });
}

export function gate(input: GateInput, options: Partial<GateOptions> = {}): GateVerdict {
  const { alpha, minGain, maxRegressions, minCostCut = 0 } = gateOptionsSchema.parse(options);
  const checks: GateCheck[] = [];
  const manifest = candidateManifestSchema.safeParse(input.manifest);
  checks.push({ name: 'manifest', ok: manifest.success, detail: manifest.success ? 'complete' : `incomplete: ${manifest.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` });
  checks.push({ name: 'builds', ok: input.buildError === null, detail: input.buildError ?? 'builds' });
  const paired = input.buildError === null && input.candidate.length ? pairs(input.parent, input.candidate) : [];
  const test = mcnemarExact(paired);
  const parentSuccesses = paired.filter((pair) => pair.parent).length;
  const candidateSuccesses = paired.filter((pair) => pair.candidate).length;
  if (manifest.success) {
    const missing = manifest.data.signatures.filter((signature) => !input.candidateTraces.some((trace) => showsSignature(trace, signature)));
    checks.push({ name: 'signature', ok: missing.length === 0, detail: missing.length ? `never seen: ${missing.map(describeSignature).join('; ')}` : 'seen' });
  }
  const n = Math.max(1, paired.length);
  const gain = (candidateSuccesses - parentSuccesses) / n;
  const improves = paired.length > 0 && gain >= minGain && gain > 0 && test.pOneSided <= alpha;
  const parentTokens = meanInterval(paired.map((pair) => pair.parentTokens)).mean;
  const candidateTokens = meanInterval(paired.map((pair) => pair.candidateTokens)).mean;
  const cut = parentTokens > 0 ? 1 - candidateTokens / parentTokens : 0;
  const cheaper = !improves && minCostCut > 0 && candidateSuccesses >= Math.max(1, parentSuccesses) && cut >= minCostCut;
  const successDetail = `${parentSuccesses} → ${candidateSuccesses} of ${paired.length} (+${test.gained} −${test.lost}, one-sided exact McNemar p = ${test.pOneSided.toFixed(3)}; needs a gain ≥ ${minGain} and p ≤ ${alpha})`;
  const costDetail = minCostCut > 0 ? `; computed tokens/episode ${Math.round(parentTokens)} → ${Math.round(candidateTokens)} (${cheaper ? 'same success for ' : ''}${Math.abs(cut * 100).toFixed(0)}% ${cut < 0 ? 'more' : 'fewer'}; an equal-success candidate passes with ≥ ${(minCostCut * 100).toFixed(0)}% fewer)` : '';
  checks.push({ name: 'improves', ok: improves || cheaper, detail: successDetail + costDetail });
  checks.push({ name: 'seesaw', ok: test.lost <= maxRegressions, detail: `${test.lost} episode(s) the parent solved are lost (at most ${maxRegressions} allowed)` });
  const failed = checks.find((check) => !check.ok);
  return {
    accepted: !failed,
    reason: failed ? `${failed.name}: ${failed.detail}` : 'accepted',
    checks,
    ...(cheaper ? { byCost: true as const } : {}),
    paired: { gained: test.gained, lost: test.lost, pOneSided: test.pOneSided, parentSuccesses, candidateSuccesses, episodes: paired.length, parentTokens, candidateTokens },
  };
}
