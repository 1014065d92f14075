import { describe, expect, it } from "vitest";
import { REDIRECT_RESULT_KEY } from "../protocol/callbackHandover.ts";
import { type CallbackMessage, REDIRECT_PENDING_KEY_PREFIX } from "../protocol/callbackMessage.ts";
import { decideRedirect, type RedirectStorage } from "./redirect.ts";

const CALLBACK = "http://localhost:5173/callback.html";
const MESSAGE: CallbackMessage = {
  type: "arcgis-auth-shell/callback",
  version: 1,
  state: "S",
  result: { kind: "code", code: "c" },
};

/** A Map-backed stand-in for sessionStorage. */
function memoryStorage(entries: Record<string, string> = {}): RedirectStorage & { map: Map<string, string> } {
  const map = new Map(Object.entries(entries));
  return {
    map,
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, value),
    removeItem: (key) => void map.delete(key),
  };
}

describe("decideRedirect", () => {
  const pendingKey = `${REDIRECT_PENDING_KEY_PREFIX}S`;

  it("does nothing without a pending record for this state", () => {
    const storage = memoryStorage({ [`${REDIRECT_PENDING_KEY_PREFIX}other`]: '{"returnTo":"/"}' });
    expect(decideRedirect(storage, MESSAGE, CALLBACK)).toEqual({ kind: "none" });
    expect(storage.map.has(REDIRECT_RESULT_KEY)).toBe(false);
    expect(decideRedirect(null, MESSAGE, CALLBACK)).toEqual({ kind: "none" });
  });

  it("stores the message, spends the record and returns to a same-origin page", () => {
    const storage = memoryStorage({ [pendingKey]: JSON.stringify({ returnTo: "/app#/route" }) });
    expect(decideRedirect(storage, MESSAGE, CALLBACK)).toEqual({
      kind: "return",
      url: "http://localhost:5173/app#/route",
    });
    expect(JSON.parse(storage.map.get(REDIRECT_RESULT_KEY) ?? "null")).toEqual(MESSAGE);
    expect(storage.map.has(pendingKey)).toBe(false);
  });

  it("refuses an off-origin or malformed returnTo and stores nothing", () => {
    for (const record of ['{"returnTo":"https://evil.test/"}', "not json", "null", '"x"', "{}"]) {
      const storage = memoryStorage({ [pendingKey]: record });
      expect(decideRedirect(storage, MESSAGE, CALLBACK).kind, record).toBe("refused");
      expect(storage.map.has(REDIRECT_RESULT_KEY)).toBe(false);
      expect(storage.map.has(pendingKey)).toBe(false);
    }
  });

  it("treats a storage that throws as empty or refused, never throwing", () => {
    const throwing: RedirectStorage = {
      getItem: () => {
        throw new Error("SecurityError");
      },
      setItem: () => {},
      removeItem: () => {},
    };
    expect(decideRedirect(throwing, MESSAGE, CALLBACK)).toEqual({ kind: "none" });
    const full = memoryStorage({ [pendingKey]: '{"returnTo":"/"}' });
    full.setItem = () => {
      throw new Error("QuotaExceededError");
    };
    expect(decideRedirect(full, MESSAGE, CALLBACK).kind).toBe("refused");
  });
});
