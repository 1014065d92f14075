/** Percentiles over a sample (pure). */

/** The `p`-th percentile (0..100) by nearest rank; NaN for an empty sample. */
export function percentile(sample: readonly number[], p: number): number {
  if (sample.length === 0) return Number.NaN;
  const sorted = [...sample].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

/** Median and 99th percentile of a sample. */
export function summary(sample: readonly number[]): { p50: number; p99: number } {
  return { p50: percentile(sample, 50), p99: percentile(sample, 99) };
}

/**
 * Takes `rounds` samples and keeps the one with the lowest median. On a shared machine other
 * processes only ever add time, so the quietest round is the closest to the code's own cost.
 */
export async function quietestOf(rounds: number, take: () => Promise<number[]>): Promise<number[]> {
  let best: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const sample = await take();
    if (best.length === 0 || percentile(sample, 50) < percentile(best, 50)) best = sample;
  }
  return best;
}
