import { describe, expect, it } from "vitest";
import { breaksBudget, NOISE_MARGIN, type Row, roundsRow, verdictOf, worstCount } from "./row.ts";

const ratio = (rounds: number[], budget = 1.15): Row =>
  roundsRow({ section: "s", name: "ratio", unit: "×", budget }, rounds);

describe("roundsRow", () => {
  it("takes the median of the rounds as the value and keeps every round", () => {
    const row = ratio([1.2, 1.0, 1.1]);
    expect(row.value).toBe(1.1);
    expect(row.rounds).toEqual([1.2, 1.0, 1.1]);
  });

  it("has no value without rounds", () => {
    expect(ratio([]).value).toBeNull();
    expect(verdictOf(ratio([]))).toBe("");
  });
});

describe("verdictOf", () => {
  it("is ok when every round is within the budget", () => {
    expect(verdictOf(ratio([0.9, 1.0, 1.15]))).toBe("ok");
  });

  it("is OVER when every round is over the budget, however far apart", () => {
    expect(verdictOf(ratio([1.16, 1.5, 3]))).toBe("OVER");
  });

  it("is noisy when the rounds straddle the budget by more than the margin", () => {
    // spread 0.2 > 10% of 1.15
    const row = ratio([1.05, 1.12, 1.25]);
    expect(verdictOf(row)).toBe("noisy");
    expect(breaksBudget(row)).toBe(false);
  });

  it("lets the median decide when the rounds straddle the budget within the margin", () => {
    const spread = NOISE_MARGIN * 1.15 - 0.01;
    expect(verdictOf(ratio([1.14, 1.16, 1.14 + spread]))).toBe("OVER");
    expect(verdictOf(ratio([1.14 - spread / 2, 1.14, 1.16]))).toBe("ok");
  });

  it("calls a spread of exactly the margin decided, and one just beyond it noisy", () => {
    expect(verdictOf(ratio([9.5, 10, 10.5], 10))).toBe("ok"); // 1 is not more than 10% of 10
    expect(verdictOf(ratio([9.5, 10, 10.625], 10))).toBe("noisy");
  });

  it("requires an exact count in every round", () => {
    const signIns = (rounds: number[]) =>
      roundsRow({ section: "s", name: "sign-ins", unit: "sign-ins", budget: 1, exact: true }, rounds);
    expect(verdictOf(signIns([1, 1, 1]))).toBe("ok");
    expect(verdictOf(signIns([1, 2, 1]))).toBe("OVER");
    expect(verdictOf(signIns([1, 0, 1]))).toBe("UNDER");
    expect(breaksBudget(signIns([1, 0, 1]))).toBe(true);
  });

  it("fails a row with a round that gave no number", () => {
    const row = ratio([1.0, Number.NaN, 1.0]);
    expect(verdictOf(row)).toBe("FAILED");
    expect(breaksBudget(row)).toBe(true);
  });

  it("judges a single absolute figure without rounds against its budget", () => {
    const size = (value: number): Row => ({ section: "s", name: "size", value, unit: "B", budget: 4500 });
    expect(verdictOf(size(4237))).toBe("ok");
    expect(verdictOf(size(4501))).toBe("OVER");
  });

  it("gives no verdict without a budget or a value", () => {
    expect(verdictOf({ section: "s", name: "peer", value: 725, unit: "µs" })).toBe("");
    expect(verdictOf({ section: "s", name: "later", value: null, unit: "B", budget: 1500 })).toBe("");
  });
});

describe("worstCount", () => {
  it("picks the count farthest from the expected one", () => {
    expect(worstCount([1, 1, 1], 1)).toBe(1);
    expect(worstCount([1, 2, 1], 1)).toBe(2);
    expect(worstCount([1, 0, 3], 1)).toBe(3);
    expect(worstCount([], 1)).toBe(1);
  });
});
