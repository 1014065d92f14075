import { type ArcGISErrorBody, arcgisError } from "./envelopes.ts";
import type { Feature, FeatureLayer, Field } from "./features.ts";
import { param, type RequestParams } from "./params.ts";

/**
 * `FeatureServer/0/query`, simply: `where` is `1=1` or one comparison (`field = 'text'`,
 * `OBJECTID > 10`), plus `outFields`, `returnGeometry`, `resultOffset`, `resultRecordCount`,
 * `returnCountOnly` and `returnIdsOnly`. Pure: the answer depends on the layer and the
 * parameters only.
 */

/** Most features one query returns (ArcGIS's maxRecordCount). */
export const MAX_RECORD_COUNT = 1000;

type Comparison = { readonly field: string; readonly op: string; readonly value: string | number };
type Predicate = (feature: Feature) => boolean;

const invalid = (name: string): ArcGISErrorBody =>
  arcgisError(400, "Unable to complete operation.", [`'${name}' parameter is invalid`]);

function parseComparison(where: string): Comparison | null {
  const match =
    /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(=|<>|>=|<=|>|<)\s*(?:'((?:[^']|'')*)'|(-?\d+(?:\.\d+)?))\s*$/.exec(
      where,
    );
  if (!match) return null;
  const [, field = "", op = "=", quoted, numeric] = match;
  return { field, op, value: quoted !== undefined ? quoted.replaceAll("''", "'") : Number(numeric) };
}

function compare(left: string | number, op: string, right: string | number): boolean {
  switch (op) {
    case "=":
      return left === right;
    case "<>":
      return left !== right;
    case ">":
      return left > right;
    case "<":
      return left < right;
    case ">=":
      return left >= right;
    default:
      return left <= right;
  }
}

function fieldNamed(layer: FeatureLayer, name: string): Field | undefined {
  return layer.fields.find((field) => field.name.toLowerCase() === name.toLowerCase());
}

/** The filter for a `where` clause, or null when the clause is not understood. */
export function parseWhere(layer: FeatureLayer, where: string | undefined): Predicate | null {
  if (where === undefined || /^\s*1\s*=\s*1\s*$/.test(where)) return () => true;
  const comparison = parseComparison(where);
  const field = comparison && fieldNamed(layer, comparison.field);
  if (!comparison || !field) return null;
  return (feature) => {
    const value = feature.attributes[field.name];
    return (
      value !== undefined &&
      typeof value === typeof comparison.value &&
      compare(value, comparison.op, comparison.value)
    );
  };
}

/** The fields `outFields` selects (`*` = all; missing = only the object id), or null when one is unknown. */
export function parseOutFields(layer: FeatureLayer, outFields: string | undefined): Field[] | null {
  if (outFields === undefined) return layer.fields.filter((field) => field.type === "esriFieldTypeOID");
  const names = outFields
    .split(",")
    .map((name) => name.trim())
    .filter((name) => name !== "");
  if (names.includes("*")) return [...layer.fields];
  const fields = names.map((name) => fieldNamed(layer, name));
  return fields.every((field) => field !== undefined) ? (fields as Field[]) : null;
}

function nonNegativeInteger(value: string | undefined, fallback: number): number | null {
  if (value === undefined) return fallback;
  const number = Number(value);
  return Number.isInteger(number) && number >= 0 ? number : null;
}

const isTrue = (value: string | undefined): boolean => value?.toLowerCase() === "true";

/** The JSON answer of a query on `layer`. */
export function queryLayer(layer: FeatureLayer, params: RequestParams): Record<string, unknown> {
  const predicate = parseWhere(layer, param(params, "where"));
  if (!predicate) return invalid("where");
  const fields = parseOutFields(layer, param(params, "outFields"));
  if (!fields) return invalid("outFields");
  const offset = nonNegativeInteger(param(params, "resultOffset"), 0);
  const count = nonNegativeInteger(param(params, "resultRecordCount"), MAX_RECORD_COUNT);
  if (offset === null) return invalid("resultOffset");
  if (count === null) return invalid("resultRecordCount");

  const matching = layer.features.filter(predicate);
  if (isTrue(param(params, "returnCountOnly"))) return { count: matching.length };
  if (isTrue(param(params, "returnIdsOnly"))) {
    return {
      objectIdFieldName: "OBJECTID",
      objectIds: matching.map((feature) => feature.attributes.OBJECTID),
    };
  }
  const page = matching.slice(offset, offset + Math.min(count, MAX_RECORD_COUNT));
  const withGeometry = param(params, "returnGeometry")?.toLowerCase() !== "false";
  const answer: Record<string, unknown> = {
    objectIdFieldName: "OBJECTID",
    globalIdFieldName: "",
    geometryType: layer.geometryType,
    spatialReference: { wkid: layer.wkid, latestWkid: layer.wkid === 102100 ? 3857 : 4326 },
    fields: fields.map((field) => ({ ...field })),
    features: page.map((feature) => ({
      attributes: Object.fromEntries(
        fields.map((field) => [field.name, feature.attributes[field.name] ?? null]),
      ),
      ...(withGeometry ? { geometry: feature.geometry } : {}),
    })),
  };
  if (offset + page.length < matching.length) answer.exceededTransferLimit = true;
  return answer;
}
