/**
 * What a failed silent refresh means (docs/behaviour.md "Session"), as a pure decision: only the
 * portal's own "no" to the refresh token ends it. A 5xx, a network failure or a timeout is a blip:
 * the refresh token stays, and the waiters get the typed error instead of being sent to an
 * interactive sign-in.
 */
import { isRefreshRefused } from "../session/refresh.ts";

/**
 * The decision about one failed refresh: another tab renewed the session meanwhile (`token`, its
 * token, is the answer), or not; then `refused` says whether the portal refused the refresh token
 * (drop it; the waiters go to an interactive sign-in) or did not answer properly (keep it; the
 * waiters get the error).
 */
export type RefreshFailure = { token: string } | { refused: boolean };

/** Judges the failure of the refresh of `staleToken`, given the token usable now (if any). */
export function judgeRefreshFailure(
  error: unknown,
  staleToken: string,
  currentToken: string | null,
): RefreshFailure {
  if (currentToken !== null && currentToken !== staleToken) return { token: currentToken };
  return { refused: isRefreshRefused(error) };
}
