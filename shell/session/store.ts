/**
 * Where the session lives between page loads: sessionStorage (per tab), localStorage (per origin)
 * or nowhere ("memory"). One key per portal and client id; an expired or malformed entry is
 * deleted when read.
 */
import type { SessionRecord } from "../types.ts";
import { isUsable } from "./expiry.ts";
import { parseSessionRecord } from "./record.ts";

/** Prefix of the storage key of a session. */
export const SESSION_KEY_PREFIX = "arcgis-auth-shell:session:";

/** The storage key of the session of `clientId` at `portal`. */
export function sessionKey(portal: string, clientId: string): string {
  return `${SESSION_KEY_PREFIX}${clientId}@${portal}`;
}

/** Persistence of one session. */
export interface SessionStore {
  /** The stored record while usable; an unusable or malformed one is removed. */
  read(): SessionRecord | null;
  write(record: SessionRecord): void;
  clear(): void;
}

/** A store over `area` (null = memory only: nothing survives the page). */
export function createSessionStore(
  area: Storage | null,
  key: string,
  portal: string,
  now: () => number,
): SessionStore {
  const attempt = <T>(run: () => T): T | undefined => {
    try {
      return run();
    } catch {
      return undefined; // quota, privacy mode: the session still works in memory
    }
  };
  return {
    read() {
      if (area === null) return null;
      const raw = attempt(() => area.getItem(key));
      if (raw == null) return null;
      const record = parseSessionRecord(
        attempt(() => JSON.parse(raw) as unknown),
        portal,
      );
      if (record === null || !isUsable(record.session.expires, now())) {
        attempt(() => area.removeItem(key));
        return null;
      }
      return record;
    },
    write(record) {
      if (area !== null) attempt(() => area.setItem(key, JSON.stringify(record)));
    },
    clear() {
      if (area !== null) attempt(() => area.removeItem(key));
    },
  };
}
