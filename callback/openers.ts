/**
 * The allow-list of origins the callback may post its message to (docs/protocol.md §1): the exact origins
 * in `<meta name="arcgis-auth-shell:openers">` plus the page's own origin. Pure.
 */
import { exactOrigin, isLoopbackHostname } from "../protocol/origin.ts";

/** Name of the `<meta>` element whose `content` lists the allowed opener origins. */
export const OPENERS_META_NAME = "arcgis-auth-shell:openers";

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
