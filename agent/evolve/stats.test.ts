import { describe, expect, it } from 'vitest';
import { mcnemarExact, meanInterval, pairedBootstrapDifference, wilsonInterval } from './stats.ts';

const pairs = (gained: number, lost: number, tiesTrue = 0, tiesFalse = 0) => [
  ...Array.from({ length: gained }, () => ({ parent: false, candidate: true })),
  ...Array.from({ length: lost }, () => ({ parent: true, candidate: false })),
  ...Array.from({ length: tiesTrue }, () => ({ parent: true, candidate: true })),
  ...Array.from({ length: tiesFalse }, () => ({ parent: false, candidate: false })),
];

/** Exact P(X >= k), X ~ Binomial(n, 0.5), with BigInt, as a reference. */
function exactUpperTail(k: number, n: number): number {
  let c = 1n;
  let sum = 0n;
  for (let i = 0; i <= n; i++) {
    if (i > 0) c = (c * BigInt(n - i + 1)) / BigInt(i);
    if (i >= k) sum += c;
  }
  const scale = 10n ** 30n;
  return Number((sum * scale) / 2n ** BigInt(n)) / 1e30;
}

describe('wilsonInterval', () => {
  it('gives the textbook Wilson interval for 8 of 10', () => {
    const w = wilsonInterval(8, 10);
    expect(w.rate).toBe(0.8);
    expect(w.low).toBeCloseTo(0.4902, 4);
    expect(w.high).toBeCloseTo(0.9433, 4);
  });

  it('keeps a non-zero upper bound for 0 of 12 (rule-of-three territory)', () => {
    const w = wilsonInterval(0, 12);
    expect(w.rate).toBe(0);
    expect(w.low).toBe(0);
    expect(w.high).toBeCloseTo(0.2425, 4);
  });

  it('mirrors 12 of 12 to the 0 of 12 interval and stays inside [0, 1]', () => {
    const w = wilsonInterval(12, 12);
    expect(w.high).toBe(1);
    expect(w.low).toBeCloseTo(1 - 0.2425, 4);
  });

  it('narrows with a smaller z', () => {
    const wide = wilsonInterval(8, 10);
    const narrow = wilsonInterval(8, 10, 1);
    expect(narrow.low).toBeGreaterThan(wide.low);
    expect(narrow.high).toBeLessThan(wide.high);
  });

  it('returns the uninformative interval [0, 1] for n = 0', () => {
    expect(wilsonInterval(0, 0)).toEqual({ rate: 0, low: 0, high: 1 });
  });

  it('rejects more successes than trials, negatives and non-integers', () => {
    expect(() => wilsonInterval(11, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(11, 10)).toThrow(/cannot exceed n/);
    expect(() => wilsonInterval(-1, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(1, -2)).toThrow(RangeError);
    expect(() => wilsonInterval(1.5, 10)).toThrow(/non-negative integer/);
    expect(() => wilsonInterval(1, 10.2)).toThrow(RangeError);
    expect(() => wilsonInterval(Number.NaN, 10)).toThrow(RangeError);
  });
});

describe('mcnemarExact', () => {
  it('gives p = 1/64 one-sided and 1/32 two-sided for 6 gained, 0 lost', () => {
    const r = mcnemarExact(pairs(6, 0, 3, 4));
    expect(r.gained).toBe(6);
    expect(r.lost).toBe(0);
    expect(r.pOneSided).toBeCloseTo(0.015625, 12);
    expect(r.pTwoSided).toBeCloseTo(0.03125, 12);
  });

  it('gives p = 7/64 one-sided and 14/64 two-sided for 5 gained, 1 lost', () => {
    const r = mcnemarExact(pairs(5, 1));
    expect(r.pOneSided).toBeCloseTo(7 / 64, 12);
    expect(r.pTwoSided).toBeCloseTo(14 / 64, 12);
  });

  it('gives a one-sided p near 1 when the candidate only loses', () => {
    const r = mcnemarExact(pairs(0, 6));
    expect(r.pOneSided).toBe(1);
    expect(r.pTwoSided).toBeCloseTo(0.03125, 12);
  });

  it('caps the two-sided p at 1 for balanced discordance', () => {
    const r = mcnemarExact(pairs(3, 3));
    expect(r.pOneSided).toBeCloseTo(42 / 64, 12);
    expect(r.pTwoSided).toBe(1);
  });

  it('returns p = 1 when there are no discordant pairs', () => {
    expect(mcnemarExact(pairs(0, 0, 5, 5))).toEqual({ gained: 0, lost: 0, pOneSided: 1, pTwoSided: 1 });
    expect(mcnemarExact([])).toEqual({ gained: 0, lost: 0, pOneSided: 1, pTwoSided: 1 });
  });

  it('matches an exact BigInt binomial tail for 1000 discordant pairs', () => {
    for (const gained of [500, 530, 560, 600]) {
      const r = mcnemarExact(pairs(gained, 1000 - gained));
      const ref = exactUpperTail(gained, 1000);
      expect(Math.abs(r.pOneSided - ref) / ref).toBeLessThan(1e-9);
    }
  });
});

describe('pairedBootstrapDifference', () => {
  const a = [true, false, false, true, false, true, false, false, true, false, true, false, false, false, true, false, false, true, false, false];
  const b = [true, true, false, true, true, true, false, true, true, false, true, true, false, false, true, false, true, true, false, true];

  it('gives difference 0 and interval [0, 0] for identical arrays', () => {
    expect(pairedBootstrapDifference(a, a)).toEqual({ difference: 0, low: 0, high: 0 });
  });

  it('gives difference 1 and interval [1, 1] when a always fails and b always succeeds', () => {
    const none = Array.from({ length: 15 }, () => false);
    const all = Array.from({ length: 15 }, () => true);
    expect(pairedBootstrapDifference(none, all)).toEqual({ difference: 1, low: 1, high: 1 });
    expect(pairedBootstrapDifference(all, none)).toEqual({ difference: -1, low: -1, high: -1 });
  });

  it('brackets the point difference in a mixed case (6 gained of 20 → about [0.1, 0.5])', () => {
    const r = pairedBootstrapDifference(a, b);
    expect(r.difference).toBeCloseTo(0.3, 12);
    expect(r.low).toBeLessThanOrEqual(r.difference);
    expect(r.difference).toBeLessThanOrEqual(r.high);
    // The resampled mean is Binomial(20, 0.3) / 20, whose 2.5% and 97.5% quantiles are 0.1 and 0.5.
    expect(r.low).toBeCloseTo(0.1, 12);
    expect(r.high).toBeCloseTo(0.5, 12);
  });

  it('is deterministic for a seed and depends on the seed', () => {
    const opts = { resamples: 20, seed: 1 };
    expect(pairedBootstrapDifference(a, b, opts)).toEqual(pairedBootstrapDifference(a, b, opts));
    const bySeed = [0, 1, 2, 3].map((seed) => pairedBootstrapDifference(a, b, { resamples: 20, seed }));
    expect(new Set(bySeed.map((r) => `${r.low},${r.high}`)).size).toBeGreaterThan(1);
    for (const r of bySeed) {
      expect(r.low).toBeLessThanOrEqual(r.difference);
      expect(r.difference).toBeLessThanOrEqual(r.high);
    }
  });

  it('narrows the interval at a lower level', () => {
    const wide = pairedBootstrapDifference(a, b);
    const narrow = pairedBootstrapDifference(a, b, { level: 0.5 });
    expect(narrow.high - narrow.low).toBeLessThan(wide.high - wide.low);
  });

  it('returns zeros for empty input', () => {
    expect(pairedBootstrapDifference([], [])).toEqual({ difference: 0, low: 0, high: 0 });
  });

  it('rejects unequal lengths and bad options', () => {
    expect(() => pairedBootstrapDifference([true], [true, false])).toThrow(RangeError);
    expect(() => pairedBootstrapDifference([true], [true, false])).toThrow(/differ in length/);
    expect(() => pairedBootstrapDifference(a, b, { resamples: 0 })).toThrow(RangeError);
    expect(() => pairedBootstrapDifference(a, b, { level: 1 })).toThrow(RangeError);
  });
});

describe('meanInterval', () => {
  it('gives mean ± 1.96·s/√n for a known sample', () => {
    // Sample sd of [2,4,4,4,5,5,7,9] is √(32/7); half-width 1.96·√(32/7)/√8 ≈ 1.4816.
    const r = meanInterval([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(r.mean).toBe(5);
    expect(r.low).toBeCloseTo(3.5184, 4);
    expect(r.high).toBeCloseTo(6.4816, 4);
  });

  it('collapses to the value for constant or single-value samples', () => {
    expect(meanInterval([3, 3, 3])).toEqual({ mean: 3, low: 3, high: 3 });
    expect(meanInterval([7])).toEqual({ mean: 7, low: 7, high: 7 });
  });

  it('returns zeros for an empty sample', () => {
    expect(meanInterval([])).toEqual({ mean: 0, low: 0, high: 0 });
  });
});
