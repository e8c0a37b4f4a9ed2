/**
 * Small, dependency-free statistics for the evolution gate and judge: confidence intervals for
 * success rates and means, and paired tests that say whether a candidate harness beats its parent.
 */
import { createRng } from '../../sim/index.ts';

function checkCount(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  }
}

/**
 * Wilson score interval for a success rate. Used instead of the normal interval because the gate
 * works with small episode counts and rates near 0 or 1, where the normal interval collapses.
 * n = 0 carries no information, so it gives the whole range [0, 1].
 */
export function wilsonInterval(successes: number, n: number, z = 1.96): { rate: number; low: number; high: number } {
  checkCount('successes', successes);
  checkCount('n', n);
  if (successes > n) throw new RangeError(`successes (${successes}) cannot exceed n (${n})`);
  if (n === 0) return { rate: 0, low: 0, high: 1 };
  const p = successes / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { rate: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** P(X >= k) for X ~ Binomial(n, 0.5), summed in log space so it stays accurate (and never overflows) for n in the thousands. */
function binomialUpperTailHalf(k: number, n: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  const logHalfN = -n * Math.LN2;
  let logC = 0; // log C(n, 0)
  const logs: number[] = [];
  for (let i = 1; i <= n; i++) {
    logC += Math.log((n - i + 1) / i);
    if (i >= k) logs.push(logC + logHalfN);
  }
  const max = Math.max(...logs);
  let sum = 0;
  for (const l of logs) sum += Math.exp(l - max);
  return Math.min(1, Math.exp(max + Math.log(sum)));
}

/**
 * Exact McNemar test on paired episode outcomes (same scenario and seed for parent and candidate).
 * Only discordant pairs carry evidence; pOneSided tests "candidate is better", pTwoSided "they differ".
 */
export function mcnemarExact(
  pairs: readonly { parent: boolean; candidate: boolean }[],
): { gained: number; lost: number; pOneSided: number; pTwoSided: number } {
  let gained = 0;
  let lost = 0;
  for (const { parent, candidate } of pairs) {
    if (!parent && candidate) gained++;
    else if (parent && !candidate) lost++;
  }
  const n = gained + lost;
  if (n === 0) return { gained, lost, pOneSided: 1, pTwoSided: 1 };
  const upper = binomialUpperTailHalf(gained, n); // P(X >= gained)
  const lower = binomialUpperTailHalf(lost, n); // P(X <= gained) = P(X >= lost) by symmetry
  return { gained, lost, pOneSided: upper, pTwoSided: Math.min(1, 2 * Math.min(upper, lower)) };
}

/**
 * Percentile-bootstrap interval for the difference in success rate (b minus a) of paired runs.
 * Resampling whole pairs keeps the per-scenario correlation, so the interval is tighter and honest;
 * the seeded sim RNG makes the judge's verdict reproducible.
 */
export function pairedBootstrapDifference(
  a: readonly boolean[],
  b: readonly boolean[],
  options: { resamples?: number; seed?: number; level?: number } = {},
): { difference: number; low: number; high: number } {
  if (a.length !== b.length) throw new RangeError(`paired arrays differ in length: ${a.length} vs ${b.length}`);
  const { resamples = 10000, seed = 0, level = 0.95 } = options;
  if (!Number.isInteger(resamples) || resamples < 1) throw new RangeError(`resamples must be a positive integer, got ${resamples}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
  const n = a.length;
  if (n === 0) return { difference: 0, low: 0, high: 0 };
  const diffs = a.map((av, i) => Number(b[i]) - Number(av));
  const difference = diffs.reduce((s, d) => s + d, 0) / n;
  const rng = createRng(seed);
  const stats = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    let sum = 0;
    for (let j = 0; j < n; j++) sum += diffs[rng.nextInt(n)] ?? 0;
    stats[r] = sum / n;
  }
  stats.sort();
  const alpha = (1 - level) / 2;
  const lowIdx = Math.min(resamples - 1, Math.floor(alpha * resamples));
  const highIdx = Math.max(0, Math.ceil((1 - alpha) * resamples) - 1);
  return { difference, low: stats[lowIdx] ?? 0, high: stats[highIdx] ?? 0 };
}

/**
 * Normal-approximation interval of a mean, for per-episode costs such as steps or tokens, where
 * the judge only needs a rough sense of spread. Uses the sample standard deviation (n - 1).
 */
export function meanInterval(values: readonly number[], z = 1.96): { mean: number; low: number; high: number } {
  const n = values.length;
  if (n === 0) return { mean: 0, low: 0, high: 0 };
  const mean = values.reduce((s, v) => s + v, 0) / n;
  if (n === 1) return { mean, low: mean, high: mean };
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1);
  const half = z * Math.sqrt(variance / n);
  return { mean, low: mean - half, high: mean + half };
}
