import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { startPortal } from "./index.ts";
import { getJson, startTestPortal } from "./test-support.ts";

describe("startPortal", () => {
  it("binds port 0 to free ports and uses the real ports in its URLs and owningSystemUrl", async () => {
    const portal = await startTestPortal();
    try {
      const ports = [portal.urls.portal, portal.urls.federated, portal.urls.standalone].map(
        (url) => new URL(url).port,
      );
      expect(ports.every((port) => Number(port) > 0)).toBe(true);
      expect(new Set(ports).size).toBe(3);
      expect(portal.urls.portal).toBe(`http://localhost:${ports[0]}/sharing/rest`);
      expect(portal.urls.federated).toBe(`http://localhost:${ports[1]}/arcgis`);
      expect(portal.urls.standalone).toBe(`http://localhost:${ports[2]}/arcgis`);
      const info = await getJson(`${portal.urls.federated}/rest/info`, { f: "json" });
      expect(info.owningSystemUrl).toBe(`http://localhost:${ports[0]}`);
      expect(await getJson(`${portal.urls.standalone}/rest/info`)).toMatchObject({
        authInfo: { tokenServicesUrl: `http://localhost:${ports[2]}/arcgis/tokens/generateToken` },
      });
    } finally {
      await portal.close();
    }
  });

  it("rejects with a message naming a busy port, and frees the ports it had taken", async () => {
    const blocker = createServer();
    const busyPort = await new Promise<number>((resolve) =>
      blocker.listen(0, "127.0.0.1", () => resolve((blocker.address() as { port: number }).port)),
    );
    const free = await startTestPortal();
    const freePort = Number(new URL(free.urls.portal).port);
    await free.close();
    try {
      await expect(
        startPortal({ portalPort: freePort, federatedPort: busyPort, standalonePort: 0 }),
      ).rejects.toThrow(`cannot start the federated ArcGIS Server: port ${busyPort} is already in use`);
      const again = await startPortal({ portalPort: freePort, federatedPort: 0, standalonePort: 0 });
      expect(again.urls.portal).toBe(`http://localhost:${freePort}/sharing/rest`);
      await again.close();
    } finally {
      blocker.close();
    }
  });

  it("names the servers by publicOrigins in urls, owningSystemUrl and CORS, and reports the bound ports", async () => {
    const publicOrigins = {
      portal: "http://localhost:4100",
      federated: "http://localhost:4200",
      standalone: "http://localhost:4300",
    };
    const portal = await startTestPortal({ publicOrigins });
    try {
      expect(portal.urls).toEqual({
        portal: "http://localhost:4100/sharing/rest",
        federated: "http://localhost:4200/arcgis",
        standalone: "http://localhost:4300/arcgis",
      });
      const bound = `http://localhost:${portal.ports.federated}/arcgis/rest/info`;
      expect(await getJson(bound, { f: "json" })).toMatchObject({ owningSystemUrl: "http://localhost:4100" });
      const preflight = await fetch(`http://localhost:${portal.ports.portal}/sharing/rest/info`, {
        method: "OPTIONS",
        headers: { origin: "http://localhost:4100", "access-control-request-method": "POST" },
      });
      expect(preflight.headers.get("access-control-allow-origin")).toBe("http://localhost:4100");
    } finally {
      await portal.close();
    }
  });

  it("rejects a public origin that is not an http origin, before taking any port", async () => {
    for (const bad of ["https://localhost:4100", "http://localhost:4100/sharing", "localhost:4100"]) {
      const publicOrigins = {
        portal: bad,
        federated: "http://localhost:1",
        standalone: "http://localhost:2",
      };
      await expect(startTestPortal({ publicOrigins })).rejects.toThrow("is not an http origin");
    }
  });

  it("closes all three servers", async () => {
    const portal = await startTestPortal();
    await portal.close();
    await expect(fetch(`${portal.urls.portal}/info`)).rejects.toThrow();
    await expect(fetch(`${portal.urls.standalone}/rest/info`)).rejects.toThrow();
  });
});
