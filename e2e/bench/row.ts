/**
 * One figure of the bench and its verdict (pure). Time budgets are ratios to a floor or a peer
 * measured in the same round of the same run, because this kind of shared 2-core machine cannot
 * hold an absolute time steady; every time figure is taken in at least three rounds, and a row
 * whose rounds fall on both sides of its budget and spread by more than `NOISE_MARGIN` of the
 * budget is "noisy": the run cannot decide it.
 */
import { median } from "./stats.ts";

/** One line of the table. `value: null` means "not measured yet" (the note says why). */
export interface Row {
  /** The budgeted figure (or growth series) this row belongs to. */
  section: string;
  /** What was measured, e.g. "ours: SDK (sdk/index.ts)" or "ratio: ours ÷ bare-port floor". */
  name: string;
  value: number | null;
  unit: "B" | "µs" | "ms" | "sign-ins" | "calls" | "calls/s" | "×";
  /** Upper bound (or, with `exact`, the required count); only our own figures carry one. */
  budget?: number;
  /** The budget is an exact count (exactly one sign-in), not an upper bound. */
  exact?: boolean;
  /** The figure of each round when it was taken in rounds; `value` is then their median. */
  rounds?: number[];
  note?: string;
}

/**
 * "ok", "OVER" / "UNDER" (an exact count missed), "noisy" (undecided), "FAILED" (a round gave no
 * number, e.g. the event it is timed from never came), "" (no budget or no value).
 */
export type Verdict = "ok" | "OVER" | "UNDER" | "noisy" | "FAILED" | "";

/**
 * How far apart (as a fraction of the budget) rounds that disagree about the budget may be before
 * the row is called noisy: 10%. Within it the median decides; beyond it, a verdict would depend on
 * which round the machine happened to be quiet in.
 */
export const NOISE_MARGIN = 0.1;

/** A row whose value is the median of its rounds. */
export function roundsRow(row: Omit<Row, "value" | "rounds">, rounds: readonly number[]): Row {
  return { ...row, value: rounds.length === 0 ? null : median(rounds), rounds: [...rounds] };
}

/** Of counts that should all be `expected`, the one farthest from it: a round's count for an exact row. */
export function worstCount(counts: readonly number[], expected: number): number {
  return counts.reduce(
    (worst, count) => (Math.abs(count - expected) > Math.abs(worst - expected) ? count : worst),
    expected,
  );
}

/** The verdict of a row against its budget, over all of its rounds. */
export function verdictOf(row: Row): Verdict {
  if (row.budget === undefined || row.value === null) return "";
  const budget = row.budget;
  const values = row.rounds && row.rounds.length > 0 ? row.rounds : [row.value];
  if (values.some((value) => !Number.isFinite(value))) return "FAILED";
  if (row.exact) {
    if (values.some((value) => value > budget)) return "OVER";
    return values.some((value) => value < budget) ? "UNDER" : "ok";
  }
  const over = values.filter((value) => value > budget).length;
  if (over === 0) return "ok";
  if (over === values.length) return "OVER";
  const spread = Math.max(...values) - Math.min(...values);
  if (spread > NOISE_MARGIN * budget) return "noisy";
  return row.value > budget ? "OVER" : "ok";
}

/** Whether a row breaks its budget (a noisy row breaks nothing: it is undecided). */
export function breaksBudget(row: Row): boolean {
  const verdict = verdictOf(row);
  return verdict === "OVER" || verdict === "UNDER" || verdict === "FAILED";
}
