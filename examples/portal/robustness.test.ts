import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  admin,
  CLIENT_ID,
  getJson,
  implicitToken,
  startTestPortal,
  type TestPortal,
} from "./test-support.ts";

let portal: TestPortal;
beforeAll(async () => {
  portal = await startTestPortal();
});
afterAll(() => portal.close());

const selfOf = (token: string) => getJson(`${portal.urls.portal}/community/self`, { f: "json", token });

describe("bad input", () => {
  it.each([
    ["the portal", () => `${portal.origin}/nope`],
    ["the sharing API", () => `${portal.urls.portal}/content/items/x`],
    ["the federated server", () => `${portal.urls.federated}/rest/services/Nope/FeatureServer/0/query`],
    ["the standalone server", () => `${portal.standaloneOrigin}/`],
  ])("answers an unknown path on %s with a JSON 404", async (_, url) => {
    const response = await fetch(url());
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: number } }).error.code).toBe(404);
  });

  it("answers a malformed multipart body with a 400 envelope, and the server keeps working", async () => {
    const token = await implicitToken(portal);
    const response = await fetch(`${portal.urls.portal}/oauth2/revokeToken`, {
      method: "POST",
      headers: { "content-type": "multipart/form-data; boundary=xyz" },
      body: `--xyz\r\nContent-Disposition: form-data; name="auth_token"\r\n\r\n${token}`,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: { code: 400, message: "Unable to parse the request body.", details: [] },
    });
    expect((await selfOf(token)).username).toBe("jsmith");
  });

  it("refuses a body over 1 MB with 413", async () => {
    const response = await fetch(`${portal.urls.portal}/oauth2/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `client_id=${CLIENT_ID}&x=${"a".repeat(1024 * 1024 + 1)}`,
    });
    expect(response.status).toBe(413);
  });

  it("survives odd parameters: prototype keys, broken percent-encoding, JSON bodies, odd methods", async () => {
    const token = await implicitToken(portal);
    const odd = await fetch(
      `${portal.urls.portal}/oauth2/token?__proto__=x&constructor=y&grant_type=%E0%A4%A&client_id=${CLIENT_ID}`,
    );
    expect(((await odd.json()) as { error: { code: number } }).error.code).toBe(400);
    const json = await fetch(`${portal.urls.portal}/community/self`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    expect(((await json.json()) as { error: { code: number } }).error.code).toBe(499);
    expect((await fetch(`${portal.urls.portal}/community/self`, { method: "DELETE" })).status).toBe(404);
    const where = await getJson(`${portal.urls.standalone}/rest/services/Landmarks/FeatureServer/0/query`, {
      where: "1=1; DROP TABLE x",
    });
    expect(where.error).toMatchObject({ code: 400 });
    expect((await selfOf(token)).username).toBe("jsmith");
    expect(Object.prototype).not.toHaveProperty("x");
  });

  it("keeps state when an authorize POST is incomplete", async () => {
    await admin(portal, "reset");
    const response = await fetch(`${portal.urls.portal}/oauth2/authorize`, { method: "POST" });
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
  });
});
