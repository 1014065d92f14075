/**
 * Which URLs get the portal token. Federation (`getToken(url)` for servers federated with the
 * portal, SPEC §5) arrives with the next issue and plugs in beside `isPortalUrl`.
 */

/** True when `url` is on the portal's own origin (its REST API, its home pages). */
export function isPortalUrl(portal: string, url: string): boolean {
  try {
    return new URL(url).origin === new URL(portal).origin;
  } catch {
    return false;
  }
}

/** The portal's root without `/sharing/rest`, as `ArcGISCredential.server` wants it. */
export function portalServer(portal: string): string {
  return portal.replace(/\/sharing\/rest$/i, "");
}
