/**
 * `createAuthShell`: wires the parts (sign-in flow, session holder, refresher, tab sync,
 * coordinated re-authentication, prompt) into the one owner of the page's ArcGIS session.
 */
import type { Emitter } from "nanoevents";
import {
  AccessDeniedError,
  AuthShellError,
  InvalidOptionsError,
  ShellUnavailableError,
} from "../protocol/errors.ts";
import { TAB_CHANNEL_PREFIX } from "../protocol/tabs.ts";
import { createAppServices } from "./appServices.ts";
import { createShellEvents } from "./events.ts";
import { browserHost, type ShellHost } from "./host.ts";
import { type AuthShellOptions, type PromptFunction, resolveOptions } from "./options.ts";
import { createDialogPrompt } from "./prompt/dialog.ts";
import { createReauth } from "./reauth/reauthenticate.ts";
import { createTokenDiscard } from "./session/discard.ts";
import { createSessionEpoch } from "./session/epoch.ts";
import { renewsSession } from "./session/record.ts";
import { createRefresher, isRefreshRefused } from "./session/refresh.ts";
import { createSessionHolder } from "./session/SessionHolder.ts";
import { createSessionStore, sessionKey } from "./session/store.ts";
import { createTabSync } from "./session/tabs.ts";
import { createSignInFlow, type IgnoredCounts } from "./signin/SignInFlow.ts";
import { createTokenEndpoint } from "./signin/tokenEndpoint.ts";
import type { ArcGISCredential, AuthRequiredReason, Session, SessionRecord, ShellEvents } from "./types.ts";

/** Options of one `signIn()` call. */
export interface SignInOptions {
  /** When the browser blocks the popup, leave the page for a full-page redirect sign-in instead. */
  redirectOnBlocked?: boolean;
}

/** What `reportAuthError` is told: the URL that failed, the token it was sent with, ArcGIS's code. */
export interface AuthErrorReport {
  url?: string;
  token?: string;
  code?: number;
}

/** The page's one session owner (README "API"). */
export interface AuthShell {
  /** The current session, or null (also null once it expired). */
  readonly session: Session | null;
  /** Settles once the session was restored (storage, or another tab's answer); never rejects. */
  readonly ready: Promise<Session | null>;
  /** Counts of ignored callback messages, by the rule that rejected them. */
  readonly diagnostics: { ignoredMessages: Readonly<IgnoredCounts> };
  /** Interactive sign-in; call from a click (the popup opens synchronously). Concurrent calls share one. */
  signIn(options?: SignInOptions): Promise<Session>;
  /** Full-page redirect sign-in (finish it with `handleRedirect()` on the page it comes back to). */
  signInWithRedirect(): Promise<never>;
  /** Revokes the tokens at the portal, clears storage, tells every tab. */
  signOut(): Promise<void>;
  /** Finishes a full-page redirect sign-in on load; null when none is pending. */
  handleRedirect(): Promise<Session | null>;
  /** The token for `url`: the portal's, or a federated server's; waits for the sign-in while signed out. */
  getToken(url?: string): Promise<string>;
  /** A request failed for auth: a stale token gets the current one at once, else all join one re-sign-in. */
  reportAuthError(report: AuthErrorReport): Promise<string>;
  /** A private channel for one same-window micro-app (single-spa `customProps`); give it to `connectAuth`. */
  connect(appName: string): MessagePort;
  /** The session as `IdentityManager.registerToken` wants it, or null. */
  toCredential(): ArcGISCredential | null;
  /** Subscribes to an event; returns the unsubscribe function. */
  on<E extends keyof ShellEvents>(event: E, listener: ShellEvents[E]): () => void;
  /** Removes listeners, timers and channels; pending waits reject with `ShellUnavailableError`. */
  destroy(): void;
}

/**
 * Creates the shell. Throws `InvalidOptionsError` for bad options, before anything opens or listens.
 * `host` replaces the browser for tests.
 */
export function createAuthShell(options: AuthShellOptions, host: ShellHost = browserHost()): AuthShell {
  const opts = resolveOptions(options);
  if (!opts.popup && opts.redirectOrigin !== host.location.origin) {
    throw new InvalidOptionsError("popup: false needs a redirectUri on this page's origin.");
  }
  const events: Emitter<ShellEvents> = createShellEvents();
  const key = sessionKey(opts.portal, opts.clientId);
  const store = createSessionStore(
    opts.storage === "memory" ? null : host.storage(opts.storage),
    key,
    opts.portal,
    host.now,
  );
  const tokens = createTokenEndpoint({ ...opts, fetch: host.fetch, now: host.now });
  // Ended by sign-out (here or in another tab), sign-in and destroy(): answers from the portal that
  // left under an earlier epoch are dropped and their tokens revoked (session/epoch.ts).
  const epoch = createSessionEpoch();
  const discard = createTokenDiscard(tokens, (error) => events.emit("error", error));
  const flow = createSignInFlow(opts, host, tokens, { epoch, discard: discard.revokeSession });
  let destroyed = false;
  let endedBy: AuthRequiredReason = "signed-out";
  let signingIn: Promise<Session> | null = null;

  const refresher = createRefresher({
    current: () => holder.record,
    stored: () => store.read(),
    tokens,
    locks: host.locks,
    lockName: `arcgis-auth-shell:refresh:${key}`,
    now: host.now,
    publish: ({ record, adopted }) => {
      if (!destroyed) adopt("refreshed", record, !adopted);
    },
    epoch,
    discard: discard.revokeSession,
  });
  const holder = createSessionHolder(
    {
      store,
      events,
      now: host.now,
      canRefresh: (record) => refresher.canRefresh(record),
      // A failed timed refresh was already reported as an `error` event.
      onRefreshDue: (token) => void refreshSilently(token).catch(() => {}),
    },
    store.read(),
  );
  const tabs = createTabSync(host, TAB_CHANNEL_PREFIX + key, opts.portal, {
    onSession: (kind, record) => {
      if (kind === "refreshed" && !renewsSession(holder.record, record)) return;
      adopt(kind, record, false);
    },
    onSignedOut: () => {
      epoch.end();
      holder.clear("other-tab");
    },
    current: () => (holder.usableToken() === null ? null : holder.record),
  });

  function adopt(kind: "signed-in" | "refreshed", record: SessionRecord, announce: boolean) {
    // Before anyone hears of the new session: whatever starts from its events is of the new epoch.
    if (kind === "signed-in" && holder.record?.session.token !== record.session.token) epoch.end();
    if (holder.set(record, kind) && announce) tabs.announce(kind, record);
    reauth.resolved(record.session.token);
  }

  async function refreshSilently(staleToken: string): Promise<string | null> {
    if (destroyed || !refresher.canRefresh(holder.record)) return null;
    try {
      const outcome = await refresher.refresh(staleToken);
      // Null: the session ended while the portal answered; only a session that is current now counts.
      return outcome === null ? holder.usableToken() : outcome.record.session.token;
    } catch (error) {
      if (destroyed) return null;
      const current = holder.usableToken();
      if (current !== null && current !== staleToken) return current; // another tab renewed it meanwhile
      events.emit("error", error as Error);
      // Only the portal's own "no" to this refresh token ends it. A 5xx, a network failure or a
      // timeout is a blip: the refresh token stays, and the waiters get the typed error instead of
      // being sent to an interactive sign-in.
      const refused = isRefreshRefused(error);
      holder.refreshFailed(refused);
      if (refused) return null;
      throw error;
    }
  }

  const reauth = createReauth({
    trySilent: () => {
      const record = holder.record;
      return record === null ? Promise.resolve(null) : refreshSilently(record.session.token);
    },
    requireSignIn: (reason, signal) => {
      events.emit("auth-required", reason);
      // A sign-in already under way (its popup is open) is the answer: follow it, no prompt.
      if (signingIn !== null) return reauth.follow(signingIn);
      prompt?.(reason, signal).catch((error: unknown) => {
        reauth.abandon(error instanceof AuthShellError ? error : new AccessDeniedError());
      });
    },
    timeoutMs: opts.signInTimeoutMs,
  });

  const prompt: PromptFunction | null =
    opts.prompt === "default"
      ? host.document
        ? createDialogPrompt(host.document, () => signIn())
        : null
      : opts.prompt || null;

  events.on("expired", () => {
    endedBy = "expired";
  });
  events.on("signed-out", () => {
    endedBy = "signed-out";
  });

  const askedUnder = epoch.mark();
  const ready: Promise<Session | null> =
    holder.record !== null
      ? Promise.resolve(holder.record.session)
      : tabs.ask().then((record) => {
          // An answer that arrives after a sign-out or sign-in here is about a session that is gone.
          if (record !== null && askedUnder() && !destroyed && holder.record === null)
            adopt("signed-in", record, false);
          return holder.record?.session ?? null;
        });

  function signIn(signInOptions: SignInOptions = {}): Promise<Session> {
    if (destroyed) return Promise.reject(new ShellUnavailableError());
    if (!opts.popup) return flow.redirect();
    if (signingIn !== null) {
      void flow.start(false).catch(() => {}); // focuses the open popup
      return signingIn;
    }
    const started = flow.start(signInOptions.redirectOnBlocked === true).then((record) => {
      if (destroyed) throw new ShellUnavailableError();
      adopt("signed-in", record, true);
      return record.session;
    });
    const current = started.finally(() => {
      if (signingIn === current) signingIn = null;
    });
    signingIn = current;
    reauth.follow(current);
    return current;
  }

  /** The session while its token may be handed out, else null. */
  const usableSession = (): Session | null =>
    holder.usableToken() === null ? null : (holder.record?.session ?? null);

  function toCredential(): ArcGISCredential | null {
    const session = usableSession();
    if (!session) return null;
    const { token, username, ssl, expires, portal } = session;
    // docs/arcgis.md §4: the credential's `server` is the portal without `/sharing/rest`.
    return { token, userId: username, server: portal.replace(/\/sharing\/rest$/i, ""), ssl, expires };
  }

  const services = createAppServices({
    opts,
    host,
    events,
    ready,
    session: usableSession,
    invalidate: (token) => holder.invalidate(token),
    reauthenticate: (reason) => reauth.reauthenticate(reason),
    recovering: () => reauth.running,
    missingReason: () => (holder.record === null ? endedBy : "expired"),
    toCredential,
    isDestroyed: () => destroyed,
    epoch,
    discardServerToken: discard.revokeServerToken,
  });

  async function signOut(): Promise<void> {
    epoch.end(); // also with no session: a sign-in whose code is being exchanged ends here
    const previous = holder.clear("user");
    tabs.announceSignOut();
    if (previous !== null) await discard.revokeSession(previous);
  }

  return {
    get session() {
      return usableSession();
    },
    ready,
    get diagnostics() {
      return { ignoredMessages: flow.ignored };
    },
    signIn,
    signInWithRedirect: () => (destroyed ? Promise.reject(new ShellUnavailableError()) : flow.redirect()),
    signOut,
    async handleRedirect() {
      const record = await flow.completeRedirect();
      if (record === null || destroyed) return null;
      adopt("signed-in", record, true);
      return record.session;
    },
    getToken: services.getToken,
    reportAuthError: services.reportAuthError,
    connect: services.connect,
    toCredential,
    on: (event, listener) => events.on(event, listener),
    destroy() {
      if (destroyed) return;
      destroyed = true;
      epoch.end();
      const error = new ShellUnavailableError("The auth shell was destroyed.");
      flow.destroy(error);
      reauth.abandon(error);
      services.destroy();
      holder.destroy();
      tabs.close();
      events.events = {};
    },
  };
}
