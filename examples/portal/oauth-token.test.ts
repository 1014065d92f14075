import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerToken } from "./oauth-token.ts";
import { PortalStore } from "./store.ts";
import {
  authorizationCode,
  CLIENT_ID,
  codeFlowTokens,
  getJson,
  implicitToken,
  postJson,
  REDIRECT_URI,
  startTestPortal,
  type TestPortal,
  VERIFIER,
} from "./test-support.ts";

let portal: TestPortal;
beforeAll(async () => {
  portal = await startTestPortal();
});
afterAll(() => portal.close());

const tokenUrl = () => `${portal.urls.portal}/oauth2/token`;
const revokeUrl = () => `${portal.urls.portal}/oauth2/revokeToken`;
const selfOf = (token: string) => getJson(`${portal.urls.portal}/community/self`, { f: "json", token });
const invalidTokenBody = { error: { code: 498, message: "Invalid token.", details: [] } };
const oauthError = (code: number, error: string, description: string) => ({
  error: { code, error, error_description: description, message: description, details: [] },
});

function exchange(code: string, overrides: Record<string, string> = {}) {
  return postJson(tokenUrl(), {
    client_id: CLIENT_ID,
    grant_type: "authorization_code",
    code,
    redirect_uri: REDIRECT_URI,
    code_verifier: VERIFIER,
    f: "json",
    ...overrides,
  });
}

function refresh(grant: "refresh_token" | "exchange_refresh_token", refreshToken: string) {
  return postJson(tokenUrl(), {
    client_id: CLIENT_ID,
    grant_type: grant,
    refresh_token: refreshToken,
    redirect_uri: REDIRECT_URI,
    f: "json",
  });
}

describe("grant_type=authorization_code", () => {
  it("exchanges a code with the S256 verifier for ArcGIS's token body", async () => {
    const answer = await codeFlowTokens(portal, "alee");
    expect(Object.keys(answer)).toEqual([
      "access_token",
      "expires_in",
      "username",
      "ssl",
      "refresh_token",
      "refresh_token_expires_in",
    ]);
    expect(answer).toMatchObject({
      expires_in: 1800,
      username: "alee",
      ssl: false,
      refresh_token_expires_in: 1_209_600,
    });
    expect((await selfOf(String(answer.access_token))).username).toBe("alee");
  });

  it("gives the refresh token the life of the authorize expiration", async () => {
    const code = await authorizationCode(portal, "jsmith", { expiration: "120" });
    expect((await exchange(code)).refresh_token_expires_in).toBe(7200);
  });

  it("accepts the plain challenge method", async () => {
    const code = await authorizationCode(portal, "jsmith", {
      code_challenge: VERIFIER,
      code_challenge_method: "plain",
    });
    expect((await exchange(code)).username).toBe("jsmith");
  });

  it("accepts the parameters in the query string too", async () => {
    const code = await authorizationCode(portal);
    const query = {
      client_id: CLIENT_ID,
      grant_type: "authorization_code",
      code,
      redirect_uri: REDIRECT_URI,
    };
    const answer = await getJson(tokenUrl(), { ...query, code_verifier: VERIFIER });
    expect(answer.username).toBe("jsmith");
  });

  it("refuses a code used twice", async () => {
    const code = await authorizationCode(portal);
    expect((await exchange(code)).access_token).toBeTypeOf("string");
    expect(await exchange(code)).toEqual(oauthError(400, "invalid_request", "Invalid authorization code"));
  });

  it("refuses an unknown or missing code", async () => {
    expect(await exchange("nope")).toEqual(oauthError(400, "invalid_request", "Invalid authorization code"));
    expect(await exchange("")).toEqual(oauthError(400, "invalid_request", "Invalid authorization code"));
  });

  it("refuses a wrong or empty verifier, and the code is spent: the right one comes too late", async () => {
    for (const wrong of ["B".repeat(43), ""]) {
      const code = await authorizationCode(portal);
      expect(await exchange(code, { code_verifier: wrong })).toEqual(
        oauthError(400, "invalid_request", "Invalid code_verifier"),
      );
      expect(await exchange(code)).toEqual(oauthError(400, "invalid_request", "Invalid authorization code"));
    }
  });

  it("refuses a redirect_uri other than the one used at authorize, and the code is spent", async () => {
    const code = await authorizationCode(portal);
    expect(await exchange(code, { redirect_uri: "http://127.0.0.1:5174/callback.html" })).toEqual(
      oauthError(400, "invalid_request", "Invalid redirect_uri"),
    );
    expect(await exchange(code)).toEqual(oauthError(400, "invalid_request", "Invalid authorization code"));
  });

  it("refuses an unknown client with invalid_client_id", async () => {
    const code = await authorizationCode(portal);
    expect(await exchange(code, { client_id: "other" })).toEqual({
      error: {
        code: 400,
        error: "invalid_client_id",
        error_description: "Invalid client_id",
        message: "Invalid client_id",
        details: [],
      },
    });
  });

  it("refuses an unknown grant_type", async () => {
    expect(await postJson(tokenUrl(), { client_id: CLIENT_ID, grant_type: "password" })).toEqual(
      oauthError(400, "unsupported_grant_type", "Unsupported grant_type"),
    );
  });
});

describe("expiry (own store and clock)", () => {
  const addresses = { portalOrigin: "", federatedOrigin: "", standaloneOrigin: "" };

  it("refuses a code older than ten minutes", () => {
    let now = 1_000_000;
    const store = new PortalStore(addresses, null, () => now);
    const code = store.issueCode({
      username: "jsmith",
      clientId: CLIENT_ID,
      redirectUri: REDIRECT_URI,
      codeChallenge: VERIFIER,
      codeChallengeMethod: "plain",
      refreshSeconds: 60,
    });
    now += 10 * 60 * 1000;
    const params = {
      client_id: CLIENT_ID,
      grant_type: "authorization_code",
      code,
      redirect_uri: REDIRECT_URI,
    };
    expect(answerToken(store, { ...params, code_verifier: VERIFIER })).toEqual(
      oauthError(400, "invalid_request", "Authorization code expired"),
    );
  });

  it("refuses an expired refresh token with ArcGIS's 498 body", () => {
    let now = 1_000_000;
    const store = new PortalStore(addresses, null, () => now);
    const refreshToken = store.issueRefreshToken("jsmith", CLIENT_ID, 60);
    now += 60_000;
    expect(
      answerToken(store, { client_id: CLIENT_ID, grant_type: "refresh_token", refresh_token: refreshToken }),
    ).toEqual(oauthError(498, "invalid_request", "refresh_token expired"));
  });
});

describe("refresh grants", () => {
  it("refresh_token gives a new access token and no new refresh token", async () => {
    const first = await codeFlowTokens(portal);
    const answer = await refresh("refresh_token", String(first.refresh_token));
    expect(Object.keys(answer)).toEqual(["access_token", "expires_in", "username", "ssl"]);
    expect(answer).toMatchObject({ expires_in: 1800, username: "jsmith", ssl: false });
    expect(answer.access_token).not.toBe(first.access_token);
    expect((await selfOf(String(answer.access_token))).username).toBe("jsmith");
    expect((await refresh("refresh_token", String(first.refresh_token))).access_token).toBeTypeOf("string");
  });

  it("exchange_refresh_token gives a new refresh token and ends the old one", async () => {
    const first = await codeFlowTokens(portal);
    const answer = await refresh("exchange_refresh_token", String(first.refresh_token));
    expect(answer).toMatchObject({
      expires_in: 1800,
      username: "jsmith",
      ssl: false,
      refresh_token_expires_in: 1_209_600,
    });
    expect(answer.refresh_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(answer.refresh_token).not.toBe(first.refresh_token);
    expect(await refresh("refresh_token", String(first.refresh_token))).toEqual(
      oauthError(498, "invalid_request", "Invalid refresh_token"),
    );
    expect((await refresh("refresh_token", String(answer.refresh_token))).username).toBe("jsmith");
  });

  it("refuses an unknown refresh token and an unknown client", async () => {
    expect(await refresh("refresh_token", "nope")).toEqual(
      oauthError(498, "invalid_request", "Invalid refresh_token"),
    );
    const first = await codeFlowTokens(portal);
    const answer = await postJson(tokenUrl(), {
      client_id: "other",
      grant_type: "refresh_token",
      refresh_token: String(first.refresh_token),
    });
    expect((answer.error as { error: string }).error).toBe("invalid_client_id");
  });
});

describe("oauth2/revokeToken", () => {
  const revoke = (token: string, clientId = CLIENT_ID, hint = "access_token") =>
    postJson(revokeUrl(), { auth_token: token, client_id: clientId, token_type_hint: hint, f: "json" });

  it("revokes an access token: it is 498 afterwards", async () => {
    const token = await implicitToken(portal);
    expect((await selfOf(token)).username).toBe("jsmith");
    expect(await revoke(token)).toEqual({ success: true });
    expect(await selfOf(token)).toEqual(invalidTokenBody);
  });

  it("revokes a refresh token together with the access tokens issued from it", async () => {
    const tokens = await codeFlowTokens(portal);
    const other = await implicitToken(portal);
    expect(await revoke(String(tokens.refresh_token), CLIENT_ID, "refresh_token")).toEqual({ success: true });
    expect(await refresh("refresh_token", String(tokens.refresh_token))).toEqual(
      oauthError(498, "invalid_request", "Invalid refresh_token"),
    );
    expect(await selfOf(String(tokens.access_token))).toEqual(invalidTokenBody);
    expect((await selfOf(other)).username).toBe("jsmith");
  });

  it("answers success for unknown or missing tokens", async () => {
    expect(await revoke("never-issued")).toEqual({ success: true });
    expect(await postJson(revokeUrl(), { client_id: CLIENT_ID })).toEqual({ success: true });
  });

  it("refuses a wrong client and leaves the token alive", async () => {
    const token = await implicitToken(portal);
    expect(await revoke(token, "other")).toEqual({
      error: { code: 400, message: "Invalid client_id", details: [] },
    });
    expect((await selfOf(token)).username).toBe("jsmith");
  });
});
