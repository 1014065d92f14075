/**
 * The ArcGIS embedded-app protocol (docs/protocol.md §5), for children that are not ours:
 * `@esri/arcgis-rest-request`'s `ArcGISIdentityManager.fromParent()` and the ArcGIS Maps SDK's
 * built-in embedded child. The message formats are ArcGIS's; zod-free, the shell's schema is
 * embedded.schema.ts.
 *
 * `{ type: "arcgis:auth:requestCredential" }` (embedded.schema.ts) — sender: a child frame, to the
 * origin its URL names in `EMBEDDED_ORIGIN_PARAM`. Receiver (the shell) checks: `event.origin` is
 * in `childOrigins`, `event.source` is a frame of this page, and the message has this `type`;
 * everyone else gets silence.
 * `arcgis:auth:credential` / `arcgis:auth:error` (built below) — sender: the shell, to the asking
 * frame at its origin, one message per ask. Receiver: the ArcGIS child, which takes the first
 * message it gets and rethrows an error with its `name` (`tokenExpiredError`, as ArcGIS hosts send).
 */

/** Query parameter of the child's page URL: the origin of the parent to ask. */
export const EMBEDDED_ORIGIN_PARAM = "arcgis-auth-origin";
/** Query parameter of the child's page URL: the portal (the Maps SDK child needs it). */
export const EMBEDDED_PORTAL_PARAM = "arcgis-auth-portal";

/** What `IdentityManager.registerToken` / the ArcGIS embedded-app protocol expect (docs/arcgis.md §4). */
export interface ArcGISCredential {
  token: string;
  userId: string;
  /** The portal WITHOUT `/sharing/rest`. */
  server: string;
  ssl: boolean;
  expires: number;
}

/** The success answer; the credential is copied so nothing else of the caller's object travels. */
export const credentialMessage = (credential: ArcGISCredential) => ({
  type: "arcgis:auth:credential",
  credential: { ...credential },
});

/** The failure answer, with a message that carries no secret. */
export const authErrorMessage = (message: string) => ({
  type: "arcgis:auth:error",
  error: { name: "tokenExpiredError", message },
});
