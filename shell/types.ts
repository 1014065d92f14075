/** Public data types of the shell (README "API") and the record it keeps per session. */

// The session, its stored and tab-shared record and the ArcGIS credential cross tabs and frames:
// their shapes are part of the protocol.
export type { ArcGISCredential } from "../protocol/embedded.ts";

import type { Session } from "../protocol/tabs.ts";

export type { Session, SessionRecord } from "../protocol/tabs.ts";

/** Why the shell needs the user to sign in (again). */
export type AuthRequiredReason = "signed-out" | "expired" | "invalid-token";

/** Why the session ended: this tab's `signOut()`, another tab's, or the portal refusing it. */
export type SignedOutReason = "user" | "other-tab";

/** Events of `shell.on()`. */
export interface ShellEvents {
  "signed-in": (session: Session) => void;
  "signed-out": (reason: SignedOutReason) => void;
  refreshed: (session: Session) => void;
  expiring: (msLeft: number) => void;
  expired: () => void;
  "auth-required": (reason: AuthRequiredReason) => void;
  error: (error: Error) => void;
}
