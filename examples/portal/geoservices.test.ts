import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getJson, serverToken, startTestPortal, type TestPortal } from "./test-support.ts";

/** The queries @arcgis/core sends, answered by Koop behind the portal's token check. */

interface TreeFeature {
  properties: { OBJECTID: number; condition: string; address: string };
  geometry: { coordinates: [number, number] };
}
const trees = JSON.parse(readFileSync(new URL("./data/trees.geojson", import.meta.url), "utf8")) as {
  features: TreeFeature[];
};

let portal: TestPortal;
let token: string;
let queryUrl: string;
beforeAll(async () => {
  portal = await startTestPortal();
  token = await serverToken(portal, "alee");
  queryUrl = `${portal.urls.federated}/rest/services/Trees/FeatureServer/0/query`;
});
afterAll(() => portal.close());

const query = (fields: Record<string, string>) => getJson(queryUrl, { token, f: "json", ...fields });

describe("Koop's FeatureServer behind the token check", () => {
  it("answers f=pbf with a protobuf FeatureCollection of every feature", async () => {
    const url = new URL(queryUrl);
    for (const [key, value] of Object.entries({ where: "1=1", outFields: "*", f: "pbf", token }))
      url.searchParams.set(key, value);
    const response = await fetch(url);
    expect(response.headers.get("content-type")).toBe("application/x-protobuf");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(bytes.length).toBeGreaterThan(0);
    // Protobuf keeps strings as UTF-8 bytes: every tree's address is in the answer.
    const text = new TextDecoder().decode(bytes);
    for (const feature of trees.features) expect(text).toContain(feature.properties.address);
  });

  it("counts with returnCountOnly, also with a where clause", async () => {
    expect(await query({ where: "1=1", returnCountOnly: "true" })).toEqual({ count: trees.features.length });
    const good = trees.features.filter((feature) => feature.properties.condition === "Good").length;
    expect(await query({ where: "condition = 'Good'", returnCountOnly: "true" })).toEqual({ count: good });
  });

  it("filters by an envelope (spatial filter) the way the file's coordinates say", async () => {
    const [xmin, ymin, xmax, ymax] = [-117.186, 34.05, -117.178, 34.057];
    const inside = trees.features.filter(
      ({
        geometry: {
          coordinates: [x, y],
        },
      }) => {
        return x >= xmin && x <= xmax && y >= ymin && y <= ymax;
      },
    );
    expect(inside.length).toBeGreaterThan(0);
    expect(inside.length).toBeLessThan(trees.features.length);
    const answer = await query({
      geometry: JSON.stringify({ xmin, ymin, xmax, ymax, spatialReference: { wkid: 4326 } }),
      geometryType: "esriGeometryEnvelope",
      spatialRel: "esriSpatialRelIntersects",
      inSR: "4326",
      outFields: "OBJECTID",
      returnGeometry: "false",
    });
    const ids = (answer.features as Array<{ attributes: { OBJECTID: number } }>).map(
      (f) => f.attributes.OBJECTID,
    );
    expect(ids.sort((a, b) => a - b)).toEqual(inside.map((feature) => feature.properties.OBJECTID));
  });

  it("projects to Web Mercator on outSR=102100", async () => {
    const answer = await query({ where: "OBJECTID = 1", outSR: "102100", returnGeometry: "true" });
    const [lon] = trees.features[0]?.geometry.coordinates ?? [0];
    const feature = (answer.features as Array<{ geometry: { x: number } }>)[0];
    expect(feature?.geometry.x).toBeCloseTo((lon * 20_037_508.34) / 180, 0);
    expect(answer.spatialReference).toMatchObject({ wkid: 102100 });
  });

  it("describes the layer with PBF among its query formats", async () => {
    const layer = await getJson(`${portal.urls.federated}/rest/services/Trees/FeatureServer/0`, { token });
    expect(layer).toMatchObject({ name: "Street trees", objectIdField: "OBJECTID", currentVersion: 11.3 });
    expect(String(layer.supportedQueryFormats)).toContain("PBF");
  });

  it("answers a malformed where with an ArcGIS error envelope (HTTP 200)", async () => {
    const url = new URL(queryUrl);
    for (const [key, value] of Object.entries({ where: "OBJECTID ==== 'x", f: "json", token }))
      url.searchParams.set(key, value);
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { error: { code: number } }).error.code).toBeGreaterThanOrEqual(400);
  });
});
