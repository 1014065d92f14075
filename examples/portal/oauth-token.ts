import type { Hono } from "hono";
import { isRegisteredClient, isRegisteredRedirect } from "./accounts.ts";
import { type ArcGISErrorBody, arcgisError, invalidClientId, oauthError } from "./envelopes.ts";
import { param, type RequestParams, readParams } from "./params.ts";
import { verifierMatches } from "./pkce.ts";
import type { PortalStore } from "./store.ts";

/**
 * `oauth2/token` (authorization_code with PKCE, refresh_token, exchange_refresh_token) and
 * `oauth2/revokeToken`, with ArcGIS's bodies and error envelopes (docs/arcgis.md §2). Errors are
 * HTTP 200 with an `{"error":{…}}` body. An authorization code is spent by the first attempt to
 * redeem it, whatever the outcome: a code that survived a wrong verifier or redirect_uri would
 * let whoever intercepted it keep guessing for as long as it lives.
 */

type TokenAnswer = Record<string, unknown> | ArcGISErrorBody;

const invalidRequest = (description: string): ArcGISErrorBody =>
  oauthError(400, "invalid_request", description);
const refreshError = (description: string): ArcGISErrorBody =>
  oauthError(498, "invalid_request", description);

function exchangeCode(store: PortalStore, params: RequestParams): TokenAnswer {
  const value = param(params, "code");
  const code = value === undefined ? undefined : store.codes.get(value);
  if (!value || !code) return invalidRequest("Invalid authorization code");
  store.codes.delete(value);
  if (code.expiresAt <= store.now()) return invalidRequest("Authorization code expired");
  if (params.redirect_uri !== code.redirectUri) return invalidRequest("Invalid redirect_uri");
  const verifier = param(params, "code_verifier") ?? "";
  if (!verifierMatches(verifier, code.codeChallenge, code.codeChallengeMethod)) {
    return invalidRequest("Invalid code_verifier");
  }
  const refreshToken = store.issueRefreshToken(code.username, code.clientId, code.refreshSeconds);
  const expiresIn = store.codeFlowAccessSeconds();
  return {
    access_token: store.issueAccessToken(code.username, expiresIn, refreshToken),
    expires_in: expiresIn,
    username: code.username,
    ssl: false,
    refresh_token: refreshToken,
    refresh_token_expires_in: code.refreshSeconds,
  };
}

function refresh(store: PortalStore, params: RequestParams, exchange: boolean): TokenAnswer {
  const value = param(params, "refresh_token");
  const record = value === undefined ? undefined : store.refreshTokens.get(value);
  if (!value || !record) return refreshError("Invalid refresh_token");
  if (record.expiresAt <= store.now()) {
    store.refreshTokens.delete(value);
    return refreshError("refresh_token expired");
  }
  const redirectUri = param(params, "redirect_uri");
  if (exchange && redirectUri !== undefined && !isRegisteredRedirect(redirectUri)) {
    return invalidRequest("Invalid redirect_uri");
  }
  const expiresIn = store.codeFlowAccessSeconds();
  if (!exchange) {
    return {
      access_token: store.issueAccessToken(record.username, expiresIn, value),
      expires_in: expiresIn,
      username: record.username,
      ssl: false,
    };
  }
  // Only the old refresh token ends; access tokens already handed out keep running to their expiry.
  store.refreshTokens.delete(value);
  const next = store.issueRefreshToken(record.username, record.clientId, record.lifeSeconds);
  return {
    access_token: store.issueAccessToken(record.username, expiresIn, next),
    expires_in: expiresIn,
    username: record.username,
    ssl: false,
    refresh_token: next,
    refresh_token_expires_in: record.lifeSeconds,
  };
}

/** The answer of oauth2/token for these parameters (spends the code it names; else mutates only on success). */
export function answerToken(store: PortalStore, params: RequestParams): TokenAnswer {
  if (!isRegisteredClient(param(params, "client_id"))) return invalidClientId();
  switch (params.grant_type) {
    case "authorization_code":
      return exchangeCode(store, params);
    case "refresh_token":
      return refresh(store, params, false);
    case "exchange_refresh_token":
      return refresh(store, params, true);
    default:
      return oauthError(400, "unsupported_grant_type", "Unsupported grant_type");
  }
}

/** The answer of oauth2/revokeToken: success for any token, known or not; an error for a wrong client. */
export function answerRevoke(store: PortalStore, params: RequestParams): TokenAnswer {
  if (!isRegisteredClient(param(params, "client_id"))) return arcgisError(400, "Invalid client_id");
  const token = param(params, "auth_token");
  if (token) store.revoke(token);
  return { success: true };
}

/** Adds `{base}/oauth2/token` and `{base}/oauth2/revokeToken` (POST, and GET for robustness). */
export function addTokenRoutes(app: Hono, base: string, store: PortalStore): void {
  app.on(["GET", "POST"], `${base}/oauth2/token`, async (c) =>
    c.json(answerToken(store, (await readParams(c)) ?? {}), 200, { "Cache-Control": "no-store" }),
  );
  app.on(["GET", "POST"], `${base}/oauth2/revokeToken`, async (c) =>
    c.json(answerRevoke(store, (await readParams(c)) ?? {}), 200, { "Cache-Control": "no-store" }),
  );
}
