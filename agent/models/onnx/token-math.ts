/** Small numeric helpers over one row of logits (a Float32Array slice of the vocabulary). */

/** log Σ exp(row), computed stably in float64. */
export function logSumExp(row: ArrayLike<number>): number {
  let max = -Infinity;
  for (let i = 0; i < row.length; i++) if (row[i]! > max) max = row[i]!;
  let sum = 0;
  for (let i = 0; i < row.length; i++) sum += Math.exp(row[i]! - max);
  return max + Math.log(sum);
}

/** log-softmax of one entry of the row. */
export function logProbOf(row: ArrayLike<number>, tokenId: number): number {
  return row[tokenId]! - logSumExp(row);
}

/** Index of the largest logit; ties go to the lowest id, so greedy decoding is deterministic. */
export function argmax(row: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < row.length; i++) if (row[i]! > row[best]!) best = i;
  return best;
}

/** Seeded uniform numbers in [0, 1) (mulberry32): sampling is reproducible for a given seed. */
export function seededUniform(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws a token from softmax(row / temperature) with the given uniform source. */
export function sampleToken(row: ArrayLike<number>, temperature: number, uniform: () => number): number {
  const scaled = Array.from(row, (value) => value / temperature);
  const norm = logSumExp(scaled);
  let target = uniform();
  for (let i = 0; i < scaled.length; i++) {
    target -= Math.exp(scaled[i]! - norm);
    if (target <= 0) return i;
  }
  return argmax(row);
}
