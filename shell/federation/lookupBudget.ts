/**
 * How many `rest/info` lookups of server roots the shell does not know yet one app channel may
 * start: at most `limit` in any `windowMs` (sliding window). Beyond it the app gets
 * `UntrustedServerError` and no request goes out, so an app cannot use the shell to probe many
 * hosts (shell/README.md "Federation").
 */

/** New server roots one app channel may have looked up per minute. */
export const LOOKUPS_PER_MINUTE = 20;

/** Asked just before a lookup would start: true (and counted) when the caller may start it. */
export type LookupBudget = () => boolean;

/** A fresh budget: `limit` lookups per `windowMs`, on the clock `now`. */
export function createLookupBudget(
  now: () => number,
  limit = LOOKUPS_PER_MINUTE,
  windowMs = 60_000,
): LookupBudget {
  const started: number[] = [];
  return () => {
    const time = now();
    while (started.length > 0 && (started[0] as number) <= time - windowMs) started.shift();
    if (started.length >= limit) return false;
    started.push(time);
    return true;
  };
}
