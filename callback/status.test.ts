import { describe, expect, it } from "vitest";
import type { CallbackMessage, CallbackResult } from "../protocol/callbackMessage.ts";
import { statusText } from "./status.ts";

function sent(result: CallbackResult) {
  const message: CallbackMessage = { type: "arcgis-auth-shell/callback", version: 1, state: "S", result };
  return { kind: "send", message } as const;
}

describe("statusText", () => {
  it("says signed in for a token or a code, without either", () => {
    const token = sent({ kind: "token", token: "secret-token", expires: 1, username: "u", ssl: true });
    expect(statusText(token, { kind: "posted" })).toBe("Signed in. You can close this window.");
    expect(statusText(sent({ kind: "code", code: "secret-code" }), { kind: "broadcast" })).toBe(
      "Signed in. You can close this window.",
    );
  });

  it("says cancelled for access_denied and failed with the portal's text otherwise", () => {
    const denied = sent({
      kind: "error",
      error: "access_denied",
      description: "The user has denied your request.",
    });
    expect(statusText(denied, { kind: "posted" })).toMatch(/^Sign-in cancelled\./);
    const failed = sent({ kind: "error", error: "sign_in_failed", description: "Request failed" });
    expect(statusText(failed, { kind: "posted" })).toBe(
      "Sign-in failed: Request failed. You can close this window.",
    );
    const long = sent({ kind: "error", error: "e", description: "x".repeat(5000) });
    expect(statusText(long, { kind: "posted" }).length).toBeLessThan(260);
  });

  it("says failed when nothing could be sent or handed over", () => {
    expect(statusText({ kind: "unsendable", reason: "r" }, null)).toBe(
      "Sign-in failed. You can close this window.",
    );
    const token = sent({ kind: "code", code: "c" });
    expect(statusText(token, { kind: "failed", reason: "the page to return to is not on this site" })).toBe(
      "Sign-in failed: the page to return to is not on this site. You can close this window.",
    );
  });
});
