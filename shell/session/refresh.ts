/**
 * Silent renewal with the PKCE refresh token: single-flight in this tab, and across tabs through a
 * Web Lock. After getting the lock the newest known record is read again (memory, which other tabs
 * update over the tab channel, and storage): if another tab already renewed the token that was
 * stale, that record is adopted and the portal is not asked. The renewed record is published
 * (applied and announced to the other tabs) while the lock is still held, and the lock is kept a
 * moment longer so the announcement reaches the tabs queued behind it before they look. Without
 * Web Locks, single-flight holds per tab only (a second tab may refresh too, which
 * `refresh_token` tolerates).
 */
import { PortalError } from "../../protocol/errors.ts";
import type { SessionRecord } from "../types.ts";
import type { EpochCheck } from "./epoch.ts";
import { isUsable, refreshGrantOf } from "./expiry.ts";
import type { SessionRefresherParts, SessionServiceDeps } from "./sessionService.ts";

/** Prefix of the name of the cross-tab refresh lock (of one session key). */
export const REFRESH_LOCK_PREFIX = "arcgis-auth-shell:refresh:";
/** Longest wait for the cross-tab refresh lock. */
export const LOCK_WAIT_MS = 35_000;
/** How long the lock is kept after publishing, for the tab-channel announcement to arrive first. */
export const LOCK_LINGER_MS = 100;

/** The later-ending of two records (either may be null). */
function newestRecord(a: SessionRecord | null, b: SessionRecord | null): SessionRecord | null {
  if (a === null) return b;
  if (b === null) return a;
  return b.session.expires > a.session.expires ? b : a;
}

/** A renewed record, and whether it came from another tab rather than from the portal. */
export interface RefreshOutcome {
  record: SessionRecord;
  adopted: boolean;
}

/** Single-flight silent refresh. */
export interface Refresher {
  /**
   * Renews the session whose token is `staleToken`; rejects with `PortalError` when it cannot.
   * Null when the session's epoch ended before the refresh was done (its answer was dropped).
   */
  refresh(staleToken: string): Promise<RefreshOutcome | null>;
  /** Whether `record` can be renewed silently at all. */
  canRefresh(record: SessionRecord | null): boolean;
}

/** What the refresher is built from: the session service's deps and the parts it hands over. */
export type RefresherDeps = Pick<SessionServiceDeps, "host" | "life" | "epoch" | "endpoint" | "discard">;

/**
 * The session service's `refresh`, made where its code loads (with the first refresh): it reads
 * the holder's record and the store, and adopts (applies and, unless another tab's, announces)
 * what it renews.
 */
export async function createSessionRefresher(
  deps: RefresherDeps,
  parts: SessionRefresherParts,
): Promise<Refresher["refresh"]> {
  const { host, life, epoch } = deps;
  const tokens = await deps.endpoint();
  let running: { promise: Promise<RefreshOutcome | null>; current: EpochCheck } | null = null;

  const work = async (staleToken: string, current: EpochCheck): Promise<RefreshOutcome | null> => {
    // The session ended while this refresh waited for the lock: there is nothing left to renew.
    if (!current()) return null;
    const latest = newestRecord(parts.holder.record, parts.store.read());
    if (
      latest !== null &&
      latest.session.token !== staleToken &&
      isUsable(latest.session.expires, host.now())
    ) {
      return { record: latest, adopted: true };
    }
    const grant = refreshGrantOf(latest, host.now());
    if (latest === null || grant === null) {
      throw new PortalError("The session cannot be renewed silently.", 498);
    }
    const answer = await tokens.refresh(latest, grant);
    if (current()) return { record: answer, adopted: false };
    // With `refresh_token` the answer only carries the spent refresh token over: not the answer's own.
    void deps.discard.revokeSession(
      answer.refreshToken === latest.refreshToken ? { session: answer.session } : answer,
    );
    return null;
  };

  return (staleToken) => {
    if (running?.current()) return running.promise;
    const current = epoch.mark();
    const promise = new Promise<RefreshOutcome | null>((resolve, reject) => {
      const underLock = async () => {
        const outcome = await work(staleToken, current);
        // Applied and announced under the lock, before the waiters resolve.
        if (outcome !== null && !life.over) parts.adopt("refreshed", outcome.record, !outcome.adopted);
        resolve(outcome);
        if (outcome !== null) await new Promise((linger) => setTimeout(linger, LOCK_LINGER_MS));
      };
      const held = host.locks
        ? host.locks.request(
            REFRESH_LOCK_PREFIX + parts.key,
            { signal: AbortSignal.timeout(LOCK_WAIT_MS) },
            underLock,
          )
        : underLock();
      // A failure, or a lock that never came (timeout), rejects the refresh, unless its session is
      // gone: the failure of a session that is gone reaches nobody.
      held.catch((error: unknown) => (current() ? reject(error) : resolve(null)));
    }).finally(() => {
      if (running?.promise === promise) running = null;
    });
    running = { promise, current };
    return promise;
  };
}

/**
 * The portal refused the refresh token itself (400 invalid grant, 498/499), as opposed to failing
 * to answer (5xx, network, timeout): only a refusal ends the refresh token.
 */
export function isRefreshRefused(error: unknown): boolean {
  const code = error instanceof PortalError ? error.arcgisCode : undefined;
  return code === 400 || code === 498 || code === 499;
}
