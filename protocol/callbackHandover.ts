/**
 * Where a callback message goes when `window.opener` cannot take it (docs/protocol.md §1): the
 * BroadcastChannel of a same-origin shell, or sessionStorage for a full-page redirect. Apart from
 * callbackMessage.ts because a shell's first load needs these names only (to listen on the channel,
 * to see whether a redirect left an answer).
 */

/** BroadcastChannel on which a callback without an opener hands its message to a same-origin shell. */
export const CALLBACK_CHANNEL = "arcgis-auth-shell/callback";

/** sessionStorage key under which the callback leaves its message for `handleRedirect()`. */
export const REDIRECT_RESULT_KEY = "arcgis-auth-shell:redirect-result";
