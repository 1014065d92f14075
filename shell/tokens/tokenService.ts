/**
 * The token service over the session, assembled where its code loads (on first use): which token
 * a URL gets (the portal's, a federated server's through `generateToken`, or
 * `UntrustedServerError`) and what a failure report costs (`grants.ts`). The portal token comes
 * from the session's usable token, and from the recovery (loaded on first use too) when there is
 * none; federation draws it from the grant policy, which it is handed to, once asked.
 */
import type { Emitter } from "nanoevents";
import type { AuthReport, TokenGrant } from "../../protocol/appChannel.ts";
import { createFederation } from "../federation/federation.ts";
import type { ShellHost } from "../host.ts";
import type { Lazy } from "../lazy.ts";
import type { Lifetime } from "../lifetime.ts";
import type { ResolvedOptions } from "../options.ts";
import type { Recovery } from "../recovery/recovery.ts";
import type { TokenDiscard } from "../session/discard.ts";
import type { SessionEpoch } from "../session/epoch.ts";
import type { SessionService } from "../session/sessionService.ts";
import type { ShellEvents } from "../types.ts";
import { createGrants, type Grants } from "./grants.ts";

/** What the token service is built from. */
export interface SessionTokenDeps {
  opts: Pick<ResolvedOptions, "portal">;
  host: Pick<ShellHost, "fetch">;
  events: Emitter<ShellEvents>;
  life: Pick<Lifetime, "guard">;
  epoch: Pick<SessionEpoch, "mark">;
  session: Pick<SessionService, "ready" | "usable" | "holder" | "missingReason">;
  recovery: Lazy<Pick<Recovery, "reauthenticate" | "running">>;
  /** Revokes a server token that came back after its session's epoch ended. */
  discard: Pick<TokenDiscard, "revokeServerToken">;
}

/** The tokens of one shell. */
export interface TokenService {
  readonly grants: Grants;
  getToken(url?: string): Promise<string>;
  reportAuthError(report: AuthReport): Promise<string>;
  /** The portal grant, waiting for the coordinated sign-in when there is none. */
  portalGrant(): Promise<TokenGrant>;
  destroy(): void;
}

/** Creates the token service over `deps.session`. */
export function createSessionTokenService(deps: SessionTokenDeps): TokenService {
  const { session, recovery, life } = deps;
  const { portal } = deps.opts;
  const federation = createFederation({
    portal,
    portalGrant: () => grants.portalGrant(), // called after `grants` exists
    fetch: deps.host.fetch,
    onPortalTokenRefused: (token) => session.holder.invalidate(token),
    markEpoch: deps.epoch.mark,
    discardServerToken: deps.discard.revokeServerToken,
  });
  const grants = createGrants({ portal, federation, session, recovery });

  const userOf = () => session.usable()?.username;
  let username = userOf();
  const userChanged = () => {
    const current = userOf();
    // Server tokens belong to the user who got them; trust in the servers stays.
    if (current !== username) federation.clear();
    username = current;
  };
  const unsubscribe = (["signed-in", "refreshed", "signed-out", "expired"] as const).map((name) =>
    deps.events.on(name, userChanged),
  );

  return {
    grants,
    // The page's own code owns the shell: its lookups have no budget, only the apps' channels do.
    getToken: (url) => life.guard(async () => (await grants.grantFor(url, true))?.token as string),
    reportAuthError: (report) => life.guard(async () => (await grants.afterFailure(report)).token),
    portalGrant: () => grants.portalGrant(), // called after `grants` exists
    destroy() {
      for (const stop of unsubscribe) stop();
      federation.clear();
    },
  };
}
