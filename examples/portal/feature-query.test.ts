import { describe, expect, it } from "vitest";
import { queryLayer } from "./feature-query.ts";
import { LAYERS } from "./features.ts";

type Answer = {
  features: Array<{ attributes: Record<string, unknown>; geometry?: unknown }>;
  [key: string]: unknown;
};
const query = (params: Record<string, string>, layer = LAYERS.Trees) => queryLayer(layer, params) as Answer;

describe("queryLayer", () => {
  it("returns every feature for where=1=1 with outFields=*", () => {
    const answer = query({ where: "1=1", outFields: "*" });
    expect(answer.features).toHaveLength(LAYERS.Trees.features.length);
    expect(Object.keys(answer.features[0]?.attributes ?? {})).toEqual(
      LAYERS.Trees.fields.map((field) => field.name),
    );
    expect(answer.features[0]?.geometry).toEqual({ x: expect.any(Number), y: expect.any(Number) });
    expect(answer.exceededTransferLimit).toBeUndefined();
  });

  it("returns only the object id when outFields is missing, and the listed fields otherwise", () => {
    expect(Object.keys(query({ where: "1=1" }).features[0]?.attributes ?? {})).toEqual(["OBJECTID"]);
    expect(Object.keys(query({ outFields: "common_name, HEIGHT_M" }).features[0]?.attributes ?? {})).toEqual([
      "common_name",
      "height_m",
    ]);
    expect(queryLayer(LAYERS.Trees, { outFields: "nope" })).toMatchObject({ error: { code: 400 } });
  });

  it("pages with resultRecordCount and resultOffset and says when more remain", () => {
    const page = query({ resultRecordCount: "10", resultOffset: "5" });
    expect(page.features.map((feature) => feature.attributes.OBJECTID)).toEqual([
      6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
    ]);
    expect(page.exceededTransferLimit).toBe(true);
    expect(queryLayer(LAYERS.Trees, { resultRecordCount: "-1" })).toMatchObject({ error: { code: 400 } });
  });

  it("counts, lists ids and filters with one comparison", () => {
    expect(queryLayer(LAYERS.Parcels, { where: "1 = 1", returnCountOnly: "true" })).toEqual({
      count: LAYERS.Parcels.features.length,
    });
    expect(queryLayer(LAYERS.Trees, { where: "OBJECTID <= 3", returnIdsOnly: "true" })).toEqual({
      objectIdFieldName: "OBJECTID",
      objectIds: [1, 2, 3],
    });
    const oaks = query({ where: "common_name = 'Coast live oak'", outFields: "common_name" });
    expect(oaks.features.length).toBeGreaterThan(0);
    expect(oaks.features.every((feature) => feature.attributes.common_name === "Coast live oak")).toBe(true);
    expect(queryLayer(LAYERS.Trees, { where: "nope = 1" })).toMatchObject({ error: { code: 400 } });
  });

  it("serves polygons in Web Mercator and leaves geometry out on request", () => {
    const parcels = query({ outFields: "*" }, LAYERS.Parcels);
    expect(parcels.spatialReference).toEqual({ wkid: 102100, latestWkid: 3857 });
    expect(parcels.geometryType).toBe("esriGeometryPolygon");
    expect((parcels.features[0]?.geometry as { rings: number[][][] } | undefined)?.rings[0]).toHaveLength(5);
    expect(query({ returnGeometry: "false" }).features[0]?.geometry).toBeUndefined();
  });
});
