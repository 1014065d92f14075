/**
 * Pure trust policy: does a server's `owningSystemUrl` (from its `rest/info`) name this portal?
 * Matches what @esri/arcgis-rest-request 4.10.2's `isFederated` accepts, minus its looseness
 * (it builds a regex from the server's answer and tests it anywhere in the portal URL, so
 * `"arcgis.com"` or `"."` would pass):
 * - the scheme is ignored (rest-js explicitly allows http/https mismatches, and ArcGIS Online's
 *   own servers answer `http://www.arcgis.com`);
 * - host and path compare case-insensitively, trailing slashes tolerated;
 * - the owner must be the portal's host + path root (`https://gis.city.gov/portal` for
 *   `https://gis.city.gov/portal/sharing/rest`), or, on ArcGIS Online, the main portal of the
 *   portal's environment (`www.arcgis.com` also for `myorg.maps.arcgis.com`).
 */
import { parseHttpUrl } from "../../protocol/origin.ts";
import type { PortalLocation } from "./classifyUrl.ts";
import { canonicalPortalHost } from "./onlineEnvironment.ts";

/** Whether `owningSystemUrl` (any JSON value from `rest/info`) names the portal at `portal`. */
export function isOwnedByPortal(owningSystemUrl: unknown, portal: PortalLocation): boolean {
  if (typeof owningSystemUrl !== "string") return false;
  const owner = parseHttpUrl(owningSystemUrl.trim());
  if (!owner) return false;
  // An owner with a query or fragment is not a portal address; refuse rather than guess.
  if (owner.search !== "" || owner.hash !== "") return false;
  const claimed = ownerKey(owner.host, owner.pathname);
  if (claimed === ownerKey(portal.host, portal.root)) return true;
  return portal.environment !== null && claimed === canonicalPortalHost(portal.environment);
}

function ownerKey(host: string, path: string): string {
  return (host + path.replace(/\/+$/, "")).toLowerCase();
}
