/**
 * The constants of the callback→shell hand-over (docs/protocol.md §1), without zod: the callback page
 * imports them from here so its bundle stays free of the schema library. message.ts re-exports
 * them for the shell.
 */

/** `type` of every callback message. */
export const CALLBACK_MESSAGE_TYPE = "arcgis-auth-shell/callback";

/** BroadcastChannel on which a callback without an opener hands its message to a same-origin shell. */
export const CALLBACK_CHANNEL = "arcgis-auth-shell/callback";

/**
 * sessionStorage key, suffixed with the sign-in's `state`, under which a shell that starts a
 * full-page redirect records `{ returnTo }` (a same-origin URL). Only a callback that finds this
 * record for its `state` goes back there.
 */
export const REDIRECT_PENDING_KEY_PREFIX = "arcgis-auth-shell:redirect:";

/** sessionStorage key under which the callback leaves its message for `handleRedirect()`. */
export const REDIRECT_RESULT_KEY = "arcgis-auth-shell:redirect-result";

/** Longest value the callback accepts for any parameter (docs/protocol.md §1). */
export const MAX_VALUE_LENGTH = 16 * 1024;
