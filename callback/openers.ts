/**
 * The allow-list of origins the callback may post its message to (SPEC §4.1): the exact origins
 * in `<meta name="arcgis-auth-shell:openers">` plus the page's own origin. Pure.
 */

/** Name of the `<meta>` element whose `content` lists the allowed opener origins. */
export const OPENERS_META_NAME = "arcgis-auth-shell:openers";

/** `entry` if it is exactly a serialized http(s) origin (no path, no trailing slash), else null. */
function exactOrigin(entry: string): string | null {
  let url: URL;
  try {
    url = new URL(entry);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  return url.origin === entry ? entry : null;
}

/**
 * Allowed target origins, own origin first, without duplicates. `content` is the meta's
 * space-separated list (null when the meta is missing); entries that are not exact origins
 * (`*`, paths, `null`, other schemes) are ignored, so a typo never widens the list.
 */
export function allowedOpenerOrigins(content: string | null, ownOrigin: string): string[] {
  const origins = new Set<string>();
  const own = exactOrigin(ownOrigin);
  if (own !== null) origins.add(own);
  for (const entry of (content ?? "").split(/\s+/)) {
    const origin = exactOrigin(entry);
    if (origin !== null) origins.add(origin);
  }
  return [...origins];
}
