import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPortal, type TestPortal } from "./test-support.ts";

let portal: TestPortal;
beforeAll(async () => {
  portal = await startTestPortal();
});
afterAll(() => portal.close());

const urls = () => [
  `${portal.urls.portal}/info?f=json`,
  `${portal.urls.federated}/rest/info?f=json`,
  `${portal.urls.standalone}/rest/services/Landmarks/FeatureServer/0/query?where=1=1&f=json`,
  `${portal.origin}/__admin/log`,
];

describe("CORS", () => {
  it.each(["http://localhost:5173", "http://127.0.0.1:5174"])(
    "echoes the demo origin %s on every server",
    async (origin) => {
      for (const url of urls()) {
        const response = await fetch(url, { headers: { Origin: origin } });
        expect(response.headers.get("access-control-allow-origin")).toBe(origin);
        expect(response.headers.get("access-control-allow-credentials")).toBe("true");
        expect(response.headers.get("vary")).toContain("Origin");
      }
    },
  );

  it("allows the portal's own origin, over http and over https", async () => {
    for (const origin of [portal.origin, portal.origin.replace("http:", "https:")]) {
      const response = await fetch(urls()[1] ?? "", { headers: { Origin: origin } });
      expect(response.headers.get("access-control-allow-origin")).toBe(origin);
    }
  });

  it.each(["http://evil.example", "http://localhost:5174", "null"])(
    "gives %s no Access-Control-Allow-Origin",
    async (origin) => {
      for (const url of urls()) {
        const response = await fetch(url, { headers: { Origin: origin } });
        expect(response.headers.get("access-control-allow-origin")).toBeNull();
        expect(response.headers.get("access-control-allow-credentials")).toBeNull();
        expect(response.headers.get("vary")).toContain("Origin");
      }
    },
  );

  it("answers a preflight with the allowed methods and headers", async () => {
    for (const url of urls()) {
      const response = await fetch(url, {
        method: "OPTIONS",
        headers: {
          Origin: "http://127.0.0.1:5174",
          "Access-Control-Request-Method": "POST",
          "Access-Control-Request-Headers": "x-esri-authorization, content-type",
        },
      });
      expect(response.status).toBe(204);
      expect(response.headers.get("access-control-allow-origin")).toBe("http://127.0.0.1:5174");
      expect(response.headers.get("access-control-allow-credentials")).toBe("true");
      expect(response.headers.get("access-control-allow-methods")).toBe("GET, POST");
      expect(response.headers.get("access-control-allow-headers")).toBe(
        "content-type, x-esri-authorization, authorization, x-requested-with",
      );
      expect(response.headers.get("vary")).toContain("Origin");
    }
  });

  it("answers a preflight from another origin without any allow header", async () => {
    const response = await fetch(urls()[0] ?? "", {
      method: "OPTIONS",
      headers: { Origin: "http://evil.example", "Access-Control-Request-Method": "POST" },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
    expect(response.headers.get("access-control-allow-credentials")).toBeNull();
    expect(response.headers.get("access-control-allow-methods")).toBeNull();
  });
});
