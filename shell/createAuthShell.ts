/**
 * `createAuthShell`: wires the services into the one owner of the page's ArcGIS session. Each is
 * built from the ones before it (the dependency order of shell/README.md "Layout"); what a service
 * tells a later one goes over the signals created first. What a host needs to create the shell and
 * restore a session is imported here; the rest loads on first use (`lazy.ts`).
 */

import { InvalidOptionsError } from "../protocol/errors.ts";
import type { AuthShell } from "./api.ts";
import { createAppAccess } from "./appAccess.ts";
import { createShellEvents } from "./events.ts";
import { browserHost, type ShellHost } from "./host.ts";
import { fromLater, loadLater } from "./lazy.ts";
import { createLifetime } from "./lifetime.ts";
import { type AuthShellOptions, resolveOptions } from "./options.ts";
import { createTokenDiscard } from "./session/discard.ts";
import { createSessionEpoch } from "./session/epoch.ts";
import { createSessionService } from "./session/sessionService.ts";
import { createSignals } from "./signals.ts";
import { createCallbackInbox } from "./signin/callbackInbox.ts";
import { createSignInService } from "./signin/signInService.ts";

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
  const endpoint = fromLater((later) => later.shellTokenEndpoint(opts, host));
  // Ended by sign-out (here or in another tab), sign-in and destroy(): answers from the portal that
  // left under an earlier epoch are dropped and their tokens revoked (session/epoch.ts).
  const epoch = createSessionEpoch();
  const discard = createTokenDiscard(endpoint.get, (error) => events.emit("error", error));
  const inbox = createCallbackInbox(opts, host);
  const flow = fromLater((later) => later.shellSignInFlow({ opts, host, endpoint, epoch, discard, inbox }));
  const base = { opts, host, events, signals, life };
  const session = createSessionService({ ...base, epoch, endpoint: endpoint.get, discard });
  const signIn = createSignInService({ ...base, flow, session });
  const recovery = fromLater((later) => later.createRecovery({ ...base, session, signIn }));
  signals.on("refreshDue", (token) => {
    recovery.get().then(
      (loaded) => loaded.refreshDue(token),
      (error) => events.emit("error", error),
    );
  });
  const tokens = fromLater((later) =>
    later.createSessionTokenService({ ...base, epoch, session, recovery, discard }),
  );
  const apps = createAppAccess(life, opts.childOrigins.length > 0 ? host.page : null, async (page) => {
    const loadedTokens = await tokens.get(); // loads the later parts
    return (await loadLater()).createAppServices({
      ...base,
      host: { ...host, page },
      session,
      tokens: loadedTokens,
    });
  });

  // Preloaded when the browser is idle, so a first use rarely waits for the network.
  globalThis.requestIdleCallback?.(() => void loadLater().catch(() => {}));

  return {
    get session() {
      return session.usable();
    },
    ready: session.ready,
    get diagnostics() {
      return { ignoredMessages: { ...inbox.ignored } };
    },
    signIn: signIn.signIn,
    signInWithRedirect: signIn.signInWithRedirect,
    signOut: session.signOut,
    handleRedirect: signIn.handleRedirect,
    getToken: (url) => life.guard(async () => (await tokens.get()).getToken(url)),
    reportAuthError: (report) => life.guard(async () => (await tokens.get()).reportAuthError(report)),
    connect: apps.connect,
    toCredential: session.credential,
    on: (event, listener) => events.on(event, listener),
    destroy() {
      if (life.over) return;
      const error = life.end();
      epoch.end();
      signIn.destroy(error);
      inbox.close();
      recovery.loaded?.abandon(error);
      apps.destroy();
      tokens.loaded?.destroy();
      session.destroy();
      events.events = {};
    },
  };
}
