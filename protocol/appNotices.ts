/**
 * The notices the shell sends an app beside Comlink on its port (docs/protocol.md §3; sender: the
 * shell only, no `id`, so Comlink ignores them). Apart from appChannel.ts because a shell's first
 * load needs the closed notice only (an app's channel closes at once when the shell cannot load).
 */

/** Shell → SDK on the port, outside Comlink: the session changed (`{ type, session }`). */
export const SESSION_NOTICE_TYPE = "arcgis-auth-shell/session";
/** Shell → SDK on the port, outside Comlink: the shell closed this channel (destroy or RELEASE). */
export const CLOSED_NOTICE_TYPE = "arcgis-auth-shell/closed";
