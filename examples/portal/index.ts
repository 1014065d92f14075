import { X509Certificate } from "node:crypto";
import type { AddressInfo, Server } from "node:net";
import { getRequestListener } from "@hono/node-server";
import { createPortalApps, SHARING_BASE } from "./apps.ts";
import { createDualProtocolServer } from "./dual-protocol.ts";
import { guardHost, isServableHost, urlHost } from "./host-guard.ts";
import { PortalStore } from "./store.ts";
import { createLocalhostCertificate } from "./tls-certificate.ts";

/**
 * `startPortal`: the local ArcGIS-compatible portal and its two ArcGIS Servers on three ports
 * (examples/portal/README.md), each answering http and https. The entry of the `@arcgis-auth-shell/dev-portal` package.
 */

/** Options of startPortal; ports default to 4100/4200/4300, 0 picks free ports. */
export interface PortalOptions {
  /**
   * The host name or address to serve, e.g. "portal.test" or "192.0.2.10": the servers listen
   * on it instead of 127.0.0.1, their URLs name it, and requests whose Host header names it are
   * answered besides those for loopback names. Unset, every request whose Host is not
   * `localhost`, `*.localhost`, 127.0.0.0/8 or `[::1]` gets 403 (DNS rebinding). Whoever reaches
   * that address reaches the well-known test passwords and the admin routes' tokens.
   */
  host?: string;
  portalPort?: number;
  federatedPort?: number;
  standalonePort?: number;
  /** Default life of code-flow access tokens (and cap on the others), in seconds; ArcGIS's defaults when unset. */
  accessTokenSeconds?: number;
  /** Key and certificate (PEM) for https; a self-signed one for localhost is made when unset. */
  tls?: { readonly key: string; readonly cert: string };
  /**
   * The origins clients use, when they reach the servers through a forwarding proxy rather than
   * on the ports bound here, e.g. `{ portal: "http://localhost:4100", … }` for a portal on free
   * ports behind a proxy that keeps the demo's addresses. They name the servers in `urls`,
   * `owningSystemUrl`, token service URLs and CORS; the Host guard still applies to each request.
   */
  publicOrigins?: { readonly portal: string; readonly federated: string; readonly standalone: string };
}

/** A running portal. */
export interface RunningPortal {
  readonly urls: {
    /** e.g. "http://localhost:4100/sharing/rest" */
    readonly portal: string;
    /** e.g. "http://localhost:4200/arcgis" */
    readonly federated: string;
    /** e.g. "http://localhost:4300/arcgis" */
    readonly standalone: string;
  };
  /** The ports the three servers listen on (the ones in `urls` unless `publicOrigins` was given). */
  readonly ports: { readonly portal: number; readonly federated: number; readonly standalone: number };
  /** The https certificate's SHA-256 fingerprint (what a browser's certificate viewer shows). */
  readonly certificateFingerprint: string;
  /** Stops all three servers, closing open connections. */
  close(): Promise<void>;
}

/** The registered app and the users, for printing or for tests that sign in. */
export { DEMO_APP, type PortalUser, type RegisteredApp, USERS } from "./accounts.ts";

/** Unless given a `host`, the servers listen on the IPv4 loopback only: the portal has well-known passwords. */
const HOST = "127.0.0.1";

function listen(server: Server, host: string, port: number, what: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      const reason =
        error.code === "EADDRINUSE"
          ? `port ${port} is already in use (stop whatever listens there, or choose another port)`
          : `cannot listen on port ${port} (${error.code ?? error.message})`;
      reject(new Error(`Local portal: cannot start ${what}: ${reason}.`));
    });
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

/** `publicOrigins` as a list, each checked to be an http origin; null when not given. */
function checkedPublicOrigins(given: PortalOptions["publicOrigins"]): string[] | null {
  if (given === undefined) return null;
  return [given.portal, given.federated, given.standalone].map((origin) => {
    const parsed = URL.canParse(origin) ? new URL(origin) : null;
    if (parsed?.protocol !== "http:" || parsed.origin !== origin)
      throw new Error(`Local portal: public origin ${JSON.stringify(origin)} is not an http origin.`);
    return origin;
  });
}

/** Starts the portal (:4100), the federated server (:4200) and the standalone server (:4300). */
export async function startPortal(options: PortalOptions = {}): Promise<RunningPortal> {
  const servedHost = options.host ?? null;
  if (servedHost !== null && !isServableHost(servedHost)) {
    throw new Error(`Local portal: host ${JSON.stringify(servedHost)} is not a host name or address.`);
  }
  const givenOrigins = checkedPublicOrigins(options.publicOrigins);
  const listenAddress = servedHost?.replace(/^\[(.*)\]$/, "$1") ?? HOST;
  const store = new PortalStore(
    { portalOrigin: "", federatedOrigin: "", standaloneOrigin: "" },
    options.accessTokenSeconds ?? null,
  );
  const apps = createPortalApps(store);
  const plan = [
    { what: "the portal", port: options.portalPort ?? 4100, app: apps.portal },
    { what: "the federated ArcGIS Server", port: options.federatedPort ?? 4200, app: apps.federated },
    { what: "the standalone ArcGIS Server", port: options.standalonePort ?? 4300, app: apps.standalone },
  ];
  const tls = options.tls ?? createLocalhostCertificate();
  const servers = plan.map(({ app }) =>
    createDualProtocolServer(guardHost(getRequestListener(app.fetch), servedHost), tls),
  );
  const stopSweeping = store.startSweeping();
  const close = async () => {
    stopSweeping();
    await Promise.all(servers.map((server) => server.closeAll()));
  };
  const ports: number[] = [];
  try {
    for (const [index, step] of plan.entries())
      ports.push(
        await listen((servers[index] as { server: Server }).server, listenAddress, step.port, step.what),
      );
  } catch (error) {
    await close();
    throw error;
  }
  const [portalPort, federatedPort, standalonePort] = ports as [number, number, number];
  const [portalOrigin, federatedOrigin, standaloneOrigin] = (givenOrigins ??
    ports.map((port) => `http://${servedHost === null ? "localhost" : urlHost(servedHost)}:${port}`)) as [
    string,
    string,
    string,
  ];
  store.addresses = { portalOrigin, federatedOrigin, standaloneOrigin };
  return {
    ports: { portal: portalPort, federated: federatedPort, standalone: standalonePort },
    urls: {
      portal: `${portalOrigin}${SHARING_BASE}`,
      federated: `${federatedOrigin}/arcgis`,
      standalone: `${standaloneOrigin}/arcgis`,
    },
    certificateFingerprint: new X509Certificate(tls.cert).fingerprint256,
    close,
  };
}
