/**
 * The session's token policy (docs/behaviour.md "Federation"): the portal token for the portal and ArcGIS
 * Online hosted services, a `generateToken` server token for servers federated with the portal,
 * `UntrustedServerError` for everything else. Stateful part; the decisions are the pure
 * `classifyUrl` and `isOwnedByPortal`, the network is `postForm`.
 */
import { UntrustedServerError } from "../../protocol/errors.ts";
import { classifyUrl, locatePortal, serverRootOf } from "./classifyUrl.ts";
import type { LookupBudget } from "./lookupBudget.ts";
import { LruMap } from "./lruMap.ts";
import { isOwnedByPortal } from "./owningSystem.ts";
import { envelopeError, postForm, requestFailure } from "./portalRequest.ts";
import type { Federation, FederationDeps, TokenGrant } from "./types.ts";

/** A cached server token is not handed out in its last minute: the request it goes with needs time. */
export const SERVER_TOKEN_SKEW_MS = 60_000;

/** Default limit for `rest/info` and `generateToken` requests. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;

/** Server roots whose verdict is remembered; the least recently used goes first. */
export const MAX_SERVER_ROOTS = 256;

/** Creates the federation policy of one session for the portal `deps.portal`. */
export function createFederation(deps: FederationDeps): Federation {
  const portalUrl = deps.portal.trim().replace(/\/+$/, "");
  const portal = locatePortal(portalUrl);
  // Calling the global through a wrapper keeps `fetch` bound to the window in browsers.
  const fetchFn: typeof fetch = deps.fetch ?? ((input, init) => fetch(input, init));
  const now = deps.now ?? Date.now;
  const timeoutMs = deps.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;

  // Trust is about the server, not the user: verdicts survive clear(). Only answered lookups are
  // stored, so a network failure can be retried. Apps name the roots: the memory is bounded.
  const verdicts = new LruMap<string, boolean>(MAX_SERVER_ROOTS);
  const verdictLookups = new Map<string, Promise<boolean>>();
  // Server tokens belong to the signed-in user: clear() drops them and bumps the generation, so a
  // request that was under way for the previous user neither fills the cache nor reaches a caller.
  const grants = new Map<string, TokenGrant>();
  const grantRequests = new Map<string, Promise<TokenGrant>>();
  let generation = 0;

  /** `mayLookUp` is asked only when a request to the server would start (not for a known or pending root). */
  function isFederated(root: string, mayLookUp?: LookupBudget): Promise<boolean> {
    const known = verdicts.get(root);
    if (known !== undefined) return Promise.resolve(known);
    let lookup = verdictLookups.get(root);
    if (!lookup) {
      if (mayLookUp && !mayLookUp()) return Promise.reject(untrusted());
      lookup = askOwner(root)
        .then((federated) => {
          verdicts.set(root, federated);
          return federated;
        })
        .finally(() => verdictLookups.delete(root));
      verdictLookups.set(root, lookup);
    }
    return lookup;
  }

  // No token goes to rest/info: the server is not known to be trusted yet. Whatever goes wrong
  // there, the caller learns only that the server is not trusted: the status or page of a server
  // an app named is none of the app's business (the shell is no probe). Failures are not stored.
  async function askOwner(root: string): Promise<boolean> {
    const form = { f: "json" };
    const info = await postForm(fetchFn, `${root}/rest/info`, form, timeoutMs).catch(() => null);
    if (info === null || envelopeError(info, form)) throw untrusted();
    return portal !== null && isOwnedByPortal(info.owningSystemUrl, portal);
  }

  /** A server token, or null when the session's epoch ended before the portal answered. */
  async function generateServerGrant(root: string): Promise<TokenGrant | null> {
    if (!(await isFederated(root))) throw untrusted();
    const { token: portalToken } = await deps.portalGrant();
    const current = deps.markEpoch?.() ?? (() => true);
    const grant = await askServerToken(root, portalToken, current).catch((error: unknown) => {
      if (current()) throw error;
      return null; // the failure of a session that is gone
    });
    if (grant === null || current()) return grant;
    deps.discardServerToken?.(grant.token);
    return null;
  }

  async function askServerToken(
    root: string,
    portalToken: string,
    current: () => boolean,
  ): Promise<TokenGrant> {
    const form = { token: portalToken, serverUrl: root, f: "json" };
    const body = await postForm(fetchFn, `${portalUrl}/generateToken`, form, timeoutMs);
    const refused = envelopeError(body, form);
    if (refused) {
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
    return Object.freeze({ token, expires });
  }

  function serverGrant(root: string): Promise<TokenGrant> {
    const cached = grants.get(root);
    if (cached && now() < cached.expires - SERVER_TOKEN_SKEW_MS) return Promise.resolve(cached);
    const pending = grantRequests.get(root);
    if (pending) return pending;
    const startedIn = generation;
    const request = generateServerGrant(root)
      .then((grant): Promise<TokenGrant> | TokenGrant => {
        // Dropped, or the user changed while the portal answered: this token is the previous user's.
        if (grant === null || startedIn !== generation) {
          if (grantRequests.get(root) === request) grantRequests.delete(root);
          return serverGrant(root);
        }
        grants.set(root, grant);
        return grant;
      })
      .finally(() => {
        if (grantRequests.get(root) === request) grantRequests.delete(root);
      });
    grantRequests.set(root, request);
    return request;
  }

  /** The server root `url` needs a server token for, or null for the portal token; throws for others. */
  function rootOf(url: string | undefined): string | null {
    if (url === undefined) return null;
    const kind = classifyUrl(url, portal);
    if (kind.kind === "portal" || kind.kind === "hosted") return null;
    if (kind.kind === "server") return kind.root;
    throw untrusted();
  }

  return {
    async assertTrusted(url, mayLookUp) {
      const root = rootOf(url);
      if (root !== null && !(await isFederated(root, mayLookUp))) throw untrusted();
    },
    async grantFor(url) {
      const root = rootOf(url);
      return root === null ? deps.portalGrant() : serverGrant(root);
    },
    trustedServers() {
      return [...verdicts].filter(([, federated]) => federated).map(([root]) => root);
    },
    restoreTrusted(roots) {
      for (const root of roots) {
        // Only well-formed roots: stored data is not trusted to be what we wrote.
        if (typeof root === "string" && serverRootOf(`${root}/rest/services`) === root)
          verdicts.set(root, true);
      }
    },
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
      grantRequests.clear();
      generation++;
    },
  };
}

// One fixed message: neither the URL (its path or query may carry a token) nor why.
const untrusted = () => new UntrustedServerError();
