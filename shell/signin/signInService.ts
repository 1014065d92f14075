/**
 * The sign-in service: the public sign-in calls over the sign-in flow, which loads on first use.
 * The popup opens synchronously inside `signIn()` (a popup needs the user's click) and the flow
 * navigates it once loaded. Concurrent `signIn()` calls share one popup and one promise; every session a sign-in brings goes to the session service,
 * and every interactive sign-in that starts is signalled (a waiting re-authentication follows it).
 */

import { REDIRECT_RESULT_KEY } from "../../protocol/callbackHandover.ts";
import type { ShellHost } from "../host.ts";
import type { Lazy } from "../lazy.ts";
import { destroyedError, type Lifetime } from "../lifetime.ts";
import type { ResolvedOptions } from "../options.ts";
import type { SessionService } from "../session/sessionService.ts";
import type { Signals } from "../signals.ts";
import type { Session, SessionRecord } from "../types.ts";
import { openBlankPopup } from "./openPopup.ts";
import type { SignInFlow } from "./SignInFlow.ts";

/** Options of one `signIn()` call. */
export interface SignInOptions {
  /** When the browser blocks the popup, leave the page for a full-page redirect sign-in instead. */
  redirectOnBlocked?: boolean;
}

/** What the sign-in service is built from. */
export interface SignInServiceDeps {
  opts: Pick<ResolvedOptions, "popup">;
  host: Pick<ShellHost, "open" | "storage">;
  /** The sign-in flow, loaded on first use. */
  flow: Lazy<SignInFlow>;
  session: Pick<SessionService, "adopt">;
  signals: Signals;
  life: Pick<Lifetime, "over" | "guard">;
}

/** The sign-in calls of one shell. */
export interface SignInService {
  /** The interactive sign-in under way (its popup is open), if any. */
  readonly running: Promise<Session> | null;
  signIn(options?: SignInOptions): Promise<Session>;
  signInWithRedirect(): Promise<never>;
  handleRedirect(): Promise<Session | null>;
  destroy(error: Error): void;
}

/** Creates the sign-in service. */
export function createSignInService(deps: SignInServiceDeps): SignInService {
  const { flow, session, life } = deps;
  let signingIn: Promise<Session> | null = null;
  const redirect = () => flow.get().then((loaded) => loaded.redirect());
  const signedIn = (record: SessionRecord) => {
    session.adopt("signed-in", record, true);
    return record.session;
  };

  function signIn(options: SignInOptions = {}): Promise<Session> {
    if (life.over) return Promise.reject(destroyedError());
    if (!deps.opts.popup) return redirect();
    if (signingIn !== null) {
      // Focuses the open popup. No popup of its own (null): while the first sign-in leaves for
      // the redirect there is none to focus, and one opened now would bring a session nobody adopts.
      void flow
        .get()
        .then((loaded) => loaded.start(false, null))
        .catch(() => {});
      return signingIn;
    }
    const popup = openBlankPopup(deps.host.open);
    const started = flow
      .get()
      .then((loaded) => {
        if (!life.over) return loaded.start(options.redirectOnBlocked === true, popup);
        popup?.close(); // destroyed while the flow loaded
        throw destroyedError();
      })
      .then((record) => {
        if (life.over) throw destroyedError();
        return signedIn(record);
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
    signIn,
    signInWithRedirect: () => life.guard(redirect),
    async handleRedirect() {
      // Nothing left by the callback: no need to load the flow.
      if (deps.host.storage("session")?.getItem(REDIRECT_RESULT_KEY) == null) return null;
      const record = await (await flow.get()).completeRedirect();
      return record === null || life.over ? null : signedIn(record);
    },
    destroy: (error) => flow.loaded?.destroy(error),
  };
}
