/**
 * The shell's token policy in one place (README "API" `getToken`/`reportAuthError`, docs/behaviour.md "Federation"
 * and coordinated retry): which token a URL gets, what a report of a failed token costs, and how
 * a refused portal token turns into the one coordinated re-authentication.
 */
import type { AuthReport, TokenGrant } from "../../protocol/appChannel.ts";
import { PortalError, UntrustedServerError } from "../../protocol/errors.ts";
import { parseHttpUrl } from "../../protocol/origin.ts";
import { classifyUrl } from "../federation/classifyUrl.ts";
import type { LookupBudget } from "../federation/lookupBudget.ts";
import type { Federation } from "../federation/types.ts";
import type { AuthRequiredReason } from "../types.ts";

/** What the policy needs from the session. */
export interface GrantDeps {
  portal: string;
  federation: Federation;
  /** Settles once the session is known (restored from storage or another tab). */
  ready(): Promise<unknown>;
  /** The portal token and its expiry while it may be handed out, else null. */
  portalGrant(): TokenGrant | null;
  /** `token` was refused: never hand it out again. */
  invalidate(token: string): void;
  /** Joins the one coordinated re-authentication; resolves when a new session is in place. */
  reauthenticate(reason: AuthRequiredReason): Promise<unknown>;
  /** Whether a coordinated re-authentication is under way. */
  recovering(): boolean;
  /** The portal marked the session https-only (`ssl: true`). */
  httpsOnly(): boolean;
  /** Why there is no usable session now ("signed-out" or "expired"). */
  missingReason(): AuthRequiredReason;
}

/** The token policy of one shell. */
export interface Grants {
  /** The portal grant, waiting for the coordinated sign-in when there is none. */
  portalGrant(): Promise<TokenGrant>;
  /**
   * The grant for `url`. Untrusted URLs reject with `UntrustedServerError`, signed in or not.
   * Signed out, `wait` false answers null (try anonymously); `wait` true waits for the sign-in.
   * `mayLookUp`: the asking app's budget for `rest/info` lookups of new servers (none: no limit).
   */
  grantFor(url: string | undefined, wait: boolean, mayLookUp?: LookupBudget): Promise<TokenGrant | null>;
  /** After an auth failure: a stale token gets the current grant at once, else all join one recovery. */
  afterFailure(report: AuthReport, mayLookUp?: LookupBudget): Promise<TokenGrant>;
}

/** ArcGIS codes that mean the portal token itself is no longer good. */
const isPortalTokenRefusal = (error: unknown) =>
  error instanceof PortalError && (error.arcgisCode === 498 || error.arcgisCode === 499);

/** The portal grant, waiting for the coordinated sign-in when there is none. */
export async function awaitPortalGrant(
  source: Pick<GrantDeps, "ready" | "portalGrant" | "reauthenticate" | "missingReason">,
): Promise<TokenGrant> {
  await source.ready();
  const current = source.portalGrant();
  if (current) return current;
  await source.reauthenticate(source.missingReason());
  return source.portalGrant() ?? Promise.reject(new PortalError("The new session ended at once."));
}

/**
 * Creates the policy. `deps.federation` must get its portal token from `awaitPortalGrant(deps)`,
 * and report refused portal tokens to `deps.invalidate`.
 */
export function createGrants(deps: GrantDeps): Grants {
  const portalGrant = () => awaitPortalGrant(deps);

  /**
   * Runs `work`; when the portal refused the portal token behind it (federation has invalidated
   * that token), joins the recovery and runs it once more.
   */
  async function withPortalRecovery(work: () => Promise<TokenGrant>): Promise<TokenGrant> {
    try {
      return await work();
    } catch (error) {
      if (!isPortalTokenRefusal(error)) throw error;
      if (deps.portalGrant() === null) await deps.reauthenticate("invalid-token");
      return work();
    }
  }

  /** An https-only session hands out no token for a plain-http URL. */
  const assertSecure = (url: string | undefined) => {
    if (url !== undefined && deps.httpsOnly() && parseHttpUrl(url)?.protocol === "http:") {
      throw new UntrustedServerError("https-only session: no token over http.");
    }
  };

  const isServerUrl = (url: string | undefined) =>
    url !== undefined && classifyUrl(url, deps.portal).kind === "server";

  return {
    portalGrant,

    async grantFor(url, wait, mayLookUp) {
      await deps.ready();
      await deps.federation.assertTrusted(url, mayLookUp);
      // "Signed out" only when nothing is being recovered: during a recovery a request that went
      // out anonymously would come back after it and start another one.
      if (deps.portalGrant() === null && !wait && !deps.recovering()) return null;
      const grant = await withPortalRecovery(() => deps.federation.grantFor(url));
      assertSecure(url); // after: a sign-in during the wait may have made the session https-only
      return grant;
    },

    async afterFailure({ url, token }, mayLookUp) {
      await deps.ready();
      await deps.federation.assertTrusted(url, mayLookUp);
      assertSecure(url);
      if (isServerUrl(url)) {
        // The failing server token is dropped only if it is still the cached one; a stale report
        // then simply gets the grant that replaced it.
        if (token !== undefined) deps.federation.invalidate(token);
        return withPortalRecovery(() => deps.federation.grantFor(url));
      }
      const current = deps.portalGrant();
      // No token named, or another one than the current: nothing says the current token is bad.
      if (current !== null && token !== current.token) return current;
      if (current !== null) deps.invalidate(current.token);
      await deps.reauthenticate(current !== null ? "invalid-token" : deps.missingReason());
      return portalGrant();
    },
  };
}
