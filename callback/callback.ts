/**
 * The callback page's script: strips the answer from the URL, parses it, hands the message to
 * the shell that started the sign-in (handover.ts) and closes. Everything that can be pure lives
 * in parse.ts, openers.ts, redirect.ts and status.ts; this file is the edge that touches the page.
 */

import { CALLBACK_CHANNEL } from "../protocol/callbackHandover.ts";
import type { CallbackMessage } from "../protocol/callbackMessage.ts";
import { type HandoverResult, handOver, type MessageTarget } from "./handover.ts";
import { allowedOpenerOrigins, OPENERS_META_NAME } from "./openers.ts";
import { parseCallbackUrl } from "./parse.ts";
import type { RedirectStorage } from "./redirect.ts";
import { statusText } from "./status.ts";

/** Reads the answer, then removes it from the address bar and history before anything else runs. */
function takeAnswerFromUrl(): { search: string; hash: string } {
  const { search, hash } = location;
  try {
    history.replaceState(null, "", location.pathname);
  } catch {
    // Cannot fail for a same-document path; if a browser refuses, the page still must not throw.
  }
  return { search, hash };
}

/** sessionStorage, or null where merely touching it throws (storage disabled, sandboxed frame). */
function sessionStorageOrNull(): RedirectStorage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

/** Posts on the channel a same-origin shell listens to, then lets go of it. */
function broadcast(message: CallbackMessage): void {
  const channel = new BroadcastChannel(CALLBACK_CHANNEL);
  channel.postMessage(message);
  channel.close();
}

/** Shows `text` as plain text (never as HTML). */
function showStatus(text: string): void {
  const target = document.getElementById("status") ?? document.body;
  target.textContent = text;
}

/** Strip, parse, hand over, tell the user, close: the whole page, in that order. */
function run(): void {
  const { search, hash } = takeAnswerFromUrl();
  const outcome = parseCallbackUrl(search, hash, Date.now());
  let handover: HandoverResult | null = null;
  if (outcome.kind === "send") {
    const openersMeta = document.querySelector(`meta[name="${OPENERS_META_NAME}"]`);
    handover = handOver(outcome.message, {
      href: location.href,
      origin: location.origin,
      opener: window.opener as MessageTarget | null,
      allowedOrigins: allowedOpenerOrigins(openersMeta?.getAttribute("content") ?? null, location.origin),
      storage: sessionStorageOrNull,
      broadcast,
      navigate: (url) => location.replace(url),
      framed: window.top !== window,
    });
  }
  // The line is written first: where the browser refuses window.close() (a tab the user opened),
  // it is what the user sees.
  showStatus(statusText(outcome, handover));
  if (handover?.kind === "posted" || handover?.kind === "broadcast") window.close();
}

try {
  run();
} catch {
  showStatus(statusText({ kind: "unsendable", reason: "unexpected error" }, null));
}
