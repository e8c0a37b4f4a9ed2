/** Frame-time figures from requestAnimationFrame timestamps (ms): median, p95, max frame time, fps. */

export interface FrameStats {
  /** Frame intervals measured (timestamps − 1). */
  frames: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
  /** Frames per second over the whole span. */
  fps: number;
}

/** The value at quantile `q` (0–1) of sorted values, nearest rank. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export function frameStats(timestamps: readonly number[]): FrameStats {
  if (timestamps.length < 2) throw new Error(`frameStats: need at least 2 frame timestamps, got ${timestamps.length}. Measure for longer.`);
  const intervals = timestamps.slice(1).map((t, i) => t - timestamps[i]!);
  if (intervals.some((ms) => !(ms >= 0))) throw new Error('frameStats: timestamps must be non-decreasing numbers (requestAnimationFrame times, in ms).');
  const sorted = [...intervals].sort((a, b) => a - b);
  const span = timestamps[timestamps.length - 1]! - timestamps[0]!;
  return { frames: intervals.length, medianMs: quantile(sorted, 0.5), p95Ms: quantile(sorted, 0.95), maxMs: sorted[sorted.length - 1]!, fps: span > 0 ? (intervals.length * 1000) / span : Number.POSITIVE_INFINITY };
}
