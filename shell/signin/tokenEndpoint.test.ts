import { describe, expect, it } from "vitest";
import { PortalError } from "../../protocol/errors.ts";
import { json } from "../testing/fakeHost.ts";
import { createTokenEndpoint } from "./tokenEndpoint.ts";

const portal = "http://localhost:4100/sharing/rest";
const now = 1_800_000_000_000;

function endpoint(answer: (url: string, body: URLSearchParams) => Response) {
  const calls: { url: string; body: URLSearchParams; credentials?: RequestCredentials }[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    const body = new URLSearchParams(String(init.body));
    calls.push({ url, body, credentials: init.credentials });
    return answer(url, body);
  }) as unknown as typeof globalThis.fetch;
  const tokens = createTokenEndpoint({
    portal,
    clientId: "app",
    redirectUri: "http://localhost:5173/callback.html",
    fetch,
    now: () => now,
  });
  return { tokens, calls };
}

describe("token endpoint", () => {
  it("exchanges a code with the verifier and keeps the refresh token", async () => {
    const { tokens, calls } = endpoint(() =>
      json({
        access_token: "AT+1",
        expires_in: 1800,
        username: "jsmith",
        ssl: false,
        refresh_token: "RT",
        refresh_token_expires_in: 1209600,
      }),
    );
    expect(await tokens.exchangeCode("code1", "verifier1")).toEqual({
      session: { token: "AT+1", expires: now + 1_800_000, username: "jsmith", ssl: false, portal },
      refreshToken: "RT",
      refreshExpires: now + 1_209_600_000,
    });
    expect(calls[0]?.url).toBe(`${portal}/oauth2/token`);
    expect(calls[0]?.credentials).toBe("omit"); // the code is the credential, not cookies
    expect(Object.fromEntries(calls[0]!.body)).toEqual({
      grant_type: "authorization_code",
      client_id: "app",
      code: "code1",
      redirect_uri: "http://localhost:5173/callback.html",
      code_verifier: "verifier1",
      f: "json",
    });
  });

  it("refreshes keeping the old refresh token, exchanges replacing it", async () => {
    const previous = {
      session: { token: "old", expires: now, username: "jsmith", ssl: false, portal },
      refreshToken: "RT",
      refreshExpires: now + 1000,
    };
    const { tokens, calls } = endpoint((_, body) =>
      body.get("grant_type") === "refresh_token"
        ? json({ access_token: "AT2", expires_in: 60 })
        : json({ access_token: "AT3", expires_in: 60, refresh_token: "RT2", refresh_token_expires_in: 100 }),
    );
    expect(await tokens.refresh(previous, "refresh_token")).toMatchObject({
      session: { token: "AT2", username: "jsmith" },
      refreshToken: "RT",
      refreshExpires: now + 1000,
    });
    expect(calls[0]?.body.get("redirect_uri")).toBeNull();
    expect(await tokens.refresh(previous, "exchange_refresh_token")).toMatchObject({
      session: { token: "AT3" },
      refreshToken: "RT2",
      refreshExpires: now + 100_000,
    });
    expect(calls[1]?.body.get("redirect_uri")).toBe("http://localhost:5173/callback.html");
  });

  it("turns ArcGIS error envelopes and HTTP errors into PortalError without the token", async () => {
    const { tokens } = endpoint(() =>
      json({
        error: {
          code: 498,
          error: "invalid_request",
          error_description: "refresh_token expired",
          message: "refresh_token expired",
          details: [],
        },
      }),
    );
    const record = {
      session: { token: "secret-token", expires: now, username: "u", ssl: false, portal },
      refreshToken: "secret-refresh",
    };
    const error = await tokens.refresh(record, "refresh_token").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PortalError);
    expect(error).toMatchObject({ code: "portal-error", arcgisCode: 498 });
    expect(String((error as Error).message)).not.toContain("secret");

    const down = endpoint(() => new Response("busy", { status: 503 })).tokens;
    await expect(down.exchangeCode("c", "v")).rejects.toMatchObject({
      code: "portal-error",
      arcgisCode: 503,
    });
    const odd = endpoint(() => json({ access_token: "" })).tokens;
    await expect(odd.exchangeCode("c", "v")).rejects.toBeInstanceOf(PortalError);
  });

  it("revokes with auth_token and the hint", async () => {
    const { tokens, calls } = endpoint(() => json({ success: true }));
    await tokens.revoke("AT", "access_token");
    expect(calls[0]?.url).toBe(`${portal}/oauth2/revokeToken`);
    expect(Object.fromEntries(calls[0]!.body)).toEqual({
      auth_token: "AT",
      client_id: "app",
      token_type_hint: "access_token",
      f: "json",
    });
  });
});
