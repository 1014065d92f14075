import { describe, expect, it, vi } from "vitest";
import { PortalError, ShellUnavailableError } from "../../protocol/errors.ts";
import type { SessionRecord } from "../types.ts";
import { createTokenDiscard } from "./discard.ts";

const session = { token: "AT", expires: 1, username: "jsmith", ssl: false, portal: "p" };

describe("token discard", () => {
  it("revokes the access token and, when there is one, the refresh token", async () => {
    const revoke = vi.fn(async () => {});
    const discard = createTokenDiscard(async () => ({ revoke }), vi.fn());
    await discard.revokeSession({ session, refreshToken: "RT" });
    expect(revoke.mock.calls).toEqual([
      ["AT", "access_token"],
      ["RT", "refresh_token"],
    ]);
    revoke.mockClear();
    await discard.revokeSession({ session } satisfies SessionRecord);
    expect(revoke.mock.calls).toEqual([["AT", "access_token"]]);
    revoke.mockClear();
    await discard.revokeServerToken("ST");
    expect(revoke.mock.calls).toEqual([["ST", "access_token"]]);
  });

  it("reports each failed revocation and never throws", async () => {
    const failure = new PortalError("The portal could not be reached (TypeError).");
    const revoke = vi.fn(async (token: string) => {
      if (token === "RT") throw failure;
    });
    const report = vi.fn();
    await expect(
      createTokenDiscard(async () => ({ revoke }), report).revokeSession({ session, refreshToken: "RT" }),
    ).resolves.toBeUndefined();
    expect(report).toHaveBeenCalledExactlyOnceWith(failure);
  });

  it("reports an endpoint that cannot load like a failed revocation, once per token, and never throws", async () => {
    const unavailable = new ShellUnavailableError("The auth shell could not load.");
    const report = vi.fn();
    const discard = createTokenDiscard(() => Promise.reject(unavailable), report);
    await expect(discard.revokeSession({ session, refreshToken: "RT" })).resolves.toBeUndefined();
    expect(report.mock.calls).toEqual([[unavailable], [unavailable]]);
  });
});
