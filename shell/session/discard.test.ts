import { describe, expect, it, vi } from "vitest";
import { PortalError } from "../../protocol/errors.ts";
import type { SessionRecord } from "../types.ts";
import { createTokenDiscard } from "./discard.ts";

const session = { token: "AT", expires: 1, username: "jsmith", ssl: false, portal: "p" };

describe("token discard", () => {
  it("revokes the access token and, when there is one, the refresh token", async () => {
    const revoke = vi.fn(async () => {});
    const discard = createTokenDiscard({ revoke }, vi.fn());
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
      createTokenDiscard({ revoke }, report).revokeSession({ session, refreshToken: "RT" }),
    ).resolves.toBeUndefined();
    expect(report).toHaveBeenCalledExactlyOnceWith(failure);
  });
});
