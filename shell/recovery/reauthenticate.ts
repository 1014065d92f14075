/**
 * Coordinated re-authentication (docs/behaviour.md "Re-sign-in prompt and coordinated re-authentication"): however many callers need a new
 * token at once, one round runs — a silent refresh when the session allows it, else one
 * `auth-required` + prompt and whatever interactive sign-in follows — and every caller gets the
 * same outcome: the new token, or the same typed error. Every micro-app's failure report joins it
 * (through `tokens/grants.ts`).
 */
import { SignInTimeoutError } from "../../protocol/errors.ts";
import type { AuthRequiredReason, Session } from "../types.ts";

/** What a round needs from the shell. */
export interface ReauthDeps {
  /** A new token without the user, or null when that is not possible. */
  trySilent(): Promise<string | null>;
  /**
   * Tell the user (event + prompt); the prompt's abort signal fires when the round ends. `round`
   * ends the waiting round with a sign-in's outcome or an error.
   */
  requireSignIn(reason: AuthRequiredReason, signal: AbortSignal, round: RoundControl): void;
  /** How long a round waits for a sign-in to start before giving up. */
  timeoutMs: number;
}

/** How the one who asks the user ends the waiting round. */
export interface RoundControl {
  /** An interactive sign-in started: a waiting round ends with its outcome. */
  follow(signIn: Promise<Session>): void;
  /** Ends a waiting round with `error` (prompt cancelled, shell destroyed). */
  abandon(error: unknown): void;
}

/** The single-flight re-authentication of one shell. */
export interface Reauth {
  /** Joins (or starts) the round; resolves with the new token. */
  reauthenticate(reason: AuthRequiredReason): Promise<string>;
  /** An interactive sign-in started: a waiting round ends with its outcome. */
  follow(signIn: Promise<Session>): void;
  /** A new session arrived by any path (this tab, another tab): a waiting round resolves with it. */
  resolved(token: string): void;
  /** Ends a waiting round with `error` (prompt cancelled, shell destroyed). */
  abandon(error: unknown): void;
  /** Whether a round is running. */
  readonly running: boolean;
}

interface Round {
  promise: Promise<string>;
  settle(outcome: { token: string } | { error: unknown }): void;
  controller: AbortController;
  timer: ReturnType<typeof setTimeout> | undefined;
}

/** Creates the coordinator. */
export function createReauth(deps: ReauthDeps): Reauth {
  let round: Round | null = null;

  const follow = (signIn: Promise<Session>) => {
    const current = round;
    if (current === null) return;
    clearTimeout(current.timer); // the sign-in has its own timeout
    signIn.then(
      (session) => current.settle({ token: session.token }),
      (error: unknown) => current.settle({ error }),
    );
  };
  const abandon = (error: unknown) => round?.settle({ error });

  const start = (reason: AuthRequiredReason): Round => {
    let resolve!: (token: string) => void;
    let reject!: (error: unknown) => void;
    const promise = new Promise<string>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const current: Round = {
      promise,
      controller: new AbortController(),
      timer: undefined,
      settle(outcome) {
        if (round !== current) return;
        round = null;
        clearTimeout(current.timer);
        current.controller.abort();
        if ("token" in outcome) resolve(outcome.token);
        else reject(outcome.error);
      },
    };
    round = current;
    deps.trySilent().then(
      (token) => {
        if (token !== null) return current.settle({ token });
        if (round !== current) return;
        current.timer = setTimeout(() => current.settle({ error: new SignInTimeoutError() }), deps.timeoutMs);
        deps.requireSignIn(reason, current.controller.signal, { follow, abandon });
      },
      (error: unknown) => current.settle({ error }),
    );
    return current;
  };

  return {
    get running() {
      return round !== null;
    },
    reauthenticate(reason) {
      return (round ?? start(reason)).promise;
    },
    follow,
    resolved(token) {
      round?.settle({ token });
    },
    abandon,
  };
}
