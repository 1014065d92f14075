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
   * Tell the user (event + prompt); the prompt's abort signal fires when the round ends. The one
   * who asks ends the waiting round through `follow` (a sign-in started) or `abandon`.
   */
  requireSignIn(reason: AuthRequiredReason, signal: AbortSignal): void;
  /** How long a round waits for a sign-in to start before giving up. */
  timeoutMs: number;
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
  /** Ends the round with `token`, or, when it is undefined, with `error`. */
  settle(token: string | undefined, error?: unknown): void;
  timer?: ReturnType<typeof setTimeout>;
}

/** Creates the coordinator. */
export function createReauth(deps: ReauthDeps): Reauth {
  let round: Round | null = null;

  const start = (reason: AuthRequiredReason): Round => {
    const controller = new AbortController();
    let resolve!: (token: string) => void;
    let reject!: (error: unknown) => void;
    const current: Round = {
      promise: new Promise<string>((res, rej) => {
        resolve = res;
        reject = rej;
      }),
      settle(token, error) {
        if (round !== current) return;
        round = null;
        clearTimeout(current.timer);
        controller.abort();
        if (token !== undefined) resolve(token);
        else reject(error);
      },
    };
    round = current;
    deps.trySilent().then(
      (token) => {
        if (token !== null) return current.settle(token);
        if (round !== current) return;
        current.timer = setTimeout(() => current.settle(undefined, new SignInTimeoutError()), deps.timeoutMs);
        deps.requireSignIn(reason, controller.signal);
      },
      (error: unknown) => current.settle(undefined, error),
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
    follow(signIn) {
      const current = round;
      if (current === null) return;
      clearTimeout(current.timer); // the sign-in has its own timeout
      signIn.then(
        (session) => current.settle(session.token),
        (error: unknown) => current.settle(undefined, error),
      );
    },
    resolved(token) {
      round?.settle(token);
    },
    abandon(error) {
      round?.settle(undefined, error);
    },
  };
}
