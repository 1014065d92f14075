/**
 * The token service over the session, assembled where its code loads (on first use): the portal
 * token source it is given is the session's usable token, and the recovery (loaded on first use
 * too) for when there is none.
 */
import type { Lazy } from "../lazy.ts";
import type { Recovery } from "../recovery/recovery.ts";
import type { TokenDiscard } from "../session/discard.ts";
import type { SessionService } from "../session/sessionService.ts";
import {
  createTokenService,
  type PortalTokenSource,
  type TokenService,
  type TokenServiceDeps,
} from "./tokenService.ts";

type SourceSession = Pick<SessionService, "ready" | "usable" | "holder" | "missingReason">;

/** The session and its recovery as the token service's source of portal tokens. */
function portalTokenSource(
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

/** What the session's token service is built from. */
export interface SessionTokenDeps
  extends Omit<TokenServiceDeps, "source" | "discardServerToken" | "username"> {
  session: SourceSession;
  recovery: Lazy<Pick<Recovery, "reauthenticate" | "running">>;
  discard: Pick<TokenDiscard, "revokeServerToken">;
}

/** The token service over `session`. */
export function createSessionTokenService(deps: SessionTokenDeps): TokenService {
  const { session, recovery, discard, ...rest } = deps;
  return createTokenService({
    ...rest,
    source: portalTokenSource(session, recovery),
    discardServerToken: discard.revokeServerToken,
    username: () => session.usable()?.username,
  });
}
