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
import type { Lazy } from "../lazy.ts";
import type { Recovery } from "../recovery/recovery.ts";
import type { SessionService } from "../session/sessionService.ts";
import type { AuthRequiredReason } from "../types.ts";

/** What the policy is built from. */
export interface GrantDeps {
  portal: string;
  /** Must get its portal token from the policy's `portalGrant()` and report refused ones to the holder. */
  federation: Federation;
  /** The session: its portal token while usable (`ready` once it is known), and why there is none. */
  session: Pick<SessionService, "ready" | "usable" | "holder" | "missingReason">;
  /** The one coordinated re-authentication, loaded on first use. */
  recovery: Lazy<Pick<Recovery, "reauthenticate" | "running">>;
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

/** Creates the policy. */
export function createGrants(deps: GrantDeps): Grants {
  const { session, recovery } = deps;
  /** The portal token and its expiry while it may be handed out, else null. */
  const currentGrant = (): TokenGrant | null => {
    const usable = session.usable();
    return usable && { token: usable.token, expires: usable.expires };
  };
  /** Joins the one coordinated re-authentication; resolves when a new session is in place. */
  const reauthenticate = async (reason: AuthRequiredReason) => (await recovery.get()).reauthenticate(reason);

  /** The portal grant, waiting for the coordinated sign-in when there is none. */
  async function portalGrant(): Promise<TokenGrant> {
    await session.ready;
    const current = currentGrant();
    if (current) return current;
    await reauthenticate(session.missingReason());
    return currentGrant() ?? Promise.reject(new PortalError("The new session ended at once."));
  }

  /**
   * Runs `work`; when the portal refused the portal token behind it (federation has invalidated
   * that token), joins the recovery and runs it once more.
   */
  async function withPortalRecovery(work: () => Promise<TokenGrant>): Promise<TokenGrant> {
    try {
      return await work();
    } catch (error) {
      if (!isPortalTokenRefusal(error)) throw error;
      if (currentGrant() === null) await reauthenticate("invalid-token");
      return work();
    }
  }

  /** An https-only session hands out no token for a plain-http URL. */
  const assertSecure = (url: string | undefined) => {
    if (url !== undefined && session.usable()?.ssl && parseHttpUrl(url)?.protocol === "http:") {
      throw new UntrustedServerError("https-only session: no token over http.");
    }
  };

  const isServerUrl = (url: string | undefined) =>
    url !== undefined && classifyUrl(url, deps.portal).kind === "server";

  return {
    portalGrant,

    async grantFor(url, wait, mayLookUp) {
      await session.ready;
      await deps.federation.assertTrusted(url, mayLookUp);
      // "Signed out" only when nothing is being recovered: during a recovery a request that went
      // out anonymously would come back after it and start another one.
      if (currentGrant() === null && !wait && !recovery.loaded?.running) return null;
      const grant = await withPortalRecovery(() => deps.federation.grantFor(url));
      assertSecure(url); // after: a sign-in during the wait may have made the session https-only
      return grant;
    },

    async afterFailure({ url, token }, mayLookUp) {
      await session.ready;
      await deps.federation.assertTrusted(url, mayLookUp);
      assertSecure(url);
      if (isServerUrl(url)) {
        // The failing server token is dropped only if it is still the cached one; a stale report
        // then simply gets the grant that replaced it.
        if (token !== undefined) deps.federation.invalidate(token);
        return withPortalRecovery(() => deps.federation.grantFor(url));
      }
      const current = currentGrant();
      // No token named, or another one than the current: nothing says the current token is bad.
      if (current !== null && token !== current.token) return current;
      if (current !== null) session.holder.invalidate(current.token);
      await reauthenticate(current !== null ? "invalid-token" : session.missingReason());
      return portalGrant();
    },
  };
}
