/**
 * Hands the callback message to the shell that started the sign-in, and to nobody else
 * (docs/protocol.md §1): redirect mode first, then the opener (one post per allowed origin), then a
 * same-origin BroadcastChannel when the opener is gone. Side effects only through `HandoverEnv`.
 */
import { type CallbackMessage, REDIRECT_STATE_PREFIX } from "../protocol/callbackMessage.ts";
import { decideRedirect, type RedirectStorage } from "./redirect.ts";

/** The window the message is posted to: `window.opener`. */
export interface MessageTarget {
  readonly closed: boolean;
  /** Readable only when same-origin: reading `origin` of a cross-origin opener throws. */
  readonly location?: { readonly origin: string };
  postMessage(message: unknown, targetOrigin: string): void;
}

/** Everything the hand-over touches, so tests can pass fakes and the page passes the real thing. */
export interface HandoverEnv {
  /** The callback's own URL after the answer was stripped (base for `returnTo`). */
  readonly href: string;
  /** The callback's own origin. */
  readonly origin: string;
  readonly opener: MessageTarget | null;
  /** Exact origins from `allowedOpenerOrigins`, never `*`. */
  readonly allowedOrigins: readonly string[];
  /** sessionStorage, or null where reading it throws; asked for only where a redirect may be pending. */
  storage(): RedirectStorage | null;
  /** Posts on the shared BroadcastChannel (same-origin shells only). */
  broadcast(message: CallbackMessage): void;
  /** Replaces the current page (no history entry): `location.replace`. */
  navigate(url: string): void;
  /** The page runs inside a frame (`window.top !== window`). */
  readonly framed: boolean;
}

/** How the message left the page, or why it could not. */
export type HandoverResult =
  | { readonly kind: "redirected" }
  | { readonly kind: "posted" }
  | { readonly kind: "broadcast" }
  | { readonly kind: "failed"; readonly reason: string };

/** The opener's origin if the browser lets this page read it (same origin), else null. */
function readableOrigin(opener: MessageTarget): string | null {
  try {
    return opener.location?.origin ?? null;
  } catch {
    return null;
  }
}

/**
 * The targetOrigins to post to: just the own origin for a same-origin opener; otherwise every
 * other allowed origin, since a cross-origin opener's origin cannot be read. (Fewer mismatched
 * posts also means fewer "target origin does not match" warnings in the shell's console.)
 */
function targetOrigins(opener: MessageTarget, env: HandoverEnv): readonly string[] {
  const openerOrigin = readableOrigin(opener);
  if (openerOrigin !== null) return env.allowedOrigins.filter((origin) => origin === openerOrigin);
  return env.allowedOrigins.filter((origin) => origin !== env.origin);
}

/**
 * Posts `message` to the opener once per target origin. The browser drops a post whose
 * targetOrigin is not the opener's current origin (it only logs a console warning, and the
 * message never reaches any page), so at most one of these posts is delivered: the opener
 * receives exactly one message, and only if its origin is allowed.
 */
function postToOpener(opener: MessageTarget, origins: readonly string[], message: CallbackMessage): void {
  for (const origin of origins) {
    try {
      opener.postMessage(message, origin);
    } catch {
      // A post that throws (e.g. an opener torn down meanwhile) must not stop the page.
    }
  }
}

/** Delivers `message` by the first hand-over that applies. Never throws. */
export function handOver(message: CallbackMessage, env: HandoverEnv): HandoverResult {
  // Sign-in answers arrive in a popup or a full page, never in a frame: a framed callback is
  // someone else's page driving it (clickjacking), and hands nothing to anyone.
  if (env.framed) return { kind: "failed", reason: "the sign-in page cannot run inside a frame" };
  const opener = env.opener !== null && !env.opener.closed ? env.opener : null;
  // A redirect record can only be waiting for a state its shell marked as a redirect's, or, from a
  // shell that did not mark its redirects yet, in a tab without an opener: a popup's answer goes to
  // its opener without first paying for sessionStorage.
  if (opener === null || message.state.startsWith(REDIRECT_STATE_PREFIX)) {
    const redirect = decideRedirect(env.storage(), message, env.href);
    if (redirect.kind === "refused") return { kind: "failed", reason: redirect.reason };
    if (redirect.kind === "return") {
      try {
        env.navigate(redirect.url);
        return { kind: "redirected" };
      } catch {
        return { kind: "failed", reason: "the page to return to cannot be opened" };
      }
    }
  }
  if (opener !== null) {
    postToOpener(opener, targetOrigins(opener, env), message);
    return { kind: "posted" };
  }
  try {
    env.broadcast(message);
    return { kind: "broadcast" };
  } catch {
    return { kind: "failed", reason: "the page that started the sign-in cannot be reached" };
  }
}
