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

  it("closes all three servers", async () => {
    const portal = await startTestPortal();
    await portal.close();
    await expect(fetch(`${portal.urls.portal}/info`)).rejects.toThrow();
    await expect(fetch(`${portal.urls.standalone}/rest/info`)).rejects.toThrow();
  });
});
