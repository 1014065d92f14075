/** The shell's public API (README "API"): what `createAuthShell` returns. */

import type { IgnoredCounts } from "./signin/SignInFlow.ts";
import type { SignInOptions } from "./signin/signInService.ts";
import type { ArcGISCredential, Session, ShellEvents } from "./types.ts";

export type { SignInOptions };

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
