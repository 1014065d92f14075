/**
 * The URL of an unmodified ArcGIS app for an iframe of a page that runs the shell (README
 * "Embedded ArcGIS apps"): the Maps SDK takes part in the embedded-app protocol only when its page
 * URL carries `arcgis-auth-origin` (whom to ask) and `arcgis-auth-portal` (for which portal).
 */
import { EMBEDDED_ORIGIN_PARAM, EMBEDDED_PORTAL_PARAM } from "../../protocol/embedded.ts";
import { InvalidOptionsError } from "../../protocol/errors.ts";
import { isHttp, toUrl } from "../../protocol/url.ts";
import { httpUrl } from "../options.ts";

/** Where the app asks: the shell's page origin, and the portal of the shell's session. */
export interface EmbeddedAppUrlOptions {
  /** The origin of the page that runs the shell, exactly (`https://host.example`, no path). */
  parentOrigin: string;
  /** The shell's `portal` (e.g. `https://www.arcgis.com/sharing/rest`). */
  portal: string;
}

/**
 * `appUrl` with `arcgis-auth-origin` and `arcgis-auth-portal` set (replacing any already there),
 * encoded; its other query parameters and fragment stay. Throws `InvalidOptionsError` (code
 * `invalid-options`) when `appUrl` or `portal` is not an absolute http(s) URL or `parentOrigin`
 * is not an origin.
 */
export function embeddedAppUrl(appUrl: string | URL, options: EmbeddedAppUrlOptions): string {
  const url = toUrl(String(appUrl));
  if (url === null) throw new InvalidOptionsError("appUrl must be an absolute URL");
  if (!isHttp(url)) throw new InvalidOptionsError("appUrl must be an http(s) URL");
  const { parentOrigin, portal } = options ?? {};
  if (httpUrl(parentOrigin, "parentOrigin").origin !== parentOrigin)
    throw new InvalidOptionsError(`parentOrigin: ${parentOrigin} is not an origin`);
  const portalUrl = httpUrl(portal, "portal");
  if (portalUrl.search || portalUrl.username || portalUrl.password)
    throw new InvalidOptionsError("portal must have no query and no user info");
  const ours = new URLSearchParams({
    [EMBEDDED_ORIGIN_PARAM]: parentOrigin,
    [EMBEDDED_PORTAL_PARAM]: portalUrl.href.replace(/\/+$/, ""),
  });
  // By hand, not `searchParams.set`: that would re-encode the app's own parameters. Each part
  // holds one parameter; its name is compared decoded.
  const kept = url.search
    .slice(1)
    .split("&")
    .filter((part) => part !== "" && !ours.has([...new URLSearchParams(part).keys()][0] as string));
  url.search = [...kept, ours].join("&");
  return url.href;
}
