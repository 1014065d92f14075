/** A stored or tab-shared session record: anything read back is validated first (protocol/tabs.schema.ts). */
import { sessionRecordSchema } from "../../protocol/tabs.schema.ts";
import type { ArcGISCredential, Session, SessionRecord } from "../types.ts";

/** The record if `value` is one for `portal`, else null. */
export function parseSessionRecord(value: unknown, portal: string): SessionRecord | null {
  const parsed = sessionRecordSchema.safeParse(value);
  return parsed.success && parsed.data.session.portal === portal ? parsed.data : null;
}

/**
 * Whether another tab's `refreshed` record renews `current`: only a session this tab holds, of the
 * same user, and only forward in time. A tab that signed out, or that holds another user's
 * session, never takes a refresh that was under way for the session it left.
 */
export function renewsSession(current: SessionRecord | null, refreshed: SessionRecord): boolean {
  return (
    current !== null &&
    current.session.username === refreshed.session.username &&
    refreshed.session.expires > current.session.expires
  );
}

/** The session as `IdentityManager.registerToken` wants it (docs/arcgis.md §4: `server` is the portal without `/sharing/rest`). */
export function credentialOf(session: Session | null): ArcGISCredential | null {
  if (!session) return null;
  const { token, username, ssl, expires, portal } = session;
  return { token, userId: username, server: portal.replace(/\/sharing\/rest$/i, ""), ssl, expires };
}
