import { describe, expect, it } from "vitest";
import { readLayerAnswer } from "./layer.ts";

describe("readLayerAnswer", () => {
  it("reads the features' attributes", () => {
    const body = { features: [{ attributes: { OBJECTID: 1 } }, { geometry: {} }] };
    expect(readLayerAnswer(200, body)).toEqual({ ok: true, rows: [{ OBJECTID: 1 }, {}] });
  });

  it("reads ArcGIS's error envelope sent with HTTP 200", () => {
    const body = { error: { code: 499, message: "Token Required", details: [] } };
    expect(readLayerAnswer(200, body)).toEqual({ ok: false, code: 499, message: "Token Required" });
  });

  it("falls back to the HTTP status for a malformed envelope or body", () => {
    expect(readLayerAnswer(498, { error: { code: "x" } })).toEqual({
      ok: false,
      code: 498,
      message: "Error",
    });
    expect(readLayerAnswer(503, null)).toEqual({ ok: false, code: 503, message: "Unexpected answer" });
    expect(readLayerAnswer(200, { features: "no" })).toEqual({
      ok: false,
      code: 200,
      message: "Unexpected answer",
    });
  });
});
