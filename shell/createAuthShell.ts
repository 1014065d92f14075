/**
 * `createAuthShell`: wires the services into the one owner of the page's ArcGIS session. Each is
 * built from the ones before it (the dependency order of shell/README.md "Layout"); what a service
 * tells a later one goes over the signals created first.
 */
import type { AuthShell } from "./api.ts";
import { createAppServices } from "./appServices.ts";
import { InvalidOptionsError } from "./errors.ts";
import { createShellEvents } from "./events.ts";
import { browserHost, type ShellHost } from "./host.ts";
import { createLifetime } from "./lifetime.ts";
import { type AuthShellOptions, resolveOptions } from "./options.ts";
import { createRecovery } from "./recovery/recovery.ts";
import { createTokenDiscard } from "./session/discard.ts";
import { createSessionEpoch } from "./session/epoch.ts";
import { createSessionService } from "./session/sessionService.ts";
import { createSignals } from "./signals.ts";
import { createSignInFlow } from "./signin/SignInFlow.ts";
import { createSignInService } from "./signin/signInService.ts";
import { createTokenEndpoint } from "./signin/tokenEndpoint.ts";
import { createTokenService } from "./tokens/tokenService.ts";

export type { AuthErrorReport, AuthShell, SignInOptions } from "./api.ts";

/**
 * Creates the shell. Throws `InvalidOptionsError` for bad options, before anything opens or listens.
 * `host` replaces the browser for tests.
 */
export function createAuthShell(options: AuthShellOptions, host: ShellHost = browserHost()): AuthShell {
  const opts = resolveOptions(options);
  if (!opts.popup && opts.redirectOrigin !== host.location.origin) {
    throw new InvalidOptionsError("popup: false needs a redirectUri on this page's origin.");
  }
  const events = createShellEvents();
  const signals = createSignals();
  const life = createLifetime();
  const endpoint = createTokenEndpoint({ ...opts, fetch: host.fetch, now: host.now });
  // Ended by sign-out (here or in another tab), sign-in and destroy(): answers from the portal that
  // left under an earlier epoch are dropped and their tokens revoked (session/epoch.ts).
  const epoch = createSessionEpoch();
  const discard = createTokenDiscard(endpoint, (error) => events.emit("error", error));
  const flow = createSignInFlow(opts, host, endpoint, { epoch, discard: discard.revokeSession });
  const base = { opts, host, events, signals, life };
  const session = createSessionService({ ...base, epoch, tokens: endpoint, discard });
  const signIn = createSignInService({ ...base, flow, session });
  const recovery = createRecovery({ ...base, session, signIn });
  const tokens = createTokenService({
    ...base,
    epoch,
    discardServerToken: discard.revokeServerToken,
    username: () => session.usable()?.username,
    source: {
      ready: () => session.ready,
      portalGrant: () => {
        const current = session.usable();
        return current && { token: current.token, expires: current.expires };
      },
      invalidate: (token) => session.holder.invalidate(token),
      reauthenticate: (reason) => recovery.reauthenticate(reason),
      recovering: () => recovery.running,
      httpsOnly: () => session.usable()?.ssl === true,
      missingReason: () => session.missingReason(),
    },
  });
  const apps = createAppServices({ ...base, session, tokens });

  return {
    get session() {
      return session.usable();
    },
    ready: session.ready,
    get diagnostics() {
      return { ignoredMessages: signIn.ignored };
    },
    signIn: signIn.signIn,
    signInWithRedirect: signIn.signInWithRedirect,
    signOut: session.signOut,
    handleRedirect: signIn.handleRedirect,
    getToken: tokens.getToken,
    reportAuthError: tokens.reportAuthError,
    connect: apps.connect,
    toCredential: session.credential,
    on: (event, listener) => events.on(event, listener),
    destroy() {
      if (life.over) return;
      const error = life.end();
      epoch.end();
      signIn.destroy(error);
      recovery.abandon(error);
      apps.destroy();
      tokens.destroy();
      session.destroy();
      events.events = {};
    },
  };
}
