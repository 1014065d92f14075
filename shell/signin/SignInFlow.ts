/**
 * One interactive sign-in at a time: the popup (or the full-page redirect), the wait for the
 * callback's answer under the rules of docs/protocol.md §1, and the answer turned into a session record.
 * Two `start()` calls while a sign-in runs share its popup and its promise. A code exchange whose
 * session epoch ended before the portal answered (a sign-out meanwhile) is dropped: its tokens go
 * to `discard` and the sign-in fails.
 */
import { CALLBACK_CHANNEL, type CallbackResult } from "../../protocol/callbackMessage.ts";
import {
  InvalidOptionsError,
  PopupBlockedError,
  SignInTimeoutError,
  StateMismatchError,
} from "../../protocol/errors.ts";
import { popupGone, signInFailed } from "../errors.ts";
import type { ShellHost } from "../host.ts";
import type { ResolvedOptions } from "../options.ts";
import type { SessionEpoch } from "../session/epoch.ts";
import type { SessionRecord } from "../types.ts";
import { type IgnoreReason, judgeCallback } from "./acceptCallback.ts";
import { type AnswerContext, recordFromAnswer } from "./answer.ts";
import { buildAuthorizeUrl } from "./authorizeUrl.ts";
import { openBlankPopup, type PopupGone, watchPopup } from "./PopupWindow.ts";
import { codeChallengeS256, createCodeVerifier } from "./pkce.ts";
import { recordRedirect, takeRedirectAnswer } from "./redirect.ts";
import { createState } from "./state.ts";
import type { TokenEndpoint } from "./tokenEndpoint.ts";

/**
 * After the popup reads closed, how long an answer that is already on its way may still arrive
 * (the callback posts, then closes itself) before the sign-in fails with `PopupClosedError`.
 */
export const CLOSE_GRACE_MS = 400;

/** Counts of messages the shell ignored, by rule (for diagnostics and tests). */
export type IgnoredCounts = Record<IgnoreReason, number>;

/** How a sign-in's answer is tied to the session epoch it was exchanged in. */
export interface ExchangeGuard {
  epoch: Pick<SessionEpoch, "mark">;
  /** Takes the session of an answer that came back after its epoch ended (to revoke it). */
  discard(record: SessionRecord): void;
}

/** The sign-in machinery of one shell. */
export interface SignInFlow {
  /** The running sign-in's promise, if any. */
  readonly running: Promise<SessionRecord> | null;
  /** Opens the popup synchronously; with `redirectOnBlocked`, a blocked popup becomes a redirect. */
  start(redirectOnBlocked: boolean): Promise<SessionRecord>;
  /** Leaves the page for the authorize URL (the promise only settles if the page stays: timeout). */
  redirect(): Promise<never>;
  /** Finishes a redirect sign-in from the callback's stored answer; null when none is pending. */
  completeRedirect(): Promise<SessionRecord | null>;
  /** Ignored messages so far. */
  readonly ignored: Readonly<IgnoredCounts>;
  /** Stops listening; a running sign-in rejects with `error`. */
  destroy(error: Error): void;
}

interface PendingSignIn {
  state: string;
  popup: Window;
  verifier: string | undefined;
  answered: boolean;
  promise: Promise<SessionRecord>;
  resolve(record: SessionRecord): void;
  reject(error: unknown): void;
  stopTimers(): void;
}

/** Creates the sign-in machinery; it listens for callback messages until `destroy()`. */
export function createSignInFlow(
  options: ResolvedOptions,
  host: ShellHost,
  tokens: TokenEndpoint,
  guard: ExchangeGuard,
): SignInFlow {
  const ignored: IgnoredCounts = { origin: 0, source: 0, channel: 0, schema: 0, state: 0 };
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let pending: PendingSignIn | null = null;
  const sameOriginCallback = options.redirectOrigin === host.location.origin;

  const later = (ms: number, run: () => void) => {
    const id = setTimeout(() => {
      timers.delete(id);
      run();
    }, ms);
    timers.add(id);
    return () => {
      clearTimeout(id);
      timers.delete(id);
    };
  };

  /** The answer as a record, unless the session epoch ended while the portal exchanged its code. */
  const exchange = async (result: CallbackResult, context: AnswerContext): Promise<SessionRecord> => {
    const leftUnder = guard.epoch.mark();
    const record = await recordFromAnswer(result, context);
    if (leftUnder()) return record;
    guard.discard(record);
    throw signInFailed("session_ended"); // signed out (or in) elsewhere while the code was exchanged
  };

  const fresh = () => {
    const state = createState(host.crypto);
    const verifier = options.flow === "pkce" ? createCodeVerifier(host.crypto) : undefined;
    return { state, verifier };
  };

  const authorizeUrl = async (state: string, verifier: string | undefined) => {
    let codeChallenge: string | undefined;
    if (verifier !== undefined) {
      if (!host.crypto.subtle) throw signInFailed("invalid_request", "PKCE needs a secure context");
      codeChallenge = await codeChallengeS256(verifier, host.crypto.subtle);
    }
    return buildAuthorizeUrl({ ...options, state, codeChallenge });
  };

  /** Rejects `signIn` unless it is over or already answered (`force`: also while its code is exchanged). */
  const fail = (signIn: PendingSignIn, error: unknown, force = false) => {
    if (pending !== signIn || (signIn.answered && !force)) return;
    pending = null;
    signIn.stopTimers();
    try {
      signIn.popup.close();
    } catch {
      // A severed or cross-origin handle may refuse; the popup is not ours to keep anyway.
    }
    signIn.reject(error);
  };

  const onGone = (signIn: PendingSignIn, why: PopupGone) => {
    later(CLOSE_GRACE_MS, () => {
      // Severed but same-origin callback: the answer still comes over the BroadcastChannel; only the timeout ends it.
      if (why === "severed" && channel !== null) return;
      fail(signIn, popupGone(why));
    });
  };

  const onMessage = (event: MessageEvent, viaChannel: boolean) => {
    const candidates = pending !== null && !pending.answered ? [pending] : [];
    const verdict = judgeCallback(
      { origin: event.origin, source: event.source, data: event.data, viaChannel },
      { callbackOrigin: options.redirectOrigin, channelAllowed: sameOriginCallback, pending: candidates },
    );
    if (verdict.kind === "ignore") {
      ignored[verdict.reason] += 1;
      return;
    }
    const signIn = verdict.pending;
    if (verdict.kind === "state-mismatch") {
      fail(signIn, new StateMismatchError());
      return;
    }
    signIn.answered = true; // the state is spent: a replay finds nothing pending
    signIn.stopTimers();
    exchange(verdict.message.result, { ...options, verifier: signIn.verifier, tokens })
      .then(signIn.resolve, signIn.reject)
      .finally(() => {
        if (pending === signIn) pending = null;
      });
  };

  const unlisten = host.listen((event) => onMessage(event, false));
  const channel = sameOriginCallback
    ? host.channel(CALLBACK_CHANNEL, (event) => onMessage(event, true))
    : null;

  const redirect = async (): Promise<never> => {
    const storage = host.storage("session");
    if (!sameOriginCallback || storage === null) {
      throw new InvalidOptionsError(
        "A full-page redirect needs a same-origin callback page and sessionStorage.",
      );
    }
    const { state, verifier } = fresh();
    const { clientId, portal, flow } = options;
    recordRedirect(storage, state, host.location.href, { clientId, portal, flow, verifier });
    host.location.assign(await authorizeUrl(state, verifier));
    return new Promise<never>((_, reject) =>
      later(options.signInTimeoutMs, () => reject(new SignInTimeoutError())),
    );
  };

  const start = (redirectOnBlocked: boolean): Promise<SessionRecord> => {
    if (pending !== null) {
      try {
        pending.popup.focus();
      } catch {
        // Focus is a courtesy.
      }
      return pending.promise;
    }
    const { state, verifier } = fresh();
    const popup = openBlankPopup(host.open);
    if (popup === null) {
      return redirectOnBlocked && sameOriginCallback ? redirect() : Promise.reject(new PopupBlockedError());
    }
    let resolve!: (record: SessionRecord) => void;
    let reject!: (error: unknown) => void;
    const promise = new Promise<SessionRecord>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const stops: (() => void)[] = [];
    const signIn: PendingSignIn = {
      state,
      popup,
      verifier,
      answered: false,
      promise,
      resolve,
      reject,
      stopTimers: () => {
        for (const stop of stops) stop();
      },
    };
    pending = signIn;
    stops.push(later(options.signInTimeoutMs, () => fail(signIn, new SignInTimeoutError())));
    stops.push(watchPopup(popup, (why) => onGone(signIn, why)));
    authorizeUrl(state, verifier).then(
      (url) => {
        if (pending !== signIn) return;
        try {
          popup.location.replace(url);
        } catch {
          fail(signIn, popupGone("closed"));
        }
      },
      (error: unknown) => fail(signIn, error),
    );
    return promise;
  };

  return {
    get running() {
      return pending?.promise ?? null;
    },
    get ignored() {
      return { ...ignored };
    },
    start,
    redirect,
    async completeRedirect() {
      const storage = host.storage("session");
      if (storage === null) return null;
      const answer = takeRedirectAnswer(storage, options.clientId, options.portal);
      if (answer.kind === "none") return null;
      if (answer.kind === "ignored") {
        ignored[answer.reason] += 1;
        return null;
      }
      return exchange(answer.message.result, { ...options, ...answer.flow, tokens });
    },
    destroy(error) {
      if (pending !== null) fail(pending, error, true);
      unlisten();
      channel?.close();
      for (const id of timers) clearTimeout(id);
      timers.clear();
    },
  };
}
