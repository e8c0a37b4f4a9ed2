/**
 * A tiny seeded generator (sfc32, seeded through splitmix32) whose whole state is four uint32s, so
 * a caller can save it (`getState`) and resume it (`createRng(state)`), and it runs identically in
 * Node and browsers (32-bit integer math only). The Env keeps no generator: its seed only picks the
 * start cell at reset (seeded-start.ts), so env snapshots hold no generator state.
 */

/** A seeded random source. All randomness in Hearth flows through one of these. */
export interface Rng {
  /** Next uint32. */
  nextUint32(): number;
  /** Uniform float in [0, 1). */
  nextFloat(): number;
  /** Uniform integer in [0, n); n ≥ 1. */
  nextInt(n: number): number;
  /** The generator's state, for snapshots. */
  getState(): [number, number, number, number];
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** Creates a generator from a seed (any number; non-integers are truncated) or a saved state. */
export function createRng(seedOrState: number | readonly [number, number, number, number]): Rng {
  let a: number, b: number, c: number, d: number;
  if (typeof seedOrState === 'number') {
    const mix = splitmix32(Math.trunc(seedOrState));
    [a, b, c, d] = [mix(), mix(), mix(), mix()];
  } else {
    [a, b, c, d] = seedOrState.map((v) => v >>> 0) as [number, number, number, number];
  }
  const nextUint32 = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  return {
    nextUint32,
    nextFloat: () => nextUint32() / 4294967296,
    // Multiply-shift keeps the result unbiased enough for rollouts and avoids modulo of floats.
    nextInt: (n) => Math.floor((nextUint32() / 4294967296) * n),
    getState: () => [a, b, c, d],
  };
}
