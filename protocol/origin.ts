/**
 * The one place where origins and URLs that cross a boundary are parsed (docs/protocol.md
 * "Origins and URLs"). Everything is decided on `new URL(...)`'s parse, the parse `fetch` and
 * `postMessage` use themselves, so a look-alike string cannot be read one way here and another
 * way where it is used. Pure and zod-free: the callback page, the SDK and the shell all use it.
 */

import { isHttp, toUrl } from "./url.ts";

export { isHttp, toUrl };

/**
 * `value` as an absolute http(s) URL without userinfo; null for anything else. Userinfo is
 * refused: the classic `https://www.arcgis.com@evil.com/` look-alike, and credentials have no
 * place in a URL a token is decided for.
 */
export function parseHttpUrl(value: unknown): URL | null {
  const url = toUrl(value);
  return url && isHttp(url) && !url.username && !url.password ? url : null;
}

/**
 * `value` parsed when it is exactly a serialized http(s) origin (`https://host.example`, lower
 * case, no default port, no path, no trailing slash), else null. A `postMessage` target and an
 * `event.origin` check compare exact strings, so nothing looser may pass for an origin.
 */
export function exactOrigin(value: unknown): URL | null {
  const url = toUrl(value);
  return url && isHttp(url) && url.origin === value ? url : null;
}

/**
 * `target` resolved against `base`, only if it is http(s) and on `base`'s origin; null otherwise
 * (also for an empty or non-string `target`). A return address read from storage could have been
 * written by anything on this origin, but must never send the browser to another site.
 */
export function sameOriginUrl(target: unknown, base: string): string | null {
  const from = toUrl(base);
  const url = from && target !== "" ? toUrl(target, from) : null;
  return url && isHttp(url) && url.origin === from?.origin ? url.href : null;
}

/** `url` without its fragment (throws on a string that is not an absolute URL). */
export function withoutFragment(url: string): string {
  const parsed = new URL(url);
  parsed.hash = "";
  return parsed.href;
}

/**
 * Whether `hostname` (as `URL` serializes it) names this machine: `localhost`, `*.localhost`,
 * 127.0.0.0/8, `[::1]`, and the addresses that also reach it (`0.0.0.0`, `[::]`, IPv4-mapped
 * 127.0.0.0/8). A trailing dot names the same host.
 */
export function isLoopbackHostname(hostname: string): boolean {
  const name = hostname.endsWith(".") ? hostname.slice(0, -1) : hostname;
  return (
    name === "localhost" ||
    name.endsWith(".localhost") ||
    /^127\.\d+\.\d+\.\d+$/.test(name) ||
    name === "0.0.0.0" ||
    name === "[::1]" ||
    name === "[::]" ||
    /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/.test(name)
  );
}

const ENCODED_SEPARATOR = /%(2f|5c|2e)/i;

/**
 * Whether the string `url` has a percent-encoded `/`, `\` or `.` before its query (minus the tabs
 * and newlines URL parsing drops): a server or proxy that decodes them sees another path than the
 * one a token was decided for (`/arcgis/rest/services/..%2f..%2fother`), and parsing resolves
 * `%2e%2e` segments away, so the string is read as given.
 */
export const encodesSeparator = (url: string): boolean =>
  ENCODED_SEPARATOR.test(url.replace(/[\t\n\r]/g, "").split(/[?#]/)[0] as string);

/** `encodesSeparator` on the string `raw` or on its parse `parsed` (what `fetch` sends). */
export const hasEncodedSeparator = (raw: string, parsed: URL): boolean =>
  ENCODED_SEPARATOR.test(parsed.pathname) || encodesSeparator(raw);
