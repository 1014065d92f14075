/**
 * Full-page redirect mode (docs/protocol.md §1): a shell that signs in without a popup records
 * `{ "returnTo": "<url>" }` in sessionStorage under REDIRECT_PENDING_KEY_PREFIX + state before it
 * leaves; the callback finds that record, leaves its message for `handleRedirect()` and goes back.
 */

import { REDIRECT_RESULT_KEY } from "../protocol/callbackHandover.ts";
import { type CallbackMessage, REDIRECT_PENDING_KEY_PREFIX } from "../protocol/callbackMessage.ts";
import { sameOriginUrl } from "../protocol/origin.ts";

/** The part of `Storage` the redirect hand-over uses (sessionStorage in the page, a fake in tests). */
export type RedirectStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;

/** What the redirect check found: no pending redirect, a refused one, or the URL to go back to. */
export type RedirectDecision =
  | { readonly kind: "none" }
  | { readonly kind: "refused"; readonly reason: string }
  | { readonly kind: "return"; readonly url: string };

/** Reads a storage key; a storage that throws (disabled, sandboxed) counts as empty. */
function readKey(storage: RedirectStorage, key: string): string | null {
  try {
    return storage.getItem(key);
  } catch {
    return null;
  }
}

/** Parses the pending record's JSON and picks `returnTo`; anything malformed gives undefined. */
function returnToOf(record: string): unknown {
  try {
    const parsed: unknown = JSON.parse(record);
    return typeof parsed === "object" && parsed !== null
      ? (parsed as { returnTo?: unknown }).returnTo
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Completes a redirect-mode sign-in when a record is pending for `message.state`: removes the
 * record (single use), stores the message for the shell and says where to go. Nothing is stored
 * when the record's `returnTo` is not same-origin.
 */
export function decideRedirect(
  storage: RedirectStorage | null,
  message: CallbackMessage,
  callbackHref: string,
): RedirectDecision {
  if (storage === null) return { kind: "none" };
  const pendingKey = REDIRECT_PENDING_KEY_PREFIX + message.state;
  const record = readKey(storage, pendingKey);
  if (record === null) return { kind: "none" };
  try {
    storage.removeItem(pendingKey);
    // The record could have been written by anything on this origin: go back on this origin only.
    const url = sameOriginUrl(returnToOf(record), callbackHref);
    if (url === null) return { kind: "refused", reason: "the page to return to is not on this site" };
    storage.setItem(REDIRECT_RESULT_KEY, JSON.stringify(message));
    return { kind: "return", url };
  } catch {
    return { kind: "refused", reason: "the browser's session storage is not available" };
  }
}
