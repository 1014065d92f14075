/**
 * The token service, loaded on first use, and the portal-token source it is given: the session's
 * usable token, and the recovery (loaded on first use too) for when there is none.
 */
import { type Lazy, lazy, loadLater } from "../lazy.ts";
import type { Recovery } from "../recovery/recovery.ts";
import type { TokenDiscard } from "../session/discard.ts";
import type { SessionService } from "../session/sessionService.ts";
import type { PortalTokenSource, TokenService, TokenServiceDeps } from "./tokenService.ts";

type SourceSession = Pick<SessionService, "ready" | "usable" | "holder" | "missingReason">;

export function portalTokenSource(
  session: SourceSession,
  recovery: Lazy<Pick<Recovery, "reauthenticate" | "running">>,
): PortalTokenSource {
  return {
    ready: () => session.ready,
    portalGrant: () => {
      const current = session.usable();
      return current && { token: current.token, expires: current.expires };
    },
    invalidate: (token) => session.holder.invalidate(token),
    reauthenticate: async (reason) => (await recovery.get()).reauthenticate(reason),
    recovering: () => recovery.loaded?.running ?? false,
    httpsOnly: () => session.usable()?.ssl === true,
    missingReason: () => session.missingReason(),
  };
}

/** What the lazy token service is built from. */
export interface LazyTokenDeps extends Omit<TokenServiceDeps, "source" | "discardServerToken" | "username"> {
  session: SourceSession;
  recovery: Lazy<Pick<Recovery, "reauthenticate" | "running">>;
  discard: Pick<TokenDiscard, "revokeServerToken">;
}

/** The token service, made on first use. */
export function lazyTokens(deps: LazyTokenDeps): Lazy<TokenService> {
  const { session, recovery, discard, ...rest } = deps;
  const source = portalTokenSource(session, recovery);
  return lazy(async () =>
    (await loadLater()).createTokenService({
      ...rest,
      source,
      discardServerToken: discard.revokeServerToken,
      username: () => session.usable()?.username,
    }),
  );
}
