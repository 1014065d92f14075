/**
 * The allow-list of origins the callback may post its message to (docs/protocol.md §1): the exact origins
 * in `<meta name="arcgis-auth-shell:openers">` plus the page's own origin. Pure.
 */

/** Name of the `<meta>` element whose `content` lists the allowed opener origins. */
export const OPENERS_META_NAME = "arcgis-auth-shell:openers";

/** `entry` parsed if it is exactly a serialized http(s) origin (no path, no trailing slash), else null. */
function exactOrigin(entry: string): URL | null {
  let url: URL;
  try {
    url = new URL(entry);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  return url.origin === entry ? url : null;
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

/**
 * Whether an entry of the list may receive the answer on a page served from `own`. An entry
 * over http cannot be trusted by a page served over https (anyone on the network can be that
 * origin), and an entry on a loopback address names whatever runs on the user's own machine,
 * which a deployed page must not trust; a page itself on loopback (development) may.
 */
function mayTrust(entry: URL, own: URL | null): boolean {
  if (own === null) return entry.protocol === "https:" && !isLoopbackHostname(entry.hostname);
  if (own.protocol === "https:" && entry.protocol === "http:") return false;
  return isLoopbackHostname(own.hostname) || !isLoopbackHostname(entry.hostname);
}

/**
 * Allowed target origins, own origin first, without duplicates. `content` is the meta's
 * space-separated list (null when the meta is missing); entries that are not exact origins
 * (`*`, paths, `null`, other schemes) or that `mayTrust` refuses are ignored, so a typo or a
 * development entry left in a deployed page never widens the list.
 */
export function allowedOpenerOrigins(content: string | null, ownOrigin: string): string[] {
  const origins = new Set<string>();
  const own = exactOrigin(ownOrigin);
  if (own !== null) origins.add(own.origin);
  for (const entry of (content ?? "").split(/\s+/)) {
    const origin = exactOrigin(entry);
    if (origin !== null && mayTrust(origin, own)) origins.add(origin.origin);
  }
  return [...origins];
}
