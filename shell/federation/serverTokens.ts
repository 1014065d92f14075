/**
 * Federated server tokens from the portal's `generateToken`, cached per server root until their
 * last minute. They belong to the signed-in user: `clear()` drops them and bumps the generation,
 * so a request that was under way for the previous user neither fills the cache nor reaches a
 * caller. A token whose session epoch ended before the portal answered is dropped (revoked).
 */

import { envelopeError, type Form, type JsonObject, requestFailure } from "./portalRequest.ts";
import { type IsFederated, untrusted } from "./trust.ts";
import type { FederationDeps, TokenGrant } from "./types.ts";

/** A cached server token is not handed out in its last minute: the request it goes with needs time. */
export const SERVER_TOKEN_SKEW_MS = 60_000;

/** The server tokens of one session. */
export interface ServerTokens {
  grantFor(root: string): Promise<TokenGrant>;
  /** Drops the cached token `token`; true when it was cached. */
  invalidate(token: string): boolean;
  clear(): void;
}

/**
 * A server token for `root`, or null when the session's epoch ended before the portal answered.
 * `generateToken` POSTs a form to the portal's `generateToken`.
 */
async function generateServerGrant(
  deps: FederationDeps,
  generateToken: (form: Form) => Promise<JsonObject>,
  root: string,
): Promise<TokenGrant | null> {
  const { token: portalToken } = await deps.portalGrant();
  const current = deps.markEpoch?.() ?? (() => true);
  const form = { token: portalToken, serverUrl: root, f: "json" };
  let grant: TokenGrant;
  try {
    const body = await generateToken(form);
    const refused = envelopeError(body, form);
    if (refused) {
      // A refused portal token is reported only while its epoch is current.
      if ((refused.arcgisCode === 498 || refused.arcgisCode === 499) && current())
        deps.onPortalTokenRefused?.(portalToken);
      throw refused;
    }
    const { token, expires } = body;
    if (
      typeof token !== "string" ||
      token === "" ||
      typeof expires !== "number" ||
      !Number.isFinite(expires)
    ) {
      throw requestFailure("unreadable");
    }
    grant = Object.freeze({ token, expires });
  } catch (error) {
    if (current()) throw error;
    return null; // the failure of a session that is gone
  }
  if (current()) return grant;
  deps.discardServerToken?.(grant.token);
  return null;
}

/** Creates the server-token cache; only roots that `isFederated` confirms get a token. */
export function createServerTokens(
  deps: FederationDeps,
  generateToken: (form: Form) => Promise<JsonObject>,
  isFederated: IsFederated,
): ServerTokens {
  const now = deps.now ?? Date.now;
  const grants = new Map<string, TokenGrant>();
  const requests = new Map<string, Promise<TokenGrant>>();
  let generation = 0;

  function grantFor(root: string): Promise<TokenGrant> {
    const cached = grants.get(root);
    if (cached && now() < cached.expires - SERVER_TOKEN_SKEW_MS) return Promise.resolve(cached);
    const pending = requests.get(root);
    if (pending) return pending;
    const startedIn = generation;
    const request = isFederated(root)
      .then((federated) => {
        if (!federated) throw untrusted();
        return generateServerGrant(deps, generateToken, root);
      })
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
