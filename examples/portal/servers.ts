import type { Context, Hono } from "hono";
import { type ArcGISErrorBody, arcgisError, forbidden, invalidToken, tokenRequired } from "./envelopes.ts";
import {
  type GeoServicesRoute,
  geoServicesAnswer,
  type KoopCollection,
  readCollection,
  SERVER_VERSION,
} from "./geoservices.ts";
import { type RequestParams, readParams, tokenOf } from "./params.ts";
import type { PortalStore } from "./store.ts";
import { checkServerToken } from "./token-check.ts";

/**
 * The two ArcGIS Servers (README, docs/arcgis.md §5): the federated one (owningSystemUrl = the
 * portal; secured `Trees`, and `Restricted`, which only org admins may read: the 403 case) and
 * the standalone one (no owningSystemUrl; secured `Parcels` that no token opens, and public
 * `Landmarks`). `rest/info` and the services directory are answered here (Koop cannot name an
 * outside portal as owner); each FeatureServer is Koop's (geoservices.ts) behind this file's
 * token check. Every route answers GET and POST.
 */

/** Who may read a service: null when allowed, else the ArcGIS envelope to answer with. */
type Access = (c: Context, params: RequestParams) => ArcGISErrorBody | null;

interface Service {
  readonly name: string;
  readonly data: KoopCollection;
  readonly access: Access;
}

const publicAccess: Access = () => null;

const featureServerRoutes: ReadonlyArray<readonly [string, GeoServicesRoute]> = [
  ["", "service"],
  ["/0", "layer"],
  ["/0/query", "query"],
];

/** Adds `rest/info`, the services directory and each service's FeatureServer, layer 0 and query. */
function addServer(app: Hono, info: () => Record<string, unknown>, services: readonly Service[]): void {
  const route = (path: string) => `/arcgis${path}`;
  app.on(["GET", "POST"], route("/rest/info"), (c) => c.json(info()));
  app.on(["GET", "POST"], route("/rest/services"), (c) =>
    c.json({
      currentVersion: SERVER_VERSION,
      folders: [],
      services: services.map((service) => ({ name: service.name, type: "FeatureServer" })),
    }),
  );
  for (const service of services) {
    for (const [suffix, kind] of featureServerRoutes) {
      app.on(["GET", "POST"], route(`/rest/services/${service.name}/FeatureServer${suffix}`), async (c) => {
        const params = (await readParams(c)) ?? {};
        const refused = service.access(c, params);
        return refused ? c.json(refused) : geoServicesAnswer(kind, service.data, params);
      });
    }
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
      { name: "Trees", data: readCollection("trees"), access: serverToken(() => true) },
      {
        name: "Restricted",
        data: readCollection("critical-facilities"),
        access: serverToken((user) => user.canReadRestricted),
      },
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
      { name: "Parcels", data: readCollection("parcels"), access: ownTokensOnly },
      { name: "Landmarks", data: readCollection("landmarks"), access: publicAccess },
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
