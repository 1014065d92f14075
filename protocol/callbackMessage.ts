/**
 * The one message the callback page sends to the shell that opened it (docs/protocol.md §1); the
 * channel and keys of the no-opener and full-page-redirect hand-overs are in callbackHandover.ts.
 * Zod-free: the callback page builds these messages from its own parser (which guarantees the
 * shape) and must not bundle the schema library; the shell checks them with
 * callbackMessage.schema.ts.
 *
 * Sender: the callback page only, once, to `window.opener` with an allow-listed `targetOrigin`
 * (or on `CALLBACK_CHANNEL`, or through sessionStorage in redirect mode).
 * Receiver (the shell) checks: `event.origin` is the origin of `redirectUri`; `event.source` is its
 * own popup (or the message came on its own channel); the strict schema; `state` is a pending
 * sign-in's, which is then spent.
 */

/** `type` of every callback message. */
export const CALLBACK_MESSAGE_TYPE = "arcgis-auth-shell/callback";

/**
 * sessionStorage key, suffixed with the sign-in's `state`, under which a shell that starts a
 * full-page redirect records `{ returnTo }` (a same-origin URL). Only a callback that finds this
 * record for its `state` goes back there.
 */
export const REDIRECT_PENDING_KEY_PREFIX = "arcgis-auth-shell:redirect:";

/**
 * How the `state` of a full-page redirect sign-in begins (a popup's state is base64url, which has
 * no "."). It tells the callback page that a record may be waiting in sessionStorage; a popup's
 * answer leaves without touching sessionStorage, whose first use costs the page a synchronous
 * round trip to the browser.
 */
export const REDIRECT_STATE_PREFIX = "r.";

/** Longest value the callback accepts for any parameter, and the shell for any text of the message. */
export const MAX_VALUE_LENGTH = 16 * 1024;

/** What the authorize endpoint answered. */
export type CallbackResult =
  | { kind: "token"; token: string; expires: number /* epoch ms */; username: string; ssl: boolean }
  | { kind: "code"; code: string } // PKCE: the shell exchanges it
  | { kind: "error"; error: string; description: string };

export interface CallbackMessage {
  type: typeof CALLBACK_MESSAGE_TYPE;
  version: 1;
  state: string;
  result: CallbackResult;
}
