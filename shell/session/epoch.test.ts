import { describe, expect, it } from "vitest";
import { createSessionEpoch } from "./epoch.ts";

describe("session epoch", () => {
  it("a mark stays current until the epoch ends, and never becomes current again", () => {
    const epoch = createSessionEpoch();
    const earlier = epoch.mark();
    expect(earlier()).toBe(true);
    epoch.end();
    expect(earlier()).toBe(false);
    const later = epoch.mark();
    expect(later()).toBe(true);
    epoch.end();
    epoch.end();
    expect(earlier()).toBe(false);
    expect(later()).toBe(false);
  });

  it("marks of the same epoch agree; shells do not share epochs", () => {
    const one = createSessionEpoch();
    const other = createSessionEpoch();
    const a = one.mark();
    const b = one.mark();
    const c = other.mark();
    one.end();
    expect([a(), b(), c()]).toEqual([false, false, true]);
  });
});
