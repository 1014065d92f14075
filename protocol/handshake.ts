/**
 * The iframe handshake (docs/protocol.md §2): how an SDK in a cross-origin frame gets its private
 * `MessagePort` from the shell. Zod-free for the SDK; the shell's schema is handshake.schema.ts.
 *
 * `CONNECT_TYPE` — sender: the child frame, to `window.parent` with `targetOrigin = parentOrigin`
 * (an exact origin, `exactOrigin` in origin.ts). Receiver (the shell) checks: `event.origin` is
 * exactly one of `childOrigins`, `event.source` is a frame of this page (any depth), and the
 * message is exactly `{ type: CONNECT_TYPE, version: 1 }`; everyone else gets silence.
 * `CONNECTED_TYPE` — sender: the shell, to `event.origin` of the request, with one transferred
 * port. Receiver (the child) checks: `event.source` is `window.parent`, `event.origin` is the
 * origin it named, `type` is `CONNECTED_TYPE`, `version` is 1 and exactly one port came with it.
 */

/** Iframe child → parent, the first message of the handshake. */
export const CONNECT_TYPE = "arcgis-auth-shell/connect";
/** Parent → child: the handshake answer that carries the private `MessagePort`. */
export const CONNECTED_TYPE = "arcgis-auth-shell/connected";
