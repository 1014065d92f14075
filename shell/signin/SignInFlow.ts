/**
 * One interactive sign-in at a time: the popup (or the full-page redirect), the wait for the
 * callback's answer under the rules of docs/protocol.md §1, and the answer turned into a session record.
 * Two `start()` calls while a sign-in runs share its popup and its promise. A code exchange whose
 * session epoch ended before the portal answered (a sign-out meanwhile) is dropped: its tokens go
 * to `discard` and the sign-in fails.
 */
import { type CallbackResult, REDIRECT_STATE_PREFIX } from "../../protocol/callbackMessage.ts";
import {
  InvalidOptionsError,
  PopupBlockedError,
  SignInTimeoutError,
  StateMismatchError,
} from "../../protocol/errors.ts";
import { popupGone, signInFailed } from "../errors.ts";
import type { ShellHost } from "../host.ts";
import type { Lazy } from "../lazy.ts";
import type { ResolvedOptions } from "../options.ts";
import type { TokenDiscard } from "../session/discard.ts";
import type { SessionEpoch } from "../session/epoch.ts";
import type { SessionRecord } from "../types.ts";
import { judgeCallback } from "./acceptCallback.ts";
import { type AnswerContext, recordFromAnswer } from "./answer.ts";
import { authorizeUrlFor, later, newAttempt, type PendingSignIn, pendingSignIn, stopAll } from "./attempt.ts";
import type { CallbackInbox, IgnoredCounts } from "./callbackInbox.ts";
import { openBlankPopup, type PopupGone, watchPopup } from "./PopupWindow.ts";
import { recordRedirect, takeRedirectAnswer } from "./redirect.ts";
import type { TokenEndpoint } from "./tokenEndpoint.ts";

/**
 * After the popup reads closed, how long an answer that is already on its way may still arrive
 * (the callback posts, then closes itself) before the sign-in fails with `PopupClosedError`.
 */
export const CLOSE_GRACE_MS = 400;

export type { IgnoredCounts };

/** What the sign-in flow is built from. */
export interface SignInFlowDeps {
  opts: ResolvedOptions;
  host: ShellHost;
  /** The portal's token endpoint, loaded on first use. */
  endpoint: Pick<Lazy<TokenEndpoint>, "get">;
  /** The epoch a sign-in's answer is exchanged in. */
  epoch: Pick<SessionEpoch, "mark">;
  /** Takes the session of an answer that came back after its epoch ended (to revoke it). */
  discard: Pick<TokenDiscard, "revokeSession">;
  /** The shell's callback listeners, which the flow takes over until `destroy()`. */
  inbox: CallbackInbox;
}

/** The sign-in machinery of one shell (what it ignored is counted in its inbox). */
export interface SignInFlow {
  /**
   * Opens the popup synchronously (or takes `popup`, opened by the caller inside the user's click;
   * null: it was blocked); with `redirectOnBlocked`, a blocked popup becomes a redirect.
   */
  start(redirectOnBlocked: boolean, popup?: Window | null): Promise<SessionRecord>;
  /** Leaves the page for the authorize URL (the promise only settles if the page stays: timeout). */
  redirect(): Promise<never>;
  /** Finishes a redirect sign-in from the callback's stored answer; null when none is pending. */
  completeRedirect(): Promise<SessionRecord | null>;
  /** Stops listening; a running sign-in rejects with `error`. */
  destroy(error: Error): void;
}

/** The state of one shell's sign-in machinery, shared by the steps below. */
interface FlowContext extends SignInFlowDeps {
  tokens: TokenEndpoint;
  /** Stop functions of the redirects' timeouts (a popup sign-in's timers are its own `stops`). */
  stops: (() => void)[];
  pending: PendingSignIn | null;
}

/** The answer as a record, unless the session epoch ended while the portal exchanged its code. */
async function exchange(ctx: FlowContext, result: CallbackResult, context: AnswerContext) {
  const leftUnder = ctx.epoch.mark();
  const record = await recordFromAnswer(result, context);
  if (leftUnder()) return record;
  void ctx.discard.revokeSession(record);
  throw signInFailed("session_ended"); // signed out (or in) elsewhere while the code was exchanged
}

/**
 * Rejects `signIn` unless it is over. Nothing fails an answered sign-in but `destroy()`: its timers
 * and popup watch stop when the answer comes, and its popup was navigated before it could answer.
 */
function fail(ctx: FlowContext, signIn: PendingSignIn, error: unknown) {
  if (ctx.pending !== signIn) return;
  ctx.pending = null;
  stopAll(signIn);
  try {
    signIn.popup.close();
  } catch {
    // A severed or cross-origin handle may refuse; the popup is not ours to keep anyway.
  }
  signIn.reject(error);
}

function onGone(ctx: FlowContext, signIn: PendingSignIn, why: PopupGone) {
  // Severed but same-origin callback: the answer still comes over the BroadcastChannel; only the timeout ends it.
  if (why === "severed" && ctx.inbox.channel !== null) return;
  signIn.stops.push(later(CLOSE_GRACE_MS, () => fail(ctx, signIn, popupGone(why))));
}

function onMessage(ctx: FlowContext, event: MessageEvent, viaChannel: boolean) {
  const { opts, pending } = ctx;
  const candidates = pending !== null && !pending.answered ? [pending] : [];
  const verdict = judgeCallback(
    event,
    viaChannel,
    opts.redirectOrigin,
    ctx.inbox.sameOriginCallback,
    candidates,
  );
  if (verdict.kind === "ignore") {
    ctx.inbox.ignored[verdict.reason] += 1;
    return;
  }
  const signIn = verdict.pending;
  if (verdict.kind === "state-mismatch") {
    fail(ctx, signIn, new StateMismatchError());
    return;
  }
  signIn.answered = true; // the state is spent: a replay finds nothing pending
  stopAll(signIn);
  exchange(ctx, verdict.message.result, { ...opts, verifier: signIn.verifier, tokens: ctx.tokens })
    .then(signIn.resolve, signIn.reject)
    .finally(() => {
      if (ctx.pending === signIn) ctx.pending = null;
    });
}

async function redirect(ctx: FlowContext): Promise<never> {
  const { opts, host } = ctx;
  const storage = host.storage("session");
  if (!ctx.inbox.sameOriginCallback || storage === null) {
    throw new InvalidOptionsError(
      "A full-page redirect needs a same-origin callback page and sessionStorage.",
    );
  }
  const attempt = newAttempt(opts, host, REDIRECT_STATE_PREFIX);
  const { clientId, portal, flow } = opts;
  recordRedirect(storage, attempt.state, host.location.href, {
    clientId,
    portal,
    flow,
    verifier: attempt.verifier,
  });
  host.location.assign(await authorizeUrlFor(opts, host, attempt));
  return new Promise<never>((_, reject) =>
    ctx.stops.push(later(opts.signInTimeoutMs, () => reject(new SignInTimeoutError()))),
  );
}

function start(ctx: FlowContext, redirectOnBlocked: boolean, opened?: Window | null): Promise<SessionRecord> {
  if (ctx.pending !== null) {
    try {
      ctx.pending.popup.focus();
    } catch {
      // Focus is a courtesy.
    }
    return ctx.pending.promise;
  }
  const { opts, host } = ctx;
  const attempt = newAttempt(opts, host);
  const popup = opened === undefined ? openBlankPopup(host.open) : opened;
  if (popup === null) {
    return redirectOnBlocked && ctx.inbox.sameOriginCallback
      ? redirect(ctx)
      : Promise.reject(new PopupBlockedError());
  }
  const signIn = pendingSignIn(attempt, popup);
  ctx.pending = signIn;
  signIn.stops.push(
    later(opts.signInTimeoutMs, () => fail(ctx, signIn, new SignInTimeoutError())),
    watchPopup(popup, (why) => onGone(ctx, signIn, why)),
  );
  authorizeUrlFor(opts, host, attempt).then(
    (url) => {
      if (ctx.pending !== signIn) return;
      try {
        popup.location.replace(url);
      } catch {
        fail(ctx, signIn, popupGone("closed"));
      }
    },
    (error: unknown) => fail(ctx, signIn, error),
  );
  return signIn.promise;
}

async function completeRedirect(ctx: FlowContext): Promise<SessionRecord | null> {
  const { opts } = ctx;
  const storage = ctx.host.storage("session");
  if (storage === null) return null;
  const answer = takeRedirectAnswer(storage, opts.clientId, opts.portal);
  if (answer === null) return null;
  if (typeof answer === "string") {
    ctx.inbox.ignored[answer] += 1;
    return null;
  }
  return exchange(ctx, answer.message.result, { ...opts, ...answer.flow, tokens: ctx.tokens });
}

/**
 * Creates the sign-in machinery once its token endpoint has loaded (on first use); it takes the
 * callback inbox over until `destroy()`.
 */
export async function createSignInFlow(deps: SignInFlowDeps): Promise<SignInFlow> {
  const { inbox } = deps;
  const ctx: FlowContext = { ...deps, tokens: await deps.endpoint.get(), stops: [], pending: null };
  inbox.takeOver((event, viaChannel) => onMessage(ctx, event, viaChannel));

  return {
    start: (redirectOnBlocked, popup) => start(ctx, redirectOnBlocked, popup),
    redirect: () => redirect(ctx),
    completeRedirect: () => completeRedirect(ctx),
    destroy(error) {
      if (ctx.pending !== null) fail(ctx, ctx.pending, error);
      inbox.close();
      for (const stop of ctx.stops) stop();
    },
  };
}
