/**
 * What a failed silent refresh means (docs/behaviour.md "Session"), as a pure decision: only the
 * portal's own "no" to the refresh token ends it. A 5xx, a network failure or a timeout is a blip:
 * the refresh token stays, and the waiters get the typed error instead of being sent to an
 * interactive sign-in.
 */
import { isRefreshRefused } from "../session/refresh.ts";

/** The decision about one failed refresh. */
export type RefreshFailure =
  /** Another tab renewed the session meanwhile: its token is the answer. */
  | { kind: "renewed-elsewhere"; token: string }
  /** The portal refused the refresh token: drop it; the waiters go to an interactive sign-in. */
  | { kind: "refused" }
  /** The portal did not answer properly: keep the refresh token; the waiters get the error. */
  | { kind: "blip" };

/** Judges the failure of the refresh of `staleToken`, given the token usable now (if any). */
export function judgeRefreshFailure(
  error: unknown,
  staleToken: string,
  currentToken: string | null,
): RefreshFailure {
  if (currentToken !== null && currentToken !== staleToken)
    return { kind: "renewed-elsewhere", token: currentToken };
  return isRefreshRefused(error) ? { kind: "refused" } : { kind: "blip" };
}
