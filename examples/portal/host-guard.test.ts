import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAllowedHost, isServableHost } from "./host-guard.ts";
import { startPortal } from "./index.ts";
import { startTestPortal, type TestPortal } from "./test-support.ts";

/** GET `url` with this Host header (fetch cannot set one): status and body. */
function getWithHost(url: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { host } }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        body += chunk;
      });
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("isAllowedHost", () => {
  it("answers loopback names and addresses, with or without a port", () => {
    const allowed = [
      "localhost",
      "localhost:4100",
      "LOCALHOST:4100",
      "localhost.:4100",
      "app.localhost:4100",
      "127.0.0.1:4100",
      "127.1.2.3",
      "[::1]:4100",
    ];
    for (const host of allowed) expect(isAllowedHost(host), host).toBe(true);
  });

  it("refuses any other name, a missing Host and Host values that hide another name", () => {
    const refused = [
      undefined,
      "",
      "rebind.example:4100",
      "localhost.rebind.example",
      "127.0.0.1.rebind.example",
      "localhost@rebind.example",
      "rebind.example/localhost",
      "localhost rebind.example",
      "0.0.0.0:4100",
      "[::]:4100",
      "192.168.1.10:4100",
      "[::2]",
    ];
    for (const host of refused) expect(isAllowedHost(host), String(host)).toBe(false);
  });

  it("answers the explicitly served host too, and only that one", () => {
    expect(isAllowedHost("portal.test:4100", "portal.test")).toBe(true);
    expect(isAllowedHost("PORTAL.test", "portal.test")).toBe(true);
    expect(isAllowedHost("[2001:db8::1]:4100", "2001:db8::1")).toBe(true);
    expect(isAllowedHost("other.test:4100", "portal.test")).toBe(false);
    expect(isAllowedHost("localhost:4100", "portal.test")).toBe(true);
  });

  it("knows which host options are servable", () => {
    for (const host of ["portal.test", "192.0.2.10", "::1", "[::1]", "localhost"])
      expect(isServableHost(host), host).toBe(true);
    for (const host of ["", "portal.test:4100", "http://portal.test", "a b", "a/b", "[::1]:80"])
      expect(isServableHost(host), host).toBe(false);
  });
});

describe("every server of a running portal (DNS rebinding)", () => {
  let portal: TestPortal;
  beforeAll(async () => {
    portal = await startTestPortal();
  });
  afterAll(() => portal.close());

  it("answers 403 to a request for a rebound name, on every route of every server", async () => {
    const targets = [
      `${portal.origin}/__admin/log`,
      `${portal.urls.portal}/info?f=json`,
      `${portal.urls.portal}/oauth2/authorize`,
      `${portal.urls.federated}/rest/info?f=json`,
      `${portal.urls.standalone}/rest/services?f=json`,
      `${portal.origin}/no/such/route`,
    ];
    for (const url of targets) {
      const port = new URL(url).port;
      const refused = await getWithHost(url, `rebind.example:${port}`);
      expect(refused.status, url).toBe(403);
      expect(JSON.parse(refused.body)).toEqual({
        error: {
          code: 403,
          message: "This server answers only requests for a loopback host name.",
          details: [],
        },
      });
      expect((await getWithHost(url, `localhost:${port}`)).status, url).not.toBe(403);
      expect((await getWithHost(url, `127.0.0.1:${port}`)).status, url).not.toBe(403);
    }
  });
});

describe("startPortal({ host })", () => {
  it("serves that host: listens on it, names it in its URLs, answers requests for it", async () => {
    const portal = await startPortal({
      host: "127.0.0.1",
      portalPort: 0,
      federatedPort: 0,
      standalonePort: 0,
    });
    try {
      const origin = new URL(portal.urls.portal).origin;
      expect(origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const info = await getWithHost(
        `${portal.urls.federated}/rest/info?f=json`,
        new URL(portal.urls.federated).host,
      );
      expect(JSON.parse(info.body).owningSystemUrl).toBe(origin);
      expect((await getWithHost(`${origin}/__admin/log`, "rebind.example")).status).toBe(403);
    } finally {
      await portal.close();
    }
  });

  it("refuses a host that is not a host name or address", async () => {
    await expect(startPortal({ host: "portal.test:4100", portalPort: 0 })).rejects.toThrow(
      'Local portal: host "portal.test:4100" is not a host name or address.',
    );
  });
});
