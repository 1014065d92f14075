/**
 * Reading ArcGIS JSON answers the way the demo apps show them: features, or the error envelope
 * (ArcGIS answers HTTP 200 with `{"error":{"code":499}}`), never trusting the shape.
 */

/** One row of a feature layer query. */
export type Attributes = Record<string, unknown>;

/** What a query answered: its features, or the ArcGIS/HTTP error code and message. */
export type LayerAnswer = { ok: true; rows: Attributes[] } | { ok: false; code: number; message: string };

/** Interprets a query's HTTP status and parsed JSON body. */
export function readLayerAnswer(status: number, body: unknown): LayerAnswer {
  const data = (body ?? {}) as { features?: unknown; error?: { code?: unknown; message?: unknown } };
  if (data.error && typeof data.error === "object") {
    const code = typeof data.error.code === "number" ? data.error.code : status;
    const message = typeof data.error.message === "string" ? data.error.message : "Error";
    return { ok: false, code, message };
  }
  if (status < 200 || status > 299 || !Array.isArray(data.features)) {
    return { ok: false, code: status, message: "Unexpected answer" };
  }
  const rows = data.features.map((feature) => (feature as { attributes?: Attributes }).attributes ?? {});
  return { ok: true, rows };
}

/** Fetches with `fetchFn` (the SDK's `client.fetch`, or plain `fetch`) and reads the answer. */
export async function queryLayer(
  fetchFn: (url: string) => Promise<Response>,
  url: string,
): Promise<LayerAnswer & { tokenSent: boolean }> {
  const response = await fetchFn(url);
  const body: unknown = await response.json().catch(() => null);
  // The final URL tells whether a token query parameter went out (never shown, only its presence).
  const tokenSent = new URL(response.url || url).searchParams.has("token");
  return { ...readLayerAnswer(response.status, body), tokenSent };
}

/** Renders `rows` as an accessible table of `columns` (label → attribute), text only. */
export function layerTable(
  caption: string,
  rows: Attributes[],
  columns: Record<string, string>,
): HTMLTableElement {
  const table = document.createElement("table");
  table.createCaption().textContent = caption;
  const head = table.createTHead().insertRow();
  for (const label of Object.keys(columns)) {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = label;
    head.append(th);
  }
  const body = table.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    for (const field of Object.values(columns)) tr.insertCell().textContent = String(row[field] ?? "");
  }
  return table;
}
