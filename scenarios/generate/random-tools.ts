/**
 * Small helpers over the simulator's seeded generator, so every choice the scenario generator
 * makes is reproducible from a seed (same seed → same scenario, in Node and in browsers).
 */
import { createRng, hashJson, type Rng } from '../../sim/index.ts';

export type { Rng };

/** A uint32 seed derived from a base seed and a path of labels (stable, well mixed). */
export function deriveSeed(base: number, ...labels: (string | number)[]): number {
  return parseInt(hashJson([base, ...labels]).slice(0, 8), 16);
}

/** A generator seeded from a base seed and labels. */
export function rngFor(base: number, ...labels: (string | number)[]): Rng {
  return createRng(deriveSeed(base, ...labels));
}

/** Uniform integer in [min, max]. */
export function intBetween(rng: Rng, min: number, max: number): number {
  return min + rng.nextInt(max - min + 1);
}

/** One element, uniformly. */
export function pick<T>(rng: Rng, items: readonly T[]): T {
  if (items.length === 0) throw new Error('pick from an empty list');
  return items[rng.nextInt(items.length)]!;
}

/** A shuffled copy (Fisher–Yates). */
export function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = rng.nextInt(i + 1);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/** True with probability p. */
export function chance(rng: Rng, p: number): boolean {
  return rng.nextFloat() < p;
}

/** One element with probability proportional to its weight (weights > 0). */
export function weightedPick<T>(rng: Rng, items: readonly T[], weight: (item: T) => number): T {
  if (items.length === 0) throw new Error('weightedPick from an empty list');
  const total = items.reduce((sum, item) => sum + weight(item), 0);
  let r = rng.nextFloat() * total;
  for (const item of items) {
    r -= weight(item);
    if (r < 0) return item;
  }
  // Rounding can leave r at a hair above zero after the last item.
  return items.at(-1)!;
}
