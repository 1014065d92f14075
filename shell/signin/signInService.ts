/**
 * The sign-in service: the public sign-in calls over the sign-in flow. Concurrent `signIn()` calls
 * share one popup and one promise; every session a sign-in brings goes to the session service,
 * and every interactive sign-in that starts is signalled (a waiting re-authentication follows it).
 */
import { ShellUnavailableError } from "../errors.ts";
import type { Lifetime } from "../lifetime.ts";
import type { ResolvedOptions } from "../options.ts";
import type { SessionService } from "../session/sessionService.ts";
import type { Signals } from "../signals.ts";
import type { Session } from "../types.ts";
import type { IgnoredCounts, SignInFlow } from "./SignInFlow.ts";

/** Options of one `signIn()` call. */
export interface SignInOptions {
  /** When the browser blocks the popup, leave the page for a full-page redirect sign-in instead. */
  redirectOnBlocked?: boolean;
}

/** What the sign-in service is built from. */
export interface SignInServiceDeps {
  opts: Pick<ResolvedOptions, "popup">;
  flow: SignInFlow;
  session: Pick<SessionService, "adopt">;
  signals: Signals;
  life: Pick<Lifetime, "over">;
}

/** The sign-in calls of one shell. */
export interface SignInService {
  /** The interactive sign-in under way (its popup is open), if any. */
  readonly running: Promise<Session> | null;
  readonly ignored: Readonly<IgnoredCounts>;
  signIn(options?: SignInOptions): Promise<Session>;
  signInWithRedirect(): Promise<never>;
  handleRedirect(): Promise<Session | null>;
  destroy(error: Error): void;
}

/** Creates the sign-in service. */
export function createSignInService(deps: SignInServiceDeps): SignInService {
  const { flow, session, life } = deps;
  let signingIn: Promise<Session> | null = null;

  function signIn(options: SignInOptions = {}): Promise<Session> {
    if (life.over) return Promise.reject(new ShellUnavailableError());
    if (!deps.opts.popup) return flow.redirect();
    if (signingIn !== null) {
      void flow.start(false).catch(() => {}); // focuses the open popup
      return signingIn;
    }
    const started = flow.start(options.redirectOnBlocked === true).then((record) => {
      if (life.over) throw new ShellUnavailableError();
      session.adopt("signed-in", record, true);
      return record.session;
    });
    const current = started.finally(() => {
      if (signingIn === current) signingIn = null;
    });
    signingIn = current;
    deps.signals.emit("signInStarted", current);
    return current;
  }

  return {
    get running() {
      return signingIn;
    },
    get ignored() {
      return flow.ignored;
    },
    signIn,
    signInWithRedirect: () => (life.over ? Promise.reject(new ShellUnavailableError()) : flow.redirect()),
    async handleRedirect() {
      const record = await flow.completeRedirect();
      if (record === null || life.over) return null;
      session.adopt("signed-in", record, true);
      return record.session;
    },
    destroy: (error) => flow.destroy(error),
  };
}
