/** Percentiles over a sample, and the rounds every time figure is taken in. */

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

/** The median (mean of the middle two for an even count); NaN for an empty sample. */
export function median(sample: readonly number[]): number {
  if (sample.length === 0) return Number.NaN;
  const sorted = [...sample].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/**
 * The mean of the middle half of a sample (the lowest and highest quarter left out); NaN for an
 * empty sample. For one-off times of a few hundred µs to a few ms: the page's clock moves in
 * 100 µs steps, so a median can only jump from step to step, while this averages over the steps
 * and, like the median, ignores the odd slow outlier.
 */
export function midMean(sample: readonly number[]): number {
  if (sample.length === 0) return Number.NaN;
  const sorted = [...sample].sort((a, b) => a - b);
  const cut = Math.floor(sorted.length / 4);
  const middle = sorted.slice(cut, sorted.length - cut);
  return middle.reduce((sum, value) => sum + value, 0) / middle.length;
}

/** `ours[i] / floor[i]` for each round `i`: a ratio is only ever taken within one round. */
export function ratios(ours: readonly number[], floor: readonly number[]): number[] {
  if (ours.length !== floor.length) throw new Error("ratios: not the same number of rounds");
  return ours.map((value, i) => value / (floor[i] as number));
}

/**
 * Runs every measurement once per round, for `rounds` rounds, and returns each one's per-round
 * results. Every other round runs them in reverse order, so that a change in the machine's load
 * during a round does not always fall on the same side of a ratio; list the two sides of a ratio
 * next to each other so that they run back to back.
 */
export async function inRounds<M extends Record<string, unknown>>(
  rounds: number,
  measures: { [K in keyof M]: () => Promise<M[K]> },
): Promise<{ [K in keyof M]: M[K][] }> {
  const keys = Object.keys(measures) as (keyof M)[];
  const results = Object.fromEntries(keys.map((key) => [key, []])) as unknown as { [K in keyof M]: M[K][] };
  for (let round = 0; round < rounds; round++) {
    for (const key of round % 2 === 0 ? keys : [...keys].reverse()) {
      results[key].push(await measures[key]());
    }
  }
  return results;
}

/**
 * Takes two samples in `chunks` alternating chunks (a b, b a, a b, …) and returns each side's
 * chunks joined: both sides then see the same swings of the machine's load, at the scale of one
 * chunk instead of one whole sample.
 */
export async function interleaved(
  chunks: number,
  a: () => Promise<number[]>,
  b: () => Promise<number[]>,
): Promise<{ a: number[]; b: number[] }> {
  const sample = { a: [] as number[], b: [] as number[] };
  for (let chunk = 0; chunk < chunks; chunk++) {
    for (const side of chunk % 2 === 0 ? (["a", "b"] as const) : (["b", "a"] as const)) {
      sample[side].push(...(await (side === "a" ? a : b)()));
    }
  }
  return sample;
}
