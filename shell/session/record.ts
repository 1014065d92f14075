/** A stored or tab-shared session record: anything read back is validated first (protocol/tabs.schema.ts). */
import { sessionRecordSchema } from "../../protocol/tabs.schema.ts";
import type { SessionRecord } from "../types.ts";

/** The record if `value` is one for `portal`, else null. */
export function parseSessionRecord(value: unknown, portal: string): SessionRecord | null {
  const parsed = sessionRecordSchema.safeParse(value);
  return parsed.success && parsed.data.session.portal === portal ? parsed.data : null;
}

/** The later-ending of two records (either may be null). */
export function newestRecord(a: SessionRecord | null, b: SessionRecord | null): SessionRecord | null {
  if (a === null) return b;
  if (b === null) return a;
  return b.session.expires > a.session.expires ? b : a;
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
