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
import { portalError } from "../errors.ts";
import type { RefreshGrant, TokenEndpoint } from "../signin/tokenEndpoint.ts";
import type { SessionRecord } from "../types.ts";
import { isUsable, refreshGrantFor } from "./expiry.ts";
import { newestRecord } from "./record.ts";

/** Longest wait for the cross-tab refresh lock. */
export const LOCK_WAIT_MS = 35_000;
/** How long the lock is kept after publishing, for the tab-channel announcement to arrive first. */
export const LOCK_LINGER_MS = 100;

/** A renewed record, and whether it came from another tab rather than from the portal. */
export interface RefreshOutcome {
  record: SessionRecord;
  adopted: boolean;
}

/** What the refresher reads and uses. */
export interface RefresherDeps {
  current(): SessionRecord | null;
  stored(): SessionRecord | null;
  tokens: Pick<TokenEndpoint, "refresh">;
  locks: LockManager | null;
  lockName: string;
  now(): number;
  /** Applies and announces the outcome; called under the lock, before the waiters resolve. */
  publish(outcome: RefreshOutcome): void;
}

/** Single-flight silent refresh. */
export interface Refresher {
  /** Renews the session whose token is `staleToken`; rejects with `PortalError` when it cannot. */
  refresh(staleToken: string): Promise<RefreshOutcome>;
  /** Whether `record` can be renewed silently at all. */
  canRefresh(record: SessionRecord | null): boolean;
}

/** Creates the refresher. */
export function createRefresher(deps: RefresherDeps): Refresher {
  let running: Promise<RefreshOutcome> | null = null;

  const grantOf = (record: SessionRecord | null): RefreshGrant | null =>
    record?.refreshToken ? refreshGrantFor(record.refreshExpires, deps.now()) : null;

  const work = async (staleToken: string): Promise<RefreshOutcome> => {
    const latest = newestRecord(deps.current(), deps.stored());
    if (
      latest !== null &&
      latest.session.token !== staleToken &&
      isUsable(latest.session.expires, deps.now())
    ) {
      return { record: latest, adopted: true };
    }
    const grant = grantOf(latest);
    if (latest === null || grant === null) {
      throw portalError("The session cannot be renewed silently.", { arcgisCode: 498 });
    }
    return { record: await deps.tokens.refresh(latest, grant), adopted: false };
  };

  return {
    canRefresh: (record) => grantOf(record) !== null,
    refresh(staleToken) {
      if (running !== null) return running;
      running = new Promise<RefreshOutcome>((resolve, reject) => {
        const underLock = async () => {
          try {
            const outcome = await work(staleToken);
            deps.publish(outcome);
            resolve(outcome);
          } catch (error) {
            reject(error);
            return;
          }
          await new Promise((linger) => setTimeout(linger, LOCK_LINGER_MS));
        };
        const locks = deps.locks;
        const held = locks
          ? locks.request(deps.lockName, { signal: AbortSignal.timeout(LOCK_WAIT_MS) }, underLock)
          : underLock();
        held.catch(reject); // the lock never came (timeout): the refresh fails like any other
      }).finally(() => {
        running = null;
      });
      return running;
    },
  };
}
