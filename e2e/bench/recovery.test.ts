import { describe, expect, it } from "vitest";
import { recoveryNote } from "./recovery.ts";

const recovery = (tokenCalls = 1, requests = 2, error: string | null = null) => ({
  ms: 40,
  requests,
  tokenCalls,
  error,
});

describe("recoveryNote", () => {
  it("says so when every recovery was one silent refresh and one retry", () => {
    expect(recoveryNote([recovery(), recovery()])).toBe(
      "every recovery: 1 silent refresh, the failed query + 1 retry",
    );
  });

  it("lists every recovery's counts when one of them differs", () => {
    expect(recoveryNote([recovery(), recovery(2, 3)])).toBe("token calls per recovery: 1, 2; queries: 2, 3");
  });

  it("names each distinct error once when a recovery failed", () => {
    expect(recoveryNote([recovery(1, 0, "AbortError"), recovery(), recovery(1, 0, "AbortError")])).toBe(
      "failed: AbortError",
    );
  });
});
