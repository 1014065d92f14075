/**
 * The recovery service: what the shell does when it has no usable token. A silent refresh when the
 * session allows it (the timed one, and the first step of every re-authentication), else the one
 * coordinated re-authentication (`reauthenticate.ts`) with `auth-required` and the prompt
 * (`dialog.ts`, or the host's own).
 */
import type { Emitter } from "nanoevents";
import { AccessDeniedError, AuthShellError } from "../../protocol/errors.ts";
import type { ShellHost } from "../host.ts";
import type { Lifetime } from "../lifetime.ts";
import type { PromptFunction, ResolvedOptions } from "../options.ts";
import type { SessionService } from "../session/sessionService.ts";
import type { Signals } from "../signals.ts";
import type { SignInService } from "../signin/signInService.ts";
import type { AuthRequiredReason, ShellEvents } from "../types.ts";
import { createDialogPrompt } from "./dialog.ts";
import { createReauth } from "./reauthenticate.ts";
import { judgeRefreshFailure } from "./refreshFailure.ts";

/** What the recovery service is built from. */
export interface RecoveryDeps {
  opts: Pick<ResolvedOptions, "prompt" | "signInTimeoutMs">;
  host: Pick<ShellHost, "document">;
  events: Emitter<ShellEvents>;
  signals: Signals;
  life: Pick<Lifetime, "over">;
  session: Pick<SessionService, "holder" | "refresher">;
  signIn: Pick<SignInService, "running" | "signIn">;
}

/** The recovery of one shell. */
export interface Recovery {
  /** Joins the one coordinated re-authentication; resolves with the new token. */
  reauthenticate(reason: AuthRequiredReason): Promise<string>;
  /** Whether a coordinated re-authentication is under way. */
  readonly running: boolean;
  /** Ends a waiting re-authentication with `error`. */
  abandon(error: unknown): void;
  /** A refreshable session's refresh time came: renew `token` silently. */
  refreshDue(token: string): void;
}

/** The prompt the options ask for: the built-in dialog (when there is a document), the host's, or none. */
function choosePrompt(deps: RecoveryDeps): PromptFunction | null {
  const { prompt } = deps.opts;
  if (prompt !== "default") return prompt || null;
  const doc = deps.host.document;
  return doc ? createDialogPrompt(doc, () => deps.signIn.signIn()) : null;
}

/** Creates the recovery service. */
export function createRecovery(deps: RecoveryDeps): Recovery {
  const { events, life } = deps;
  const { holder, refresher } = deps.session;

  /** A new token without the user; null when the session cannot be renewed silently. */
  async function refreshSilently(staleToken: string): Promise<string | null> {
    if (life.over || !refresher.canRefresh(holder.record)) return null;
    try {
      const outcome = await refresher.refresh(staleToken);
      // Null: the session ended while the portal answered; only a session that is current now counts.
      return outcome === null ? holder.usableToken() : outcome.record.session.token;
    } catch (error) {
      if (life.over) return null;
      const failure = judgeRefreshFailure(error, staleToken, holder.usableToken());
      if ("token" in failure) return failure.token;
      events.emit("error", error as Error);
      holder.refreshFailed(failure.refused);
      if (failure.refused) return null;
      throw error;
    }
  }

  const prompt = choosePrompt(deps);
  const reauth = createReauth({
    trySilent: () => {
      const record = holder.record;
      return record === null ? Promise.resolve(null) : refreshSilently(record.session.token);
    },
    requireSignIn: (reason, signal) => {
      events.emit("auth-required", reason);
      // A sign-in already under way (its popup is open) is the answer: follow it, no prompt.
      const running = deps.signIn.running;
      if (running !== null) return reauth.follow(running);
      prompt?.(reason, signal).catch((error: unknown) => {
        reauth.abandon(error instanceof AuthShellError ? error : new AccessDeniedError());
      });
    },
    timeoutMs: deps.opts.signInTimeoutMs,
  });
  deps.signals.on("adopted", reauth.resolved);
  deps.signals.on("signInStarted", reauth.follow);

  // A failed timed refresh was already reported as an `error` event.
  return Object.assign(reauth, {
    refreshDue: (token: string) => void refreshSilently(token).catch(() => {}),
  });
}
