/**
 * ArcGIS Online environments read from host names (docs/arcgis.md §5). The same mapping as
 * @esri/arcgis-rest-request 4.10.2 (`getOnlineEnvironment`, `normalizeOnlinePortalUrl`), but on
 * parsed host names with anchored patterns: rest-js tests the raw URL string with an unanchored
 * `\S+\.arcgis\.com` regex, which `https://evil.com/x.arcgis.com/` would also satisfy.
 */

/** An ArcGIS Online environment: a token of one environment is worthless (and not sent) in another. */
export type OnlineEnvironment = "production" | "dev" | "qa";

// `www`/`dev`/`devext`/`qa`/`qaext` are the environments' own portals; `<org>.maps[dev|devext|qa|qaext]`
// are organisation portals of the same environments (rest-js's org-portal pattern).
const portalHostPattern =
  /^(?:(www|dev|devext|qa|qaext)|[a-z0-9-]+\.maps(dev|devext|qa|qaext)?)\.arcgis\.com$/;

// Hosted feature services live on `services.arcgis.com`, `services1..N`, and `servicesdev*` /
// `servicesqa*` for the other environments (rest-js: the subdomain "includes" dev or qa).
const hostedHostPattern = /^services(dev|qa)?\d*\.arcgis\.com$/;

function environmentOf(label: string | undefined): OnlineEnvironment {
  if (label === undefined || label === "www") return "production";
  return label.startsWith("dev") ? "dev" : "qa";
}

/** The environment of an ArcGIS Online portal host name (lower case), or null for any other host. */
export function portalEnvironment(hostname: string): OnlineEnvironment | null {
  const match = portalHostPattern.exec(hostname);
  if (!match) return null;
  return environmentOf(match[1] ?? match[2]);
}

/** The environment of an ArcGIS Online hosted-services host name (lower case), or null. */
export function hostedEnvironment(hostname: string): OnlineEnvironment | null {
  const match = hostedHostPattern.exec(hostname);
  if (!match) return null;
  return environmentOf(match[1]);
}

/**
 * The host of an environment's main portal. Servers hosted by ArcGIS Online name it as their
 * `owningSystemUrl`, whichever organisation portal the user signed in to.
 */
export function canonicalPortalHost(environment: OnlineEnvironment): string {
  // `www.arcgis.com`, `devext.arcgis.com`, `qaext.arcgis.com`.
  return `${environment === "production" ? "www" : `${environment}ext`}.arcgis.com`;
}
