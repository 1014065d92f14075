/** Unit tests of the per-channel lookup budget: a sliding window on a fake clock. */
import { describe, expect, it } from "vitest";
import { createLookupBudget, LOOKUPS_PER_MINUTE } from "./lookupBudget.ts";

describe("createLookupBudget", () => {
  it(`allows ${LOOKUPS_PER_MINUTE} lookups in any minute, then refuses until the oldest is a minute old`, () => {
    const clock = { now: 1_000_000 };
    const mayLookUp = createLookupBudget(() => clock.now);
    const first: boolean[] = [];
    for (let i = 0; i < LOOKUPS_PER_MINUTE; i++) {
      first.push(mayLookUp());
      clock.now += 1000; // one a second: the 20th comes 19 s after the first
    }
    expect(first).toEqual(Array(LOOKUPS_PER_MINUTE).fill(true));
    expect(mayLookUp()).toBe(false);
    // Refusals are not counted: asking more does not push the window further.
    clock.now = 1_000_000 + 59_999;
    expect(mayLookUp()).toBe(false);
    clock.now = 1_000_000 + 60_000; // the first lookup is a minute old
    expect(mayLookUp()).toBe(true);
    expect(mayLookUp()).toBe(false);
    clock.now += 1000; // and the second
    expect(mayLookUp()).toBe(true);
  });

  it("keeps separate budgets apart", () => {
    const now = () => 0;
    const one = createLookupBudget(now, 1);
    const two = createLookupBudget(now, 1);
    expect([one(), one(), two(), two()]).toEqual([true, false, true, false]);
  });
});
