import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { arcgisError } from "./envelopes.ts";
import type { RequestParams } from "./params.ts";

/**
 * The feature services' GeoServices answers, made by Koop's FeatureServer (the engine of Koop's
 * GeoServices output): layer and service descriptions, and `query` with its `where`, spatial
 * filters, `outSR`, quantization, statistics and `f=json|geojson|pbf`. Koop expects Express's
 * request and response; this file hands it the parameters the portal already parsed and turns
 * what Koop writes into a web `Response`, so the portal's own layers (CORS, log, failures, the
 * token check) stay in front of it. The data are GeoJSON files in `data/`, with Koop's
 * `metadata` member (name, idField, fields).
 */

/** ArcGIS Server version the servers report. */
export const SERVER_VERSION = 11.3;
/** A GeoJSON FeatureCollection with Koop's metadata. */
export interface KoopCollection {
  readonly type: "FeatureCollection";
  readonly metadata: { readonly name: string; readonly geometryType: string; readonly idField: string };
  readonly features: readonly unknown[];
}

type KoopHandler = (req: KoopRequest, res: CapturedResponse, data: KoopCollection) => unknown;

/** The part of @koopjs/featureserver (CommonJS, untyped) used here. */
interface FeatureServerModule {
  serverInfo: KoopHandler;
  layerInfo: KoopHandler;
  query: KoopHandler;
  setLogger(options: { logger: Record<"debug" | "info" | "warn" | "error" | "silly", () => void> }): void;
  setDefaults(defaults: Record<string, unknown>): void;
}

interface KoopRequest {
  readonly params: { readonly layer: string };
  readonly query: Record<string, string>;
  readonly body: Record<string, string>;
  readonly headers: Record<string, string>;
  readonly app: { readonly locals: { readonly config: { readonly featureServer: object } } };
}

const featureServer = createRequire(import.meta.url)("@koopjs/featureserver") as FeatureServerModule;
const quiet = () => undefined;
featureServer.setLogger({
  logger: { debug: quiet, info: quiet, warn: quiet, error: quiet, silly: quiet },
});
featureServer.setDefaults({ currentVersion: SERVER_VERSION, fullVersion: "11.3.0" });

/** Collects what Koop writes through Express's response API. */
class CapturedResponse {
  statusCode = 200;
  readonly headers = new Headers();
  body: Uint8Array | string | null = null;

  status(code: number): this {
    this.statusCode = code;
    return this;
  }
  set(name: string, value: string | number): this {
    this.headers.set(name, String(value));
    return this;
  }
  json(payload: unknown): this {
    this.headers.set("content-type", "application/json; charset=utf-8");
    return this.send(JSON.stringify(payload));
  }
  send(body: Uint8Array | string): this {
    this.body = body;
    return this;
  }
  end(body: Uint8Array | string = ""): this {
    return this.send(body);
  }
  toResponse(): Response {
    const body = typeof this.body === "string" || this.body === null ? this.body : Uint8Array.from(this.body);
    return new Response(body, { status: this.statusCode, headers: this.headers });
  }
}

/** Parameters Koop must not see: the token (checked before) and JSONP's callback (CORS serves browsers). */
const withheld = new Set(["token", "callback"]);

function koopRequest(params: RequestParams, layer: string): KoopRequest {
  const query: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) if (!withheld.has(name)) query[name] = value;
  return {
    params: { layer },
    query,
    body: {},
    headers: {},
    app: { locals: { config: { featureServer: { currentVersion: SERVER_VERSION, fullVersion: "11.3.0" } } } },
  };
}

/** What Koop answers for one route of a FeatureServer. */
export type GeoServicesRoute = "service" | "layer" | "query";

/** Runs Koop's handler for `route` on `data`; Koop's thrown errors become ArcGIS envelopes (HTTP 200). */
export function geoServicesAnswer(
  route: GeoServicesRoute,
  data: KoopCollection,
  params: RequestParams,
): Response {
  const res = new CapturedResponse();
  const handler = {
    service: featureServer.serverInfo,
    layer: featureServer.layerInfo,
    query: featureServer.query,
  }[route];
  try {
    handler(koopRequest(params, "0"), res, data);
  } catch (error) {
    const { code, message } = error as { code?: unknown; message?: unknown };
    const status = typeof code === "number" && code >= 400 && code < 600 ? code : 500;
    return Response.json(
      arcgisError(status, status === 500 ? "Unable to complete operation." : String(message), [
        typeof message === "string" ? message : "Unexpected error",
      ]),
    );
  }
  return res.toResponse();
}

const dataDirectory = join(dirname(fileURLToPath(import.meta.url)), "data");

/** Reads `data/<file>.geojson` once. */
export function readCollection(file: string): KoopCollection {
  const parsed = JSON.parse(readFileSync(join(dataDirectory, `${file}.geojson`), "utf8")) as KoopCollection;
  if (parsed.type !== "FeatureCollection" || !Array.isArray(parsed.features) || !parsed.metadata) {
    throw new Error(`Local portal: data/${file}.geojson is not a FeatureCollection with Koop metadata.`);
  }
  return parsed;
}
