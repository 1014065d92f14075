/**
 * What the shell offers beyond its own session (README "API", docs/protocol.md §2–§5, docs/behaviour.md): tokens for URLs
 * (federation), one recovery for every auth failure, private channels for micro-apps, the iframe
 * handshake and the ArcGIS embedded-app protocol. `createAuthShell` owns the session; this joins
 * the session to everything that asks it for tokens.
 */
import type { Emitter } from "nanoevents";
import type { AuthReport, SessionInfo } from "../protocol/appChannel.ts";
import { ShellUnavailableError } from "../protocol/errors.ts";
import { createAppChannels } from "./channels/appChannels.ts";
import { listenForFrames } from "./channels/frameHandshake.ts";
import { listenForEmbeddedApps } from "./embedded/embeddedHost.ts";
import { portalAccepts } from "./embedded/tokenCheck.ts";
import { createFederation } from "./federation/federation.ts";
import { createLookupBudget } from "./federation/lookupBudget.ts";
import { createGrants } from "./grants.ts";
import type { ShellHost } from "./host.ts";
import type { ResolvedOptions } from "./options.ts";
import type { SessionEpoch } from "./session/epoch.ts";
import type { ArcGISCredential, AuthRequiredReason, Session, ShellEvents } from "./types.ts";

/** What the services need from the session owner. */
export interface AppServicesDeps {
  opts: ResolvedOptions;
  host: ShellHost;
  events: Emitter<ShellEvents>;
  /** Settles once the session is known (restored or asked from other tabs). */
  ready: Promise<unknown>;
  /** The session while its token may be handed out, else null. */
  session(): Session | null;
  /** `token` was refused by a server: never hand it out again. */
  invalidate(token: string): void;
  /** Joins the one coordinated re-authentication. */
  reauthenticate(reason: AuthRequiredReason): Promise<unknown>;
  /** Whether a coordinated re-authentication is under way. */
  recovering(): boolean;
  /** Why there is no usable session now. */
  missingReason(): AuthRequiredReason;
  toCredential(): ArcGISCredential | null;
  isDestroyed(): boolean;
  /** The session's epoch: a server token whose epoch ended before it came is dropped. */
  epoch: Pick<SessionEpoch, "mark">;
  /** Revokes a dropped server token. */
  discardServerToken(token: string): void;
}

/** Token services of one shell. */
export interface AppServices {
  getToken(url?: string): Promise<string>;
  reportAuthError(report: AuthReport): Promise<string>;
  connect(appName: string): MessagePort;
  destroy(): void;
}

/** Joins federation, coordinated retry, app channels and the frame protocols to the session. */
export function createAppServices(deps: AppServicesDeps): AppServices {
  const { opts, host, events } = deps;
  const destroyedError = () => new ShellUnavailableError("The auth shell was destroyed.");
  // Every call races this, so nothing still waiting (for `ready`, a sign-in) outlives destroy().
  let markDestroyed: (error: Error) => void = () => {};
  const destroyed = new Promise<never>((_, reject) => {
    markDestroyed = reject;
  });
  destroyed.catch(() => {});
  const alive = <T>(work: () => Promise<T>): Promise<T> =>
    deps.isDestroyed() ? Promise.reject(destroyedError()) : Promise.race([work(), destroyed]);

  const federation = createFederation({
    portal: opts.portal,
    portalGrant: () => grants.portalGrant(),
    fetch: host.fetch,
    onPortalTokenRefused: (token) => deps.invalidate(token),
    markEpoch: deps.epoch.mark,
    discardServerToken: deps.discardServerToken,
  });
  const grants = createGrants({
    portal: opts.portal,
    federation,
    ready: () => deps.ready,
    portalGrant() {
      const session = deps.session();
      return session && { token: session.token, expires: session.expires };
    },
    invalidate: deps.invalidate,
    reauthenticate: deps.reauthenticate,
    recovering: deps.recovering,
    httpsOnly: () => deps.session()?.ssl === true,
    missingReason: deps.missingReason,
  });

  const sessionInfo = (): SessionInfo | null => {
    const session = deps.session();
    return (
      session && {
        username: session.username,
        expires: session.expires,
        portal: session.portal,
        ssl: session.ssl,
      }
    );
  };
  const channels = createAppChannels({
    portal: opts.portal,
    sessionInfo,
    grantFor: (url, wait, mayLookUp) => alive(() => grants.grantFor(url, wait, mayLookUp)),
    reportAuthError: (report, mayLookUp) => alive(() => grants.afterFailure(report, mayLookUp)),
    lookupBudget: () => createLookupBudget(host.now),
  });

  let username = deps.session()?.username;
  const sessionChanged = () => {
    const current = deps.session()?.username;
    // Server tokens belong to the user who got them; trust in the servers stays.
    if (current !== username) federation.clear();
    username = current;
    channels.notifySession(sessionInfo());
  };
  const unsubscribe = (["signed-in", "refreshed", "signed-out", "expired"] as const).map((name) =>
    events.on(name, sessionChanged),
  );

  /** The session's credential once `work` (a wait for a usable session) is done. */
  const credentialAfter = async (work: () => Promise<unknown>) => {
    await alive(work);
    const credential = deps.toCredential();
    if (!credential) throw new ShellUnavailableError("The session ended before the credential was sent.");
    return credential;
  };
  const stopListening: (() => void)[] = [];
  if (opts.childOrigins.length > 0 && host.page) {
    const page = host.page;
    stopListening.push(
      listenForFrames({ childOrigins: opts.childOrigins, page, openChannel: (name) => channels.open(name) }),
      listenForEmbeddedApps({
        childOrigins: opts.childOrigins,
        page,
        now: host.now,
        currentToken: () => deps.session()?.token ?? null,
        credential: () => credentialAfter(() => grants.portalGrant()),
        // Checked first: a frame also asks again when its page reloads, with nothing wrong.
        reportFailed: async (token) =>
          credentialAfter(async () =>
            (await portalAccepts(host.fetch, opts.portal, token))
              ? grants.portalGrant()
              : grants.afterFailure({ token }),
          ),
      }),
    );
  }

  return {
    // The page's own code owns the shell: its lookups have no budget, only the apps' channels do.
    getToken: (url) => alive(async () => (await grants.grantFor(url, true))?.token as string),
    reportAuthError: (report) => alive(async () => (await grants.afterFailure(report)).token),
    connect(appName) {
      if (deps.isDestroyed()) throw destroyedError();
      if (typeof appName !== "string" || appName.length === 0) {
        throw new TypeError("connect(appName) needs the micro-app's name.");
      }
      return channels.open(appName);
    },
    destroy() {
      markDestroyed(destroyedError());
      for (const stop of [...unsubscribe, ...stopListening]) stop();
      channels.closeAll();
      federation.clear();
    },
  };
}
