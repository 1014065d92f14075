/**
 * Pure URL policy of federation (docs/behaviour.md "Federation", docs/arcgis.md §5): what a URL is, seen from one portal.
 * Everything is decided on `new URL(...)`'s parse, the same parse `fetch` uses to pick where the
 * request (and its token) goes, so a look-alike string cannot be read one way here and sent
 * another way there. Whatever is not clearly ours is `other`, which never gets a token.
 */
import { hasEncodedSeparator, parseHttpUrl } from "../../protocol/origin.ts";
import { hostedEnvironment, type OnlineEnvironment, portalEnvironment } from "./onlineEnvironment.ts";
import type { UrlKind } from "./types.ts";

/** Where a portal lives: the URLs that get its token are `origin` + a path under `root`. */
export interface PortalLocation {
  /** e.g. `https://gis.city.gov` (scheme, lower-cased host, non-default port). */
  origin: string;
  /** `host[:port]`, for comparisons that ignore the scheme (owningSystemUrl). */
  host: string;
  /** The path before `/sharing`, without trailing slash: `""` or e.g. `/portal`. */
  root: string;
  /** The ArcGIS Online environment, or null for ArcGIS Enterprise and the local portal. */
  environment: OnlineEnvironment | null;
}

// `/rest/services` or `/rest/admin/services` as whole path segments; matched on the parsed path,
// so a query or fragment that mentions them does not count.
const serverPathPattern = /\/rest(?:\/admin)?\/services(?=\/|$)/i;
const sharingPathPattern = /\/sharing(?=\/|$)/i;

/** Where the portal `portal` (its REST root, e.g. `https://gis.city.gov/portal/sharing/rest`) lives; null if not an http(s) URL. */
export function locatePortal(portal: string): PortalLocation | null {
  const url = parseHttpUrl(portal.trim());
  if (!url) return null;
  const sharingAt = url.pathname.search(sharingPathPattern);
  const root = trimTrailingSlashes(sharingAt === -1 ? url.pathname : url.pathname.slice(0, sharingAt));
  // ArcGIS Online portals sit at the root of their host; a path there is not ArcGIS Online.
  const environment = root === "" ? portalEnvironment(url.hostname) : null;
  return { origin: url.origin, host: url.host, root, environment };
}

/**
 * What `url` is for the portal `portal` (a REST root string or a `locatePortal` result, which
 * callers that classify often compute once). Never throws: an unparsable URL is `other`.
 */
export function classifyUrl(url: string, portal: string | PortalLocation | null): UrlKind {
  const where = typeof portal === "string" ? locatePortal(portal) : portal;
  const parsed = parseHttpUrl(url);
  // An encoded separator may mean another path to whoever decodes it: no token at all.
  if (!parsed || hasEncodedSeparator(url, parsed)) return { kind: "other" };
  // Same origin (scheme, host, port) and a path under the portal's root: a different scheme is a
  // different origin, and `/portalX` is not under `/portal`.
  if (where && parsed.origin === where.origin && isUnderRoot(parsed.pathname, where.root))
    return { kind: "portal" };
  // ArcGIS Online is all-SSL: the portal token goes to hosted services over https on the default port only.
  if (
    where?.environment &&
    parsed.protocol === "https:" &&
    parsed.port === "" &&
    hostedEnvironment(parsed.hostname) === where.environment
  ) {
    return { kind: "hosted" };
  }
  const root = rootOfParsed(parsed);
  return root === null ? { kind: "other" } : { kind: "server", root };
}

function rootOfParsed(url: URL): string | null {
  const at = url.pathname.search(serverPathPattern);
  if (at === -1) return null;
  return url.origin + trimTrailingSlashes(url.pathname.slice(0, at));
}

function isUnderRoot(pathname: string, root: string): boolean {
  return root === "" || pathname === root || pathname.startsWith(`${root}/`);
}

function trimTrailingSlashes(path: string): string {
  let end = path.length;
  while (end > 0 && path[end - 1] === "/") end--;
  return path.slice(0, end);
}
