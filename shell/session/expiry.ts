/** When a session is usable, and when its timers fire: pure arithmetic on epoch milliseconds. */

/** A token is treated as expired this long before its `expires` (clock skew, requests in flight). */
export const EXPIRY_SKEW_MS = 30_000;
/** `expiring` fires this long before the end. */
export const EXPIRING_LEAD_MS = 5 * 60_000;
/** A refreshable session is renewed this long before it stops being usable (or halfway, if shorter). */
export const REFRESH_LEAD_MS = 5 * 60_000;
/** A refresh token closer than this to its end is replaced (`exchange_refresh_token`) rather than used. */
export const EXCHANGE_LEAD_MS = 24 * 60 * 60_000;
/**
 * Shortest wait before a refresh (or half the token's remaining life, if shorter): a portal that
 * issues tokens shorter than the skew must not send the shell into a refresh loop.
 */
export const MIN_REFRESH_DELAY_MS = 5_000;
/** Longest delay `setTimeout` honours. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** True while a token that ends at `expires` may still be handed out. */
export function isUsable(expires: number, now: number): boolean {
  return expires - EXPIRY_SKEW_MS > now;
}

/** Delays (ms from now) of a session's timers; null = no such timer. */
export interface ExpiryPlan {
  /** Silent refresh (only when the session can refresh). */
  refreshInMs: number | null;
  /** `expiring` event (only when the session cannot refresh; a failed refresh re-plans without it). */
  expiringInMs: number | null;
  /** `expired` event. */
  expiredInMs: number;
}

const delay = (ms: number) => Math.min(MAX_TIMER_MS, Math.max(0, Math.round(ms)));

/**
 * Plans the timers of a session ending at `expires`. A refreshable session refreshes before it stops
 * being usable: `REFRESH_LEAD_MS` ahead, or halfway through its usable time when that is shorter,
 * but not sooner than `MIN_REFRESH_DELAY_MS` (or half its life) from now.
 * A session that cannot refresh warns `EXPIRING_LEAD_MS` before the end (at once when closer).
 */
export function planExpiry(expires: number, now: number, canRefresh: boolean): ExpiryPlan {
  const usableLeft = expires - EXPIRY_SKEW_MS - now;
  const floor = Math.min(MIN_REFRESH_DELAY_MS, (expires - now) / 2);
  return {
    refreshInMs: canRefresh
      ? delay(Math.max(floor, usableLeft - Math.min(REFRESH_LEAD_MS, usableLeft / 2)))
      : null,
    expiringInMs: canRefresh ? null : delay(expires - EXPIRING_LEAD_MS - now),
    expiredInMs: delay(expires - now),
  };
}

/** What of a record decides whether it can be renewed silently. */
type Refreshable = { refreshToken?: string | undefined; refreshExpires?: number | undefined } | null;

/**
 * The grant a refresh of `record` would use at `now`: `refresh_token` normally (also when the
 * refresh token's end is unknown), `exchange_refresh_token` near its end, null once it is over
 * or when there is no refresh token (it cannot be renewed silently).
 */
export function refreshGrantOf(
  record: Refreshable,
  now: number,
): "refresh_token" | "exchange_refresh_token" | null {
  const ends = record?.refreshExpires;
  if (!record?.refreshToken || (ends !== undefined && !isUsable(ends, now))) return null;
  return ends !== undefined && ends - now < EXCHANGE_LEAD_MS ? "exchange_refresh_token" : "refresh_token";
}

/** Whether `record` can be renewed silently at `now` (a refresh token that is not about to end). */
export const isRefreshable = (record: Refreshable, now: number): boolean =>
  refreshGrantOf(record, now) !== null;
