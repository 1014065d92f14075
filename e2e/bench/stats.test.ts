import { describe, expect, it } from "vitest";
import { inRounds, interleaved, median, midMean, percentile, ratios } from "./stats.ts";

describe("median", () => {
  it("takes the middle value of an odd count and the mean of the middle two of an even count", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});

describe("percentile", () => {
  it("ranks to the nearest sample", () => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50)).toBe(5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 99)).toBe(10);
  });
});

describe("ratios", () => {
  it("divides each round by the same round of the floor", () => {
    expect(ratios([330, 300, 600], [300, 300, 400])).toEqual([1.1, 1, 1.5]);
  });

  it("refuses rounds that do not pair up", () => {
    expect(() => ratios([1, 2, 3], [1, 2])).toThrow(/same number of rounds/);
  });
});

describe("inRounds", () => {
  it("runs every measurement once per round, reversing the order every other round", async () => {
    const calls: string[] = [];
    const take = (name: string) => async () => {
      calls.push(name);
      return calls.length;
    };
    const results = await inRounds(3, { ours: take("ours"), floor: take("floor"), other: take("other") });
    expect(calls).toEqual(["ours", "floor", "other", "other", "floor", "ours", "ours", "floor", "other"]);
    expect(results).toEqual({ ours: [1, 6, 7], floor: [2, 5, 8], other: [3, 4, 9] });
  });
});

describe("interleaved", () => {
  it("alternates the two sides chunk by chunk and joins each side's chunks", async () => {
    const calls: string[] = [];
    const take = (side: string) => async () => {
      calls.push(side);
      return [calls.length];
    };
    const sample = await interleaved(4, take("a"), take("b"));
    expect(calls).toEqual(["a", "b", "b", "a", "a", "b", "b", "a"]);
    expect(sample).toEqual({ a: [1, 4, 5, 8], b: [2, 3, 6, 7] });
  });
});

describe("midMean", () => {
  it("averages the middle half, leaving out the lowest and highest quarter", () => {
    expect(midMean([9000, 1400, 1500, 1, 1400, 1500, 1500, 1400])).toBe(1450);
  });

  it("falls between the clock's 100 µs steps where a median cannot", () => {
    const sample = [1400, 1400, 1500, 1500, 1500, 1500, 1500, 1400];
    expect(median(sample)).toBe(1500);
    expect(midMean(sample)).toBe(1475);
  });

  it("is the whole sample's mean below four values and NaN for none", () => {
    expect(midMean([1, 2, 6])).toBe(3);
    expect(midMean([])).toBeNaN();
  });
});
