import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  admin,
  getJson,
  implicitToken,
  postJson,
  serverToken,
  startTestPortal,
  type TestPortal,
} from "./test-support.ts";

let portal: TestPortal;
let jsmithServerToken: string;
let aleeServerToken: string;
beforeAll(async () => {
  portal = await startTestPortal();
  jsmithServerToken = await serverToken(portal, "jsmith");
  aleeServerToken = await serverToken(portal, "alee");
});
afterAll(() => portal.close());

const tokenRequired = {
  error: { code: 499, message: "Token Required", messageCode: "GWM_0003", details: ["Token Required"] },
};
const invalidToken = { error: { code: 498, message: "Invalid token.", details: [] } };
const forbidden = {
  error: {
    code: 403,
    messageCode: "GWM_0003",
    message: "You do not have permissions to access this resource or perform this operation.",
    details: [],
  },
};
const query = (root: string, service: string, fields: Record<string, string> = {}) =>
  getJson(`${root}/rest/services/${service}/FeatureServer/0/query`, {
    where: "1=1",
    outFields: "*",
    f: "json",
    ...fields,
  });

describe("federated server", () => {
  it("answers rest/info on GET and POST with the portal as owningSystemUrl", async () => {
    const expected = {
      currentVersion: 11.3,
      owningSystemUrl: portal.origin,
      authInfo: { isTokenBasedSecurity: true, tokenServicesUrl: `${portal.urls.portal}/generateToken` },
    };
    expect(await getJson(`${portal.urls.federated}/rest/info`, { f: "json" })).toMatchObject(expected);
    expect(await postJson(`${portal.urls.federated}/rest/info`, { f: "json" })).toMatchObject(expected);
  });

  it("lists its services", async () => {
    const directory = await getJson(`${portal.urls.federated}/rest/services`, { f: "json" });
    expect(directory.services).toEqual([
      { name: "Trees", type: "FeatureServer" },
      { name: "Restricted", type: "FeatureServer" },
    ]);
  });

  it("serves Trees to a server token, by GET and by POST", async () => {
    const byGet = await query(portal.urls.federated, "Trees", { token: jsmithServerToken });
    expect((byGet.features as unknown[]).length).toBeGreaterThanOrEqual(24);
    expect(byGet.spatialReference).toEqual({ wkid: 4326, latestWkid: 4326 });
    const byPost = await postJson(`${portal.urls.federated}/rest/services/Trees/FeatureServer/0/query`, {
      where: "1=1",
      outFields: "*",
      resultRecordCount: "5",
      f: "json",
      token: aleeServerToken,
    });
    expect(byPost.features).toHaveLength(5);
  });

  it("answers 499 without a token, 498 to a portal token and to an unknown one", async () => {
    expect(await query(portal.urls.federated, "Trees")).toEqual(tokenRequired);
    expect(await query(portal.urls.federated, "Trees", { token: await implicitToken(portal) })).toEqual(
      invalidToken,
    );
    expect(await query(portal.urls.federated, "Trees", { token: "nope" })).toEqual(invalidToken);
  });

  it("answers Restricted with data for jsmith and the 403 envelope for alee (HTTP 200)", async () => {
    const data = await query(portal.urls.federated, "Restricted", { token: jsmithServerToken });
    expect((data.features as unknown[]).length).toBeGreaterThan(0);
    const response = await fetch(
      `${portal.urls.federated}/rest/services/Restricted/FeatureServer/0/query?where=1=1&f=json&token=${aleeServerToken}`,
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(forbidden);
  });

  it("serves the FeatureServer and layer descriptions behind the same check", async () => {
    const service = await getJson(`${portal.urls.federated}/rest/services/Trees/FeatureServer`, {
      token: jsmithServerToken,
    });
    expect(service.layers).toMatchObject([
      { id: 0, name: "Street trees", geometryType: "esriGeometryPoint" },
    ]);
    const layer = await getJson(`${portal.urls.federated}/rest/services/Trees/FeatureServer/0`, {
      f: "json",
    });
    expect(layer).toEqual(tokenRequired);
  });

  it("stops accepting server tokens after /__admin/expire", async () => {
    const fresh = await serverToken(portal, "jsmith");
    await admin(portal, "expire");
    expect(await query(portal.urls.federated, "Trees", { token: fresh })).toEqual(invalidToken);
    jsmithServerToken = await serverToken(portal, "jsmith");
    aleeServerToken = await serverToken(portal, "alee");
  });
});

describe("standalone server", () => {
  it("answers rest/info on GET and POST without owningSystemUrl, with its own token service", async () => {
    for (const info of [
      await getJson(`${portal.urls.standalone}/rest/info`, { f: "json" }),
      await postJson(`${portal.urls.standalone}/rest/info`, { f: "json" }),
    ]) {
      expect(info).toEqual({
        currentVersion: 11.3,
        fullVersion: "11.3.0",
        authInfo: {
          isTokenBasedSecurity: true,
          tokenServicesUrl: `${portal.urls.standalone}/tokens/generateToken`,
        },
      });
    }
    const own = await postJson(`${portal.urls.standalone}/tokens/generateToken`, {
      username: "x",
      password: "y",
    });
    expect(own.error).toMatchObject({ code: 400 });
  });

  it("answers Parcels with 499 without a token and 498 to any token", async () => {
    expect(await query(portal.urls.standalone, "Parcels")).toEqual(tokenRequired);
    expect(await query(portal.urls.standalone, "Parcels", { token: jsmithServerToken })).toEqual(
      invalidToken,
    );
    expect(await query(portal.urls.standalone, "Parcels", { token: await implicitToken(portal) })).toEqual(
      invalidToken,
    );
  });

  it("serves the public Landmarks layer without a token", async () => {
    const answer = await query(portal.urls.standalone, "Landmarks");
    expect((answer.features as unknown[]).length).toBeGreaterThanOrEqual(20);
    expect((answer.features as Array<{ attributes: { name: string } }>)[0]?.attributes.name).toBeTypeOf(
      "string",
    );
  });
});
