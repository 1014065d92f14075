import { describe, expect, it } from "vitest";
import { type Row, roundsRow } from "./row.ts";
import { formatRounds, formatValue, renderMarkdown, renderText } from "./table.ts";

const rows: Row[] = [
  roundsRow(
    { section: "getToken p50 (µs/call)", name: "ours: over the port", unit: "µs", note: "a | b" },
    [316, 300, 330],
  ),
  roundsRow(
    { section: "getToken p50 (µs/call)", name: "ratio: ours ÷ floor", unit: "×", budget: 1.15 },
    [1.05, 1.12, 1.25],
  ),
  roundsRow(
    { section: "fan-in", name: "ours: sign-ins", unit: "sign-ins", budget: 1, exact: true },
    [1, 1, 1],
  ),
  { section: "fan-in", name: "ours: later", value: null, unit: "ms", note: "comes later" },
];

describe("formatValue", () => {
  it("writes ratios with two decimals and times with fewer digits as they grow", () => {
    expect(formatValue(1.0712, "×")).toBe("1.07×");
    expect(formatValue(2.8, "ms")).toBe("2.80 ms");
    expect(formatValue(316.4, "µs")).toBe("316 µs");
    expect(formatValue(17945, "B")).toBe("17,945 B");
  });
});

describe("formatRounds", () => {
  it("shows the lowest and highest round and how many there were", () => {
    expect(formatRounds(rows[1]!)).toBe("1.05–1.25 (3 rounds)");
    expect(formatRounds(rows[2]!)).toBe("1 (3 rounds)");
    expect(formatRounds(rows[3]!)).toBe("");
  });
});

describe("renderMarkdown", () => {
  it("prints value, spread, budget and verdict per row, blanking repeated sections", () => {
    const lines = renderMarkdown(rows).split("\n");
    expect(lines[0]).toBe("| figure | measured | value | rounds (min–max) | budget | verdict | note |");
    expect(lines[2]).toBe(
      "| getToken p50 (µs/call) | ours: over the port | 316 µs | 300–330 (3 rounds) |  |  | a \\| b |",
    );
    expect(lines[3]).toBe("|  | ratio: ours ÷ floor | 1.12× | 1.05–1.25 (3 rounds) | ≤ 1.15× | noisy |  |");
    expect(lines[4]).toBe(
      "| fan-in | ours: sign-ins | 1 sign-ins | 1 (3 rounds) | exactly 1 sign-ins | ok |  |",
    );
    expect(lines[5]).toBe("|  | ours: later | not measured yet |  |  |  | comes later |");
  });
});

describe("renderText", () => {
  it("pads every column to the same width", () => {
    const lines = renderText(rows).split("\n");
    const verdictColumn = lines[0]!.indexOf("verdict");
    expect(lines[2]!.slice(verdictColumn, verdictColumn + 5)).toBe("noisy");
  });
});
