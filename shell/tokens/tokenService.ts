/**
 * The token service: which token a URL gets (the portal's, a federated server's through
 * `generateToken`, or `UntrustedServerError`) and what a failure report costs (`grants.ts`). It is
 * given the portal-token source (the session and the recovery) as a parameter, so federation and
 * the grant policy both draw the portal token from it and neither needs the other to exist first.
 */
import type { Emitter } from "nanoevents";
import type { AuthReport, TokenGrant } from "../../protocol/appChannel.ts";
import { createFederation } from "../federation/federation.ts";
import type { ShellHost } from "../host.ts";
import type { Lifetime } from "../lifetime.ts";
import type { ResolvedOptions } from "../options.ts";
import type { SessionEpoch } from "../session/epoch.ts";
import type { ShellEvents } from "../types.ts";
import { awaitPortalGrant, createGrants, type GrantDeps, type Grants } from "./grants.ts";

/** Where the portal token comes from, and what a refused one does. */
export type PortalTokenSource = Omit<GrantDeps, "portal" | "federation">;

/** What the token service is built from. */
export interface TokenServiceDeps {
  opts: Pick<ResolvedOptions, "portal">;
  host: Pick<ShellHost, "fetch">;
  events: Emitter<ShellEvents>;
  life: Pick<Lifetime, "guard">;
  source: PortalTokenSource;
  epoch: Pick<SessionEpoch, "mark">;
  /** Revokes a server token that came back after its session's epoch ended. */
  discardServerToken(token: string): void;
  /** The signed-in user's name (server tokens belong to the user who got them). */
  username(): string | undefined;
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

/** Creates the token service. */
export function createTokenService(deps: TokenServiceDeps): TokenService {
  const { source, life } = deps;
  const federation = createFederation({
    portal: deps.opts.portal,
    portalGrant: () => awaitPortalGrant(source),
    fetch: deps.host.fetch,
    onPortalTokenRefused: (token) => source.invalidate(token),
    markEpoch: deps.epoch.mark,
    discardServerToken: deps.discardServerToken,
  });
  const grants = createGrants({ portal: deps.opts.portal, federation, ...source });

  let username = deps.username();
  const userChanged = () => {
    const current = deps.username();
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
    portalGrant: () => grants.portalGrant(),
    destroy() {
      for (const stop of unsubscribe) stop();
      federation.clear();
    },
  };
}
