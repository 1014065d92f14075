/**
 * Types of the federation module (docs/behaviour.md "Federation"): which token, if any, a URL gets.
 */

import type { TokenGrant } from "../../protocol/appChannel.ts";
import type { LookupBudget } from "./lookupBudget.ts";

export type { TokenGrant };

/**
 * What a URL is, seen from one portal:
 * - `portal`: the portal's own URLs → the portal token;
 * - `hosted`: ArcGIS Online hosted services of the portal's environment → the portal token;
 * - `server`: an ArcGIS Server below `root` → a server token, but only if it is federated;
 * - `other`: anything else → never a token.
 */
export type UrlKind =
  | { kind: "portal" }
  | { kind: "hosted" }
  | { kind: "server"; root: string }
  | { kind: "other" };

/** What `createFederation` needs from the session: the portal and a way to get its token. */
export interface FederationDeps {
  /** The portal's REST root, e.g. `https://www.arcgis.com/sharing/rest`. */
  portal: string;
  /** The current portal token; waiting for a sign-in (or refusing) is the caller's business. */
  portalGrant(): Promise<TokenGrant>;
  /** Defaults to the global `fetch`; tests inject a fake. */
  fetch?: typeof fetch;
  /** Clock in epoch ms; defaults to `Date.now`. */
  now?: () => number;
  /** Limit for each request to a server or the portal; default 15,000 ms. */
  requestTimeoutMs?: number;
  /**
   * `generateToken` refused `token` (498/499): the portal token itself is bad. Only this module
   * knows which token a refused call carried (a newer one may be current by then).
   */
  onPortalTokenRefused?(token: string): void;
  /**
   * Marks the session's epoch before a `generateToken` leaves; the mark says whether it is still
   * current when the answer is back. An answer from an ended epoch is dropped.
   */
  markEpoch?(): () => boolean;
  /** Takes a server token that was dropped that way (to revoke it). */
  discardServerToken?(token: string): void;
}

/** The token policy of one session: portal token, federated server tokens, or `UntrustedServerError`. */
export interface Federation {
  /**
   * Resolves when `url` may get a token (the portal, a hosted service, a federated server), asking
   * the server's `rest/info` if needed, without any token; else `UntrustedServerError`. A new
   * lookup starts only if `mayLookUp` (the asking app's budget) allows it; else
   * `UntrustedServerError` without a request.
   */
  assertTrusted(url?: string, mayLookUp?: LookupBudget): Promise<void>;
  /** The token for `url` (the portal token when `url` is absent). */
  grantFor(url?: string): Promise<TokenGrant>;
  /** Drops the cached server grant holding `token`; true when there was one. */
  invalidate(token: string): boolean;
  /** Forgets every server token (sign-out, another user); trust verdicts stay. */
  clear(): void;
}
