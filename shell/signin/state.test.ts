import { describe, expect, it } from "vitest";
import { createState, STATE_BYTES, STATE_PATTERN } from "./state.ts";

describe("createState", () => {
  it("carries at least 128 random bits from getRandomValues, base64url without padding", () => {
    expect(STATE_BYTES * 8).toBeGreaterThanOrEqual(128);
    let asked = 0;
    const random = {
      getRandomValues<T extends ArrayBufferView | null>(array: T): T {
        asked = (array as unknown as Uint8Array).length;
        (array as unknown as Uint8Array).fill(0xfb);
        return array;
      },
    };
    const state = createState(random);
    expect(asked).toBe(STATE_BYTES);
    expect(state).toMatch(STATE_PATTERN);
    expect(state).toContain("-"); // 0xfb encodes to characters of the URL-safe alphabet
  });

  it("never repeats over many draws", () => {
    const states = new Set(Array.from({ length: 2000 }, () => createState()));
    expect(states.size).toBe(2000);
    for (const state of states) expect(state).toMatch(STATE_PATTERN);
  });
});
