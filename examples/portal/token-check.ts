import type { Context } from "hono";
import { findUser, type PortalUser } from "./accounts.ts";
import { type ArcGISErrorBody, invalidToken, tokenRequired } from "./envelopes.ts";
import { type RequestParams, tokenOf } from "./params.ts";
import type { PortalStore } from "./store.ts";

/**
 * Who sent a request: the user behind a portal token or behind a server token, or the ArcGIS
 * envelope to answer with (499 when no token was sent, 498 when it is not valid here).
 */

/** Either the signed-in user or the error body to send. */
export type TokenCheck = { readonly user: PortalUser } | { readonly error: ArcGISErrorBody };

/** Checks the portal token of a request. */
export function checkPortalToken(store: PortalStore, c: Context, params: RequestParams): TokenCheck {
  const token = tokenOf(c, params);
  if (token === null) return { error: tokenRequired() };
  const user = findUser(store.validAccessToken(token)?.username ?? "");
  return user ? { user } : { error: invalidToken() };
}

/** Checks a server token, which is valid only on the server (origin) it was generated for. */
export function checkServerToken(
  store: PortalStore,
  c: Context,
  params: RequestParams,
  serverOrigin: string,
): TokenCheck {
  const token = tokenOf(c, params);
  if (token === null) return { error: tokenRequired() };
  const record = store.validServerToken(token);
  const user = record?.serverOrigin === serverOrigin ? findUser(record.username) : undefined;
  return user ? { user } : { error: invalidToken() };
}
