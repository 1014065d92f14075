import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  admin,
  answerOf,
  authorizeParams,
  CLIENT_ID,
  codeFlowTokens,
  getJson,
  implicitToken,
  postJson,
  serverToken,
  startTestPortal,
  submitSignIn,
  type TestPortal,
} from "./test-support.ts";

let portal: TestPortal;
beforeAll(async () => {
  portal = await startTestPortal();
});
afterAll(() => portal.close());
beforeEach(async () => {
  await admin(portal, "reset");
});

const invalidToken = { error: { code: 498, message: "Invalid token.", details: [] } };
const selfOf = (token: string) => getJson(`${portal.urls.portal}/community/self`, { f: "json", token });
const trees = (token: string) =>
  getJson(`${portal.urls.federated}/rest/services/Trees/FeatureServer/0/query`, { where: "1=1", token });
const refresh = (refreshToken: string) =>
  postJson(`${portal.urls.portal}/oauth2/token`, {
    client_id: CLIENT_ID,
    grant_type: "refresh_token",
    refresh_token: refreshToken,
  });
const log = async () =>
  (await (await admin(portal, "log")).json()) as Array<{
    host: string;
    method: string;
    path: string;
    token: string | null;
  }>;

describe("POST /__admin/expire", () => {
  it("makes every access and server token 498 but keeps refresh tokens", async () => {
    const implicit = await implicitToken(portal);
    const tokens = await codeFlowTokens(portal);
    const server = await serverToken(portal);
    expect(await (await admin(portal, "expire")).json()).toEqual({ ok: true, refresh: false });
    expect(await selfOf(implicit)).toEqual(invalidToken);
    expect(await selfOf(String(tokens.access_token))).toEqual(invalidToken);
    expect(await trees(server)).toEqual(invalidToken);
    const renewed = await refresh(String(tokens.refresh_token));
    expect((await selfOf(String(renewed.access_token))).username).toBe("jsmith");
  });

  it('with {"refresh": true} expires refresh tokens too', async () => {
    const tokens = await codeFlowTokens(portal);
    await admin(portal, "expire", { refresh: true });
    expect(await refresh(String(tokens.refresh_token))).toEqual({
      error: {
        code: 498,
        error: "invalid_request",
        error_description: "refresh_token expired",
        message: "refresh_token expired",
        details: [],
      },
    });
  });
});

describe("POST /__admin/reset", () => {
  it("forgets tokens, the log, pending failures and the config", async () => {
    const token = await implicitToken(portal);
    await admin(portal, "fail", { count: 5 });
    await admin(portal, "config", { accessTokenSeconds: 30 });
    expect(await (await admin(portal, "reset")).json()).toEqual({ ok: true });
    expect(await log()).toEqual([]);
    expect(await (await fetch(`${portal.origin}/__admin/config`)).json()).toEqual({
      accessTokenSeconds: null,
    });
    expect(await selfOf(token)).toEqual(invalidToken);
  });
});

describe("GET /__admin/log", () => {
  it("records each non-admin request with host, method, path and the token wherever it was sent", async () => {
    const token = await implicitToken(portal);
    await admin(portal, "reset");
    await getJson(`${portal.urls.standalone}/rest/services/Parcels/FeatureServer/0/query`, {
      f: "json",
      token: "q-token",
    });
    await postJson(`${portal.urls.federated}/rest/info`, { f: "json", token: "form-token" });
    await getJson(
      `${portal.urls.portal}/community/self`,
      { f: "json" },
      { "X-Esri-Authorization": `Bearer ${token}` },
    );
    await getJson(`${portal.urls.portal}/info`, { f: "json" });
    await admin(portal, "fail", { count: 0 }); // admin requests are not logged
    const entries = await log();
    const standaloneHost = new URL(portal.urls.standalone).host;
    expect(entries.map(({ host, method, path, token }) => ({ host, method, path, token }))).toEqual([
      {
        host: standaloneHost,
        method: "GET",
        path: "/arcgis/rest/services/Parcels/FeatureServer/0/query",
        token: "q-token",
      },
      {
        host: new URL(portal.urls.federated).host,
        method: "POST",
        path: "/arcgis/rest/info",
        token: "form-token",
      },
      { host: new URL(portal.origin).host, method: "GET", path: "/sharing/rest/community/self", token },
      { host: new URL(portal.origin).host, method: "GET", path: "/sharing/rest/info", token: null },
    ]);
    for (const entry of entries) expect((entry as unknown as { time: number }).time).toBeGreaterThan(1.7e12);
  });
});

describe("POST /__admin/fail", () => {
  it("fails the next N non-admin requests with HTTP 503 and an ArcGIS body, CORS headers included", async () => {
    await admin(portal, "fail", { count: 2 });
    const origin = { Origin: "http://localhost:5173" };
    const first = await fetch(`${portal.urls.portal}/info?f=json`, { headers: origin });
    expect(first.status).toBe(503);
    expect(first.headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
    expect(((await first.json()) as { error: { code: number } }).error.code).toBe(503);
    expect((await fetch(`${portal.urls.standalone}/rest/info?f=json`)).status).toBe(503);
    expect((await fetch(`${portal.urls.standalone}/rest/info?f=json`)).status).toBe(200);
    expect(await log()).toHaveLength(3);
  });
});

describe("POST /__admin/fail with a rate", () => {
  it("fails that share of requests until the rate is set back to 0 or the portal is reset", async () => {
    await admin(portal, "fail", { rate: 1 });
    expect((await fetch(`${portal.urls.portal}/info?f=json`)).status).toBe(503);
    expect((await fetch(`${portal.urls.portal}/info?f=json`)).status).toBe(503);
    await admin(portal, "fail", { rate: 0.25 });
    const statuses = await Promise.all(
      Array.from({ length: 400 }, async () => (await fetch(`${portal.urls.portal}/info?f=json`)).status),
    );
    const failed = statuses.filter((status) => status === 503).length;
    expect(failed).toBeGreaterThan(40); // expected 100; these bounds are 6 standard deviations out
    expect(failed).toBeLessThan(160);
    await admin(portal, "reset");
    expect((await fetch(`${portal.urls.portal}/info?f=json`)).status).toBe(200);
  });

  it("refuses a rate outside 0..1 and an empty body, changing nothing", async () => {
    for (const body of [{ rate: 1.5 }, { rate: -0.1 }, { rate: "0.5" }, {}]) {
      const response = await fetch(`${portal.urls.portal.replace("/sharing/rest", "")}/__admin/fail`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(400);
    }
    expect((await fetch(`${portal.urls.portal}/info?f=json`)).status).toBe(200);
  });
});

describe("POST /__admin/config", () => {
  it("shortens code-flow access tokens and caps implicit ones; null restores the defaults", async () => {
    await admin(portal, "config", { accessTokenSeconds: 45 });
    expect((await codeFlowTokens(portal)).expires_in).toBe(45);
    const implicit = await submitSignIn(portal, authorizeParams("token", { expiration: "60" }));
    expect(answerOf(implicit.headers.get("location"), "fragment").get("expires_in")).toBe("45");
    await admin(portal, "config", { accessTokenSeconds: null });
    expect((await codeFlowTokens(portal)).expires_in).toBe(1800);
  });

  it("uses the startPortal accessTokenSeconds option as the default", async () => {
    const other = await startTestPortal({ accessTokenSeconds: 90 });
    try {
      expect((await codeFlowTokens(other)).expires_in).toBe(90);
      await admin(other, "config", { accessTokenSeconds: null });
      expect((await codeFlowTokens(other)).expires_in).toBe(90);
    } finally {
      await other.close();
    }
  });
});

describe("bad admin input", () => {
  it.each([
    ["fail", "not json"],
    ["fail", JSON.stringify({ count: -1 })],
    ["fail", JSON.stringify({ count: 1.5 })],
    ["fail", JSON.stringify([1])],
    ["config", JSON.stringify({ accessTokenSeconds: "10" })],
    ["config", JSON.stringify({ accessTokenSeconds: 0 })],
    ["expire", JSON.stringify({ refresh: "yes" })],
  ])("POST %s with %s gets HTTP 400 and changes nothing", async (path, body) => {
    const token = await implicitToken(portal);
    const response = await fetch(`${portal.origin}/__admin/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: number } }).error.code).toBe(400);
    expect((await selfOf(token)).username).toBe("jsmith");
    expect(await (await fetch(`${portal.origin}/__admin/config`)).json()).toEqual({
      accessTokenSeconds: null,
    });
  });
});
