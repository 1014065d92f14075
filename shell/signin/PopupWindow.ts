/**
 * Noticing when the sign-in popup goes away (opening it: `openPopup.ts`).
 *
 * Why "closed" needs care: under Cross-Origin-Opener-Policy the browser severs the popup from its
 * opener when the popup commits a page of another browsing-context group, and from then on the
 * handle reads `closed === true` although the popup is alive; no property of the handle tells the
 * two apart (checked in Chromium 156). The difference is timing: a severed handle reads closed a
 * few milliseconds after the popup reaches the portal's origin (measured 4-14 ms), a user can only
 * close it after seeing the page. So a handle that reads `closed` before, or within
 * `SEVER_WINDOW_MS` of, the first time we saw the popup on another origin was severed; later, it
 * was closed. The caller decides what a severed popup means (with a same-origin callback the answer
 * still comes over the BroadcastChannel).
 */

export { openBlankPopup, POPUP_FEATURES } from "./openPopup.ts";

/** Poll interval once the popup has shown the portal for a while (user-close detection well within 1 s). */
export const POPUP_POLL_MS = 250;
/** Poll interval until then (to tell severance from a close). */
export const POPUP_EARLY_POLL_MS = 25;
/** A handle that reads closed this soon after the popup reached another origin was severed, not closed. */
export const SEVER_WINDOW_MS = 150;

/** Where the popup is, as far as the opener can tell. */
export type PopupReach = "closed" | "same-origin" | "other-origin";

/** Why a watched popup is gone. */
export type PopupGone = "closed" | "severed";

/** What the opener can see of the popup's state right now. */
export function reachOf(popup: Window): PopupReach {
  if (popup.closed) return "closed";
  try {
    void popup.location.href;
    return "same-origin";
  } catch {
    return "other-origin";
  }
}

/** Calls `onGone` once when the popup reads closed; returns the stop function. */
export function watchPopup(
  popup: Window,
  onGone: (why: PopupGone) => void,
  now = () => Date.now(),
): () => void {
  let otherOriginSince: number | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const poll = () => {
    const reach = reachOf(popup);
    const shownFor = otherOriginSince === undefined ? 0 : now() - otherOriginSince;
    if (reach === "closed") {
      timer = undefined;
      onGone(otherOriginSince === undefined || shownFor < SEVER_WINDOW_MS ? "severed" : "closed");
      return;
    }
    if (reach === "other-origin" && otherOriginSince === undefined) otherOriginSince = now();
    timer = setTimeout(poll, shownFor > SEVER_WINDOW_MS ? POPUP_POLL_MS : POPUP_EARLY_POLL_MS);
  };
  timer = setTimeout(poll, POPUP_EARLY_POLL_MS);
  return () => clearTimeout(timer);
}
