/**
 * Federated server tokens from the portal's `generateToken`, cached per server root until their
 * last minute. They belong to the signed-in user: `clear()` drops them and bumps the generation,
 * so a request that was under way for the previous user neither fills the cache nor reaches a
 * caller. A token whose session epoch ended before the portal answered is dropped (revoked).
 */

import { envelopeError, postForm, requestFailure } from "./portalRequest.ts";
import type { ServerTrust } from "./trust.ts";
import { untrusted } from "./trust.ts";
import type { FederationDeps, TokenGrant } from "./types.ts";

/** A cached server token is not handed out in its last minute: the request it goes with needs time. */
export const SERVER_TOKEN_SKEW_MS = 60_000;

/** How server tokens are asked for. */
export interface ServerTokenDeps
  extends Pick<FederationDeps, "portalGrant" | "onPortalTokenRefused" | "markEpoch" | "discardServerToken"> {
  portalUrl: string;
  fetchFn: typeof fetch;
  now(): number;
  timeoutMs: number;
  trust: Pick<ServerTrust, "isFederated">;
}

/** The server tokens of one session. */
export interface ServerTokens {
  grantFor(root: string): Promise<TokenGrant>;
  /** Drops the cached token `token`; true when it was cached. */
  invalidate(token: string): boolean;
  clear(): void;
}

/** Asks the portal for a token for `root`; a refused portal token is reported while its epoch is `current`. */
async function askServerToken(
  deps: ServerTokenDeps,
  root: string,
  portalToken: string,
  current: () => boolean,
): Promise<TokenGrant> {
  const form = { token: portalToken, serverUrl: root, f: "json" };
  const body = await postForm(deps.fetchFn, `${deps.portalUrl}/generateToken`, form, deps.timeoutMs);
  const refused = envelopeError(body, form);
  if (refused) {
    if ((refused.arcgisCode === 498 || refused.arcgisCode === 499) && current())
      deps.onPortalTokenRefused?.(portalToken);
    throw refused;
  }
  const { token, expires } = body;
  if (typeof token !== "string" || token === "" || typeof expires !== "number" || !Number.isFinite(expires)) {
    throw requestFailure("unreadable");
  }
  return Object.freeze({ token, expires });
}

/** A server token, or null when the session's epoch ended before the portal answered. */
async function generateServerGrant(deps: ServerTokenDeps, root: string): Promise<TokenGrant | null> {
  if (!(await deps.trust.isFederated(root))) throw untrusted();
  const { token: portalToken } = await deps.portalGrant();
  const current = deps.markEpoch?.() ?? (() => true);
  const grant = await askServerToken(deps, root, portalToken, current).catch((error: unknown) => {
    if (current()) throw error;
    return null; // the failure of a session that is gone
  });
  if (grant === null || current()) return grant;
  deps.discardServerToken?.(grant.token);
  return null;
}

/** Creates the server-token cache. */
export function createServerTokens(deps: ServerTokenDeps): ServerTokens {
  const grants = new Map<string, TokenGrant>();
  const requests = new Map<string, Promise<TokenGrant>>();
  let generation = 0;

  function grantFor(root: string): Promise<TokenGrant> {
    const cached = grants.get(root);
    if (cached && deps.now() < cached.expires - SERVER_TOKEN_SKEW_MS) return Promise.resolve(cached);
    const pending = requests.get(root);
    if (pending) return pending;
    const startedIn = generation;
    const request = generateServerGrant(deps, root)
      .then((grant): Promise<TokenGrant> | TokenGrant => {
        // Dropped, or the user changed while the portal answered: this token is the previous user's.
        if (grant === null || startedIn !== generation) {
          if (requests.get(root) === request) requests.delete(root);
          return grantFor(root);
        }
        grants.set(root, grant);
        return grant;
      })
      .finally(() => {
        if (requests.get(root) === request) requests.delete(root);
      });
    requests.set(root, request);
    return request;
  }

  return {
    grantFor,
    invalidate(token) {
      for (const [root, grant] of grants) {
        if (grant.token === token) {
          grants.delete(root);
          return true;
        }
      }
      return false;
    },
    clear() {
      grants.clear();
      requests.clear();
      generation++;
    },
  };
}
