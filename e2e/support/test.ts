/**
 * The `test` every spec imports (instead of `@playwright/test`'s): specs in different workers do
 * not share a portal, so they run side by side, and beside `npm start` on the same machine.
 *
 * Pages, fixtures and specs keep the demo's fixed addresses (README.md, top). Behind
 * them, each Playwright worker starts its own dev portal on free ports, told its public origins
 * (so owningSystemUrl, CORS and the redirect URIs keep the fixed names), and a forwarding proxy
 * (e2e/support/proxy.ts) that sends localhost:4100/4200/4300 to that portal and localhost:5173 /
 * 127.0.0.1:5174 to the one Vite dev server of the run (playwright.config.ts starts it on a free
 * port; it holds no state, so both origins and all workers share it). The browser contexts, their
 * `route.fetch()` and the `request` fixture use the proxy through Playwright's `proxy` option;
 * Node's own `fetch` in the worker (the admin helpers of e2e/support/portal.ts, specs' direct
 * calls) is sent to the worker's ports, so it reaches the same portal (its Host header then names
 * 127.0.0.1 and the bound port).
 */
import { test as base } from "@playwright/test";
import { startPortal } from "../../examples/portal/index.ts";
import { type ForwardingProxy, startForwardingProxy } from "./proxy.ts";

export * from "@playwright/test";

/** The fixed public ports: portal, federated server, standalone server, demo host, second origin. */
export const PUBLIC_PORTS = { portal: 4100, federated: 4200, standalone: 4300, host: 5173, second: 5174 };

/** The environment variable playwright.config.ts fills with the shared Vite server's port. */
const VITE_PORT_VARIABLE = "E2E_VITE_PORT";

interface WorkerServers {
  /** Public port → the port that answers it in this worker. */
  readonly ports: ReadonlyMap<number, number>;
  readonly proxy: ForwardingProxy;
}

interface WorkerFixtures {
  /** Names the worker's proxy treats as resolving to 127.0.0.1 (a DNS-rebinding spec's name). */
  loopbackNames: string[];
  workerServers: WorkerServers;
}

function vitePort(): number {
  const port = Number(process.env[VITE_PORT_VARIABLE]);
  if (!Number.isInteger(port) || port <= 0)
    throw new Error(`${VITE_PORT_VARIABLE} is not set: run the specs through playwright.config.ts.`);
  return port;
}

/** Sends Node's fetch for a public loopback address to the port behind it; returns the undo. */
function fetchThroughPorts(ports: ReadonlyMap<number, number>): () => void {
  const original = globalThis.fetch;
  const mapped = (input: string | URL): string | URL => {
    const url = new URL(input);
    const port = ports.get(Number(url.port));
    if (port === undefined || !/^(localhost|127\.0\.0\.1)$/.test(url.hostname)) return input;
    url.hostname = "127.0.0.1";
    url.port = String(port);
    return url;
  };
  globalThis.fetch = (input, init) =>
    original(typeof input === "string" || input instanceof URL ? mapped(input) : input, init);
  return () => {
    globalThis.fetch = original;
  };
}

export const test = base.extend<object, WorkerFixtures>({
  loopbackNames: [[], { option: true, scope: "worker" }],
  workerServers: [
    async ({ loopbackNames }, use) => {
      const origin = (port: number) => `http://localhost:${port}`;
      const portal = await startPortal({
        portalPort: 0,
        federatedPort: 0,
        standalonePort: 0,
        publicOrigins: {
          portal: origin(PUBLIC_PORTS.portal),
          federated: origin(PUBLIC_PORTS.federated),
          standalone: origin(PUBLIC_PORTS.standalone),
        },
      });
      const vite = vitePort();
      const ports = new Map([
        [PUBLIC_PORTS.portal, portal.ports.portal],
        [PUBLIC_PORTS.federated, portal.ports.federated],
        [PUBLIC_PORTS.standalone, portal.ports.standalone],
        [PUBLIC_PORTS.host, vite],
        [PUBLIC_PORTS.second, vite],
      ]);
      const proxy = await startForwardingProxy({ ports, loopbackNames });
      const restoreFetch = fetchThroughPorts(ports);
      await use({ ports, proxy });
      restoreFetch();
      await proxy.close();
      await portal.close();
    },
    { scope: "worker", auto: true },
  ],
  proxy: async ({ workerServers }, use) => {
    await use({ server: workerServers.proxy.url });
  },
});
