import { Hono, type MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { ADMIN_BASE, addAdminRoutes } from "./admin.ts";
import { cors } from "./cors.ts";
import { arcgisError, notFound } from "./envelopes.ts";
import { addAuthorizeRoutes } from "./oauth-authorize.ts";
import { addTokenRoutes } from "./oauth-token.ts";
import { rejectMalformedBody } from "./params.ts";
import { requestLog } from "./request-log.ts";
import { addFederatedRoutes, addStandaloneRoutes } from "./servers.ts";
import { addSharingRoutes } from "./sharing.ts";
import type { PortalStore } from "./store.ts";

/**
 * The three Hono apps of the local portal, sharing one store: the portal (:4100, with the admin
 * API), the federated ArcGIS Server (:4200) and the standalone one (:4300). Each gets the same
 * outer layers: errors become ArcGIS envelopes, CORS, a body size limit, the request log and
 * failure injection (not for admin requests), rejection of malformed bodies, JSON 404s.
 */

/** The portal's sharing API lives below this path. */
export const SHARING_BASE = "/sharing/rest";
/** Largest request body accepted, in bytes. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** The three apps; hand them to a Node server, or call `app.request()` in tests. */
export interface PortalApps {
  readonly portal: Hono;
  readonly federated: Hono;
  readonly standalone: Hono;
}

function exceptAdmin(middleware: MiddlewareHandler): MiddlewareHandler {
  return (c, next) => (c.req.path.startsWith(`${ADMIN_BASE}/`) ? next() : middleware(c, next));
}

function baseApp(store: PortalStore): Hono {
  const app = new Hono();
  app.onError((error, c) => {
    console.error(`local portal: ${c.req.method} ${c.req.path} failed: ${error.message}`);
    return c.json(arcgisError(500, "Internal server error.", []), 500);
  });
  app.notFound((c) => c.json(notFound(c.req.method, c.req.path), 404));
  app.use(cors(() => store.addresses.portalOrigin));
  app.use(
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      // The rest of the body is never read, so the connection cannot be reused for another request.
      onError: (c) => c.json(arcgisError(413, "Request body too large.", []), 413, { Connection: "close" }),
    }),
  );
  app.use(exceptAdmin(requestLog(store)));
  app.use(exceptAdmin(rejectMalformedBody));
  return app;
}

/** Builds the apps over `store`. */
export function createPortalApps(store: PortalStore): PortalApps {
  const portal = baseApp(store);
  addAuthorizeRoutes(portal, SHARING_BASE, store);
  addTokenRoutes(portal, SHARING_BASE, store);
  addSharingRoutes(portal, SHARING_BASE, store);
  addAdminRoutes(portal, store);

  const federated = baseApp(store);
  addFederatedRoutes(federated, store);

  const standalone = baseApp(store);
  addStandaloneRoutes(standalone, store);

  return { portal, federated, standalone };
}
