import type { Context, Hono } from "hono";
import { describeUser, ORG_ID } from "./accounts.ts";
import { arcgisError } from "./envelopes.ts";
import { param, type RequestParams, readParams, tokenOf } from "./params.ts";
import type { PortalStore } from "./store.ts";
import { checkPortalToken } from "./token-check.ts";

/**
 * The portal's sharing API beside OAuth (docs/arcgis.md §5-§6): `generateToken` for the federated
 * server, `community/self`, `portals/self`, `info`, and the `/sharing/rest` root.
 */

/** The portal's reported version (ArcGIS Online style). */
export const PORTAL_VERSION = "2025.2";
/** Default life of a server token when `expiration` is not given, in minutes (ArcGIS: 60). */
export const DEFAULT_SERVER_TOKEN_MINUTES = 60;

/**
 * Whether `serverUrl` names the federated server whose root is `federatedRoot`
 * (e.g. "http://localhost:4200/arcgis"): same scheme, host compared case-insensitively,
 * path equal to the root's or below it, a trailing slash tolerated.
 */
export function isFederatedServerUrl(serverUrl: string, federatedRoot: string): boolean {
  let url: URL;
  let root: URL;
  try {
    url = new URL(serverUrl);
    root = new URL(federatedRoot);
  } catch {
    return false;
  }
  if (url.protocol !== root.protocol || url.host.toLowerCase() !== root.host.toLowerCase()) return false;
  const path = url.pathname.replace(/\/+$/, "");
  return path === root.pathname || path.startsWith(`${root.pathname}/`);
}

/** Server token life in ms: `expiration` minutes (default 60), never beyond the portal token's end. */
function serverTokenExpiry(store: PortalStore, params: RequestParams, portalTokenExpiresAt: number): number {
  const requested = Number(param(params, "expiration"));
  const minutes =
    Number.isFinite(requested) && requested >= 1 ? Math.min(requested, 20_160) : DEFAULT_SERVER_TOKEN_MINUTES;
  const seconds = store.capSeconds(Math.floor(minutes * 60));
  return Math.min(store.now() + seconds * 1000, portalTokenExpiresAt);
}

function generateToken(c: Context, store: PortalStore, params: RequestParams): Record<string, unknown> {
  const checked = checkPortalToken(store, c, params);
  if ("error" in checked) return checked.error;
  const serverUrl = param(params, "serverUrl");
  const federatedRoot = `${store.addresses.federatedOrigin}/arcgis`;
  if (serverUrl === undefined || !isFederatedServerUrl(serverUrl, federatedRoot)) {
    return arcgisError(400, "Unable to generate token for this server", [
      serverUrl === undefined
        ? "serverUrl is required."
        : "The server is not federated with this portal (its owningSystemUrl is not this portal).",
    ]);
  }
  const portalToken = store.validAccessToken(tokenOf(c, params) ?? "");
  const expires = serverTokenExpiry(store, params, portalToken?.expiresAt ?? store.now());
  const token = store.issueServerToken(checked.user.username, store.addresses.federatedOrigin, expires);
  return { token, expires, ssl: false };
}

function portalDescription(store: PortalStore): Record<string, unknown> {
  return {
    id: ORG_ID,
    name: "arcgis-auth-shell local portal",
    urlKey: "devportal",
    portalHostname: new URL(store.addresses.portalOrigin).host,
    isPortal: false,
    allSSL: false,
    supportsOAuth: true,
    currentVersion: PORTAL_VERSION,
    maxTokenExpirationMinutes: 20_160,
    authorizedCrossOriginDomains: [],
  };
}

/** Adds the sharing endpoints under `base` ("/sharing/rest"); each answers GET and POST. */
export function addSharingRoutes(app: Hono, base: string, store: PortalStore): void {
  const route = (path: string, answer: (c: Context, params: RequestParams) => Record<string, unknown>) =>
    app.on(["GET", "POST"], `${base}${path}`, async (c) => c.json(answer(c, (await readParams(c)) ?? {})));

  route("", () => ({ currentVersion: PORTAL_VERSION }));
  route("/generateToken", (c, params) => generateToken(c, store, params));
  route("/community/self", (c, params) => {
    const checked = checkPortalToken(store, c, params);
    return "error" in checked ? checked.error : describeUser(checked.user);
  });
  route("/portals/self", (c, params) => {
    if (tokenOf(c, params) === null) return portalDescription(store);
    const checked = checkPortalToken(store, c, params);
    if ("error" in checked) return checked.error;
    return { ...portalDescription(store), user: describeUser(checked.user) };
  });
  route("/info", () => ({
    owningSystemUrl: store.addresses.portalOrigin,
    authInfo: {
      isTokenBasedSecurity: true,
      tokenServicesUrl: `${store.addresses.portalOrigin}${base}/generateToken`,
    },
  }));
}
