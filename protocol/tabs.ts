/**
 * Session sync between the tabs of one origin (docs/protocol.md §4), over the BroadcastChannel
 * named `TAB_CHANNEL_PREFIX` + the session key (portal and client id). A BroadcastChannel is
 * same-origin by construction, so the refresh token may travel on it; nothing else does.
 * Zod-free; the shell's schemas are tabs.schema.ts.
 *
 * Sender and receiver: the shell in each tab. Every receiver validates the message and the record
 * (for its own portal) before it acts: `session` is adopted as docs/behaviour.md "Tabs" says,
 * `signed-out` clears the session, `ask` is answered with a usable record, and an `answer` is
 * taken only by the tab whose id is `to`, within `ASK_TIMEOUT_MS`.
 */

/** Prefix of the tab channel's name; the session key follows. */
export const TAB_CHANNEL_PREFIX = "arcgis-auth-shell/tabs:";
/** How long a new tab waits for another tab's answer. */
export const ASK_TIMEOUT_MS = 300;

/** The signed-in user's portal session. `expires` is epoch milliseconds. */
export interface Session {
  token: string;
  expires: number;
  username: string;
  ssl: boolean;
  /** The portal's REST root, e.g. `https://www.arcgis.com/sharing/rest`. */
  portal: string;
}

/**
 * What the shell stores and shares between tabs: the public session plus, for PKCE, the refresh
 * token and when it ends (epoch ms). Never leaves the origin.
 */
export interface SessionRecord {
  session: Session;
  refreshToken?: string | undefined;
  refreshExpires?: number | undefined;
}

/** Every message on the tab channel. */
export type TabMessage =
  | { type: "session"; kind: "signed-in" | "refreshed"; record: SessionRecord }
  | { type: "signed-out" }
  | { type: "ask"; id: string }
  | { type: "answer"; to: string; record: SessionRecord };
