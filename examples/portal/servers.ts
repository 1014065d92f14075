import type { Context, Hono } from "hono";
import { type ArcGISErrorBody, arcgisError, forbidden, invalidToken, tokenRequired } from "./envelopes.ts";
import { queryLayer } from "./feature-query.ts";
import { type FeatureLayer, LAYERS } from "./features.ts";
import { type RequestParams, readParams, tokenOf } from "./params.ts";
import type { PortalStore } from "./store.ts";
import { checkServerToken } from "./token-check.ts";

/**
 * The two ArcGIS Servers (SPEC §2, ARCGIS.md §5): the federated one (owningSystemUrl = the
 * portal; secured `Trees`, and `Restricted`, which only org admins may read: the 403 case) and
 * the standalone one (no owningSystemUrl; secured `Parcels` that no token opens, and public
 * `Landmarks`). Every route answers GET and POST.
 */

/** ArcGIS Server version both servers report. */
export const SERVER_VERSION = 11.3;

/** Who may read a service: nobody without a valid token, or anyone. */
type Access = (c: Context, params: RequestParams) => ArcGISErrorBody | null;

interface Service {
  readonly name: string;
  readonly layer: FeatureLayer;
  readonly access: Access;
}

const publicAccess: Access = () => null;

function serviceInfo(service: Service): Record<string, unknown> {
  return {
    currentVersion: SERVER_VERSION,
    serviceDescription: service.layer.name,
    maxRecordCount: 1000,
    capabilities: "Query",
    spatialReference: { wkid: service.layer.wkid },
    layers: [{ id: 0, name: service.layer.name, geometryType: service.layer.geometryType }],
    tables: [],
  };
}

function layerInfo(service: Service): Record<string, unknown> {
  return {
    currentVersion: SERVER_VERSION,
    id: 0,
    name: service.layer.name,
    type: "Feature Layer",
    geometryType: service.layer.geometryType,
    objectIdField: "OBJECTID",
    fields: service.layer.fields,
    maxRecordCount: 1000,
    capabilities: "Query",
    extent: { spatialReference: { wkid: service.layer.wkid } },
  };
}

/** Adds `rest/info`, the services directory and each service's FeatureServer, layer 0 and query. */
function addServer(app: Hono, info: () => Record<string, unknown>, services: readonly Service[]): void {
  const get = (path: string, answer: (c: Context, params: RequestParams) => Record<string, unknown>) =>
    app.on(["GET", "POST"], `/arcgis${path}`, async (c) => c.json(answer(c, (await readParams(c)) ?? {})));

  get("/rest/info", info);
  get("/rest/services", () => ({
    currentVersion: SERVER_VERSION,
    folders: [],
    services: services.map((service) => ({ name: service.name, type: "FeatureServer" })),
  }));
  for (const service of services) {
    const base = `/rest/services/${service.name}/FeatureServer`;
    const secured =
      (answer: (params: RequestParams) => Record<string, unknown>) => (c: Context, params: RequestParams) =>
        service.access(c, params) ?? answer(params);
    get(
      base,
      secured(() => serviceInfo(service)),
    );
    get(
      `${base}/0`,
      secured(() => layerInfo(service)),
    );
    get(
      `${base}/0/query`,
      secured((params) => queryLayer(service.layer, params)),
    );
  }
}

/** The federated server's routes (it trusts the portal's `generateToken`). */
export function addFederatedRoutes(app: Hono, store: PortalStore): void {
  const serverToken =
    (allowed: (user: { canReadRestricted: boolean }) => boolean): Access =>
    (c, params) => {
      const checked = checkServerToken(store, c, params, store.addresses.federatedOrigin);
      if ("error" in checked) return checked.error;
      return allowed(checked.user) ? null : forbidden();
    };
  addServer(
    app,
    () => ({
      currentVersion: SERVER_VERSION,
      fullVersion: "11.3.0",
      owningSystemUrl: store.addresses.portalOrigin,
      authInfo: {
        isTokenBasedSecurity: true,
        tokenServicesUrl: `${store.addresses.portalOrigin}/sharing/rest/generateToken`,
      },
    }),
    [
      { name: "Trees", layer: LAYERS.Trees, access: serverToken(() => true) },
      { name: "Restricted", layer: LAYERS.Restricted, access: serverToken((user) => user.canReadRestricted) },
    ],
  );
}

/** The standalone server's routes: it knows no portal, so it accepts no token at all. */
export function addStandaloneRoutes(app: Hono, store: PortalStore): void {
  const ownTokensOnly: Access = (c, params) =>
    tokenOf(c, params) === null ? tokenRequired() : invalidToken();
  addServer(
    app,
    () => ({
      currentVersion: SERVER_VERSION,
      fullVersion: "11.3.0",
      authInfo: {
        isTokenBasedSecurity: true,
        tokenServicesUrl: `${store.addresses.standaloneOrigin}/arcgis/tokens/generateToken`,
      },
    }),
    [
      { name: "Parcels", layer: LAYERS.Parcels, access: ownTokensOnly },
      { name: "Landmarks", layer: LAYERS.Landmarks, access: publicAccess },
    ],
  );
  app.on(["GET", "POST"], "/arcgis/tokens/generateToken", (c) =>
    c.json(
      arcgisError(400, "Unable to generate token.", [
        "This standalone server has its own users; the local portal does not emulate them.",
      ]),
    ),
  );
}
