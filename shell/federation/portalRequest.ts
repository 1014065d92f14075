/**
 * The side-effect edge of federation: form POSTs to a server's `rest/info` and the portal's
 * `generateToken`, each bounded by a timeout, failures turned into `PortalError`s whose messages
 * name the endpoint but never a form value (the portal token travels in the form).
 */
import { PortalError } from "../../sdk/errors.ts";

/** A parsed JSON object answer. */
export type JsonObject = Record<string, unknown>;

/** Whether `value` is a plain JSON object (not null, not an array). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * POSTs `form` form-encoded to `url` and returns the JSON object it answers. Rejects with a
 * `PortalError` on a network failure, after `timeoutMs`, on a non-2xx status, or on a body that
 * is not a JSON object. `label` names the endpoint in messages (e.g. `http://host/arcgis/rest/info`).
 */
export async function postForm(
  fetchFn: typeof fetch,
  url: string,
  form: Record<string, string>,
  timeoutMs: number,
  label: string,
): Promise<JsonObject> {
  const signal = AbortSignal.timeout(timeoutMs);
  // Also race the signal ourselves: an injected or polyfilled fetch may ignore it, and the body
  // can stall after the headers arrived. The no-op catch keeps a late abort from going unhandled.
  const aborted = new Promise<never>((_, reject) => {
    signal.addEventListener("abort", () => reject(signal.reason), { once: true });
  });
  aborted.catch(() => {});
  try {
    const response = await Promise.race([
      fetchFn(url, {
        method: "POST",
        // A form body keeps the token out of the URL and makes a CORS "simple" request (no preflight).
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(form).toString(),
        signal,
      }),
      aborted,
    ]);
    if (!response.ok) throw new PortalError(`${label} answered HTTP ${response.status}.`);
    const text = await Promise.race([response.text(), aborted]);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new PortalError(`${label} did not answer JSON.`);
    }
    if (!isJsonObject(body)) throw new PortalError(`${label} did not answer a JSON object.`);
    return body;
  } catch (error) {
    if (error instanceof PortalError) throw error;
    if (signal.aborted) throw new PortalError(`${label} did not answer within ${timeoutMs} ms.`);
    throw new PortalError(`${label} could not be reached (network error).`);
  }
}

/**
 * The `PortalError` for an ArcGIS error envelope (`{"error":{code,message,messageCode?}}`, sent
 * with HTTP 200), or null when `body` is not one. `secret` is scrubbed from the portal's message
 * in case it echoes the token it was given.
 */
export function envelopeError(body: JsonObject, label: string, secret: string): PortalError | null {
  const error = body.error;
  if (!isJsonObject(error)) return null;
  const arcgisCode = typeof error.code === "number" ? error.code : undefined;
  const messageCode = typeof error.messageCode === "string" ? error.messageCode : undefined;
  const said = typeof error.message === "string" ? scrub(error.message, secret).slice(0, 300) : "no message";
  return new PortalError(`${label} refused: ${said}`, arcgisCode, messageCode);
}

function scrub(text: string, secret: string): string {
  return secret === "" ? text : text.split(secret).join("[token]");
}
