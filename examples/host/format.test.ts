import { describe, expect, it } from "vitest";
import { formatDuration } from "./format.ts";

describe("formatDuration", () => {
  it.each([
    [0, "00:00"],
    [-5_000, "00:00"],
    [59_999, "00:59"],
    [29 * 60_000 + 56_000, "29:56"],
    [3_600_000, "01:00:00"],
    [14 * 86_400_000 - 1_000, "13d 23:59:59"],
  ])("%d ms reads %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
