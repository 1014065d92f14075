import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isFederatedServerUrl } from "./sharing.ts";
import {
  answerOf,
  authorizeParams,
  getJson,
  implicitToken,
  postForm,
  postJson,
  startTestPortal,
  submitSignIn,
  type TestPortal,
} from "./test-support.ts";

let portal: TestPortal;
let token: string;
beforeAll(async () => {
  portal = await startTestPortal();
  token = await implicitToken(portal, "jsmith");
});
afterAll(() => portal.close());

const tokenRequired = {
  error: { code: 499, message: "Token Required", messageCode: "GWM_0003", details: ["Token Required"] },
};
const invalidToken = { error: { code: 498, message: "Invalid token.", details: [] } };
const generate = (fields: Record<string, string>) =>
  postJson(`${portal.urls.portal}/generateToken`, { f: "json", ...fields });

describe("generateToken", () => {
  it("gives a token for the federated server", async () => {
    const before = Date.now();
    const answer = await generate({
      token,
      serverUrl: portal.urls.federated,
      expiration: "30",
      referer: "x",
    });
    expect(Object.keys(answer)).toEqual(["token", "expires", "ssl"]);
    expect(answer.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(answer.token).not.toBe(token);
    expect(answer.ssl).toBe(false);
    expect(Number(answer.expires)).toBeGreaterThanOrEqual(before + 30 * 60_000);
    expect(Number(answer.expires)).toBeLessThanOrEqual(Date.now() + 30 * 60_000);
  });

  it("accepts the server root with a trailing slash, an upper-case host and the old request=getToken style", async () => {
    const url = new URL(portal.urls.federated);
    const upper = `http://LOCALHOST:${url.port}/arcgis/`;
    const answer = await generate({ token, serverUrl: upper, request: "getToken" });
    expect(answer.token).toBeTypeOf("string");
  });

  it("never outlives the portal token", async () => {
    const response = await submitSignIn(portal, authorizeParams("token", { expiration: "1" }));
    const oneMinute = answerOf(response.headers.get("location"), "fragment").get("access_token") ?? "";
    const answer = await generate({ token: oneMinute, serverUrl: portal.urls.federated, expiration: "600" });
    expect(Number(answer.expires)).toBeLessThanOrEqual(Date.now() + 60_000);
  });

  it.each([
    ["the standalone server", () => portal.urls.standalone],
    ["the portal itself", () => portal.urls.portal],
    ["another host", () => "http://evil.example/arcgis"],
    ["another path on the federated host", () => `${portal.federatedOrigin}/other`],
    ["not a URL", () => "nonsense"],
  ])("refuses %s", async (_, serverUrl) => {
    const answer = await generate({ token, serverUrl: serverUrl() });
    expect(answer.error).toMatchObject({ code: 400, message: "Unable to generate token for this server" });
    expect(JSON.stringify(answer)).not.toContain(token);
  });

  it("refuses a missing serverUrl", async () => {
    expect((await generate({ token })).error).toMatchObject({ code: 400 });
  });

  it("answers 499 without a portal token and 498 with a bad one", async () => {
    expect(await generate({ serverUrl: portal.urls.federated })).toEqual(tokenRequired);
    expect(await generate({ token: "bad", serverUrl: portal.urls.federated })).toEqual(invalidToken);
  });

  it("knows a federated server URL when it sees one", () => {
    const root = "http://localhost:4200/arcgis";
    expect(isFederatedServerUrl("http://localhost:4200/arcgis", root)).toBe(true);
    expect(isFederatedServerUrl("http://Localhost:4200/arcgis//", root)).toBe(true);
    expect(isFederatedServerUrl("http://localhost:4200/arcgis/rest/services", root)).toBe(true);
    expect(isFederatedServerUrl("https://localhost:4200/arcgis", root)).toBe(false);
    expect(isFederatedServerUrl("http://localhost:4200/arcgisx", root)).toBe(false);
    expect(isFederatedServerUrl("http://localhost:4300/arcgis", root)).toBe(false);
  });
});

describe("community/self", () => {
  it("describes the user for a token in the query", async () => {
    const self = await getJson(`${portal.urls.portal}/community/self`, { f: "json", token });
    expect(self).toMatchObject({
      username: "jsmith",
      fullName: "Jane Smith",
      role: "org_admin",
      orgId: expect.any(String),
      email: expect.any(String),
      privileges: expect.any(Array),
      groups: [],
    });
    expect(JSON.stringify(self)).not.toContain("arcgis123");
  });

  it("reads the token from a form field, a multipart field and the X-Esri-Authorization header", async () => {
    const url = `${portal.urls.portal}/community/self`;
    expect((await postJson(url, { f: "json", token })).username).toBe("jsmith");
    const multipart = new FormData();
    multipart.set("token", token);
    expect(
      ((await (await fetch(url, { method: "POST", body: multipart })).json()) as { username: string })
        .username,
    ).toBe("jsmith");
    const header = await getJson(url, { f: "json" }, { "X-Esri-Authorization": `Bearer ${token}` });
    expect(header.username).toBe("jsmith");
  });

  it("answers 499 without a token and 498 with a bad one, with HTTP 200", async () => {
    const response = await postForm(`${portal.urls.portal}/community/self`, { f: "json" });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(tokenRequired);
    expect(await getJson(`${portal.urls.portal}/community/self`, { token: "bad" })).toEqual(invalidToken);
    const header = await getJson(
      `${portal.urls.portal}/community/self`,
      {},
      { "X-Esri-Authorization": "Bearer bad" },
    );
    expect(header).toEqual(invalidToken);
  });
});

describe("portals/self and info", () => {
  it("describes the portal anonymously", async () => {
    const self = await getJson(`${portal.urls.portal}/portals/self`, { f: "json" });
    expect(self).toMatchObject({
      isPortal: false,
      allSSL: false,
      supportsOAuth: true,
      maxTokenExpirationMinutes: 20_160,
      authorizedCrossOriginDomains: [],
      urlKey: expect.any(String),
      currentVersion: expect.any(String),
    });
    expect(self.user).toBeUndefined();
  });

  it("adds the user with a valid token, and answers 498 to a bad one", async () => {
    const self = await getJson(`${portal.urls.portal}/portals/self`, { f: "json", token });
    expect(self.user).toMatchObject({ username: "jsmith", role: "org_admin" });
    expect(await getJson(`${portal.urls.portal}/portals/self`, { token: "bad" })).toEqual(invalidToken);
  });

  it("serves info with the portal's own origin and generateToken URL", async () => {
    expect(await getJson(`${portal.urls.portal}/info`, { f: "json" })).toEqual({
      owningSystemUrl: portal.origin,
      authInfo: { isTokenBasedSecurity: true, tokenServicesUrl: `${portal.urls.portal}/generateToken` },
    });
  });
});
