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
import type { TokenEndpoint } from "../signin/tokenEndpoint.ts";
import type { SessionRecord } from "../types.ts";
import type { EpochCheck, SessionEpoch } from "./epoch.ts";
import { isRefreshable, isUsable, refreshGrantOf } from "./expiry.ts";

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
  /** The session's epoch: a refresh whose epoch ended before the answer came is dropped. */
  epoch: Pick<SessionEpoch, "mark">;
  /** Takes the tokens of a dropped answer (the refresh token only when the portal issued a new one). */
  discard(answer: SessionRecord): void;
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

/** Creates the refresher. */
export function createRefresher(deps: RefresherDeps): Refresher {
  let running: { promise: Promise<RefreshOutcome | null>; current: EpochCheck } | null = null;

  const grantOf = (record: SessionRecord | null) => refreshGrantOf(record, deps.now());

  const work = async (staleToken: string, current: EpochCheck): Promise<RefreshOutcome | null> => {
    // The session ended while this refresh waited for the lock: there is nothing left to renew.
    if (!current()) return null;
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
      throw new PortalError("The session cannot be renewed silently.", 498);
    }
    const answer = await deps.tokens.refresh(latest, grant);
    if (current()) return { record: answer, adopted: false };
    // With `refresh_token` the answer only carries the spent refresh token over: not the answer's own.
    deps.discard(answer.refreshToken === latest.refreshToken ? { session: answer.session } : answer);
    return null;
  };

  return {
    canRefresh: (record) => isRefreshable(record, deps.now()),
    refresh(staleToken) {
      if (running?.current()) return running.promise;
      const current = deps.epoch.mark();
      const promise = new Promise<RefreshOutcome | null>((resolve, reject) => {
        const underLock = async () => {
          let outcome: RefreshOutcome | null;
          try {
            outcome = await work(staleToken, current).catch((error: unknown) => {
              if (current()) throw error;
              return null; // the failure of a session that is gone
            });
            if (outcome !== null) deps.publish(outcome);
            resolve(outcome);
          } catch (error) {
            reject(error);
            return;
          }
          if (outcome !== null) await new Promise((linger) => setTimeout(linger, LOCK_LINGER_MS));
        };
        const locks = deps.locks;
        const held = locks
          ? locks.request(deps.lockName, { signal: AbortSignal.timeout(LOCK_WAIT_MS) }, underLock)
          : underLock();
        // The lock never came (timeout): the refresh fails like any other, unless its session is gone.
        held.catch((error: unknown) => (current() ? reject(error) : resolve(null)));
      }).finally(() => {
        if (running?.promise === promise) running = null;
      });
      running = { promise, current };
      return promise;
    },
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
