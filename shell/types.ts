/** Public data types of the shell (README "API") and the record it keeps per session. */

/** The signed-in user's portal session. `expires` is epoch milliseconds. */
export interface Session {
  token: string;
  expires: number;
  username: string;
  ssl: boolean;
  /** The portal's REST root, e.g. `https://www.arcgis.com/sharing/rest`. */
  portal: string;
}

/** What `IdentityManager.registerToken` / the ArcGIS embedded-app protocol expect (docs/arcgis.md §4). */
export interface ArcGISCredential {
  token: string;
  userId: string;
  /** The portal WITHOUT `/sharing/rest`. */
  server: string;
  ssl: boolean;
  expires: number;
}

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

/**
 * What the shell stores and shares between tabs: the public session plus, for PKCE, the refresh
 * token and when it ends (epoch ms). Never leaves the origin.
 */
export interface SessionRecord {
  session: Session;
  refreshToken?: string | undefined;
  refreshExpires?: number | undefined;
}
