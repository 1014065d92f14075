/**
 * Recognises ArcGIS auth failures in a response without consuming the caller's body
 * (README "API"): HTTP 498/499, or HTTP 200 with a JSON body `{"error":{"code":498|499|403}}`.
 */

const CODES: unknown[] = [498, 499, 403];

/** Error bodies are small; a larger response is data, not an error envelope. */
const MAX_ENVELOPE_BYTES = 64 * 1024;

/** The ArcGIS code (498, 499 or 403) that makes `response` an auth or permission failure, else null. */
export async function authFailureCode(response: Response): Promise<number | null> {
  if (CODES.includes(response.status)) return response.status;
  if (!response.ok || !response.body) return null;
  const type = response.headers.get("content-type") ?? "";
  if (!/json|text\/plain/i.test(type)) return null;
  const length = Number(response.headers.get("content-length") ?? 0);
  if (length > MAX_ENVELOPE_BYTES) return null;
  try {
    const text = await response.clone().text();
    if (text.length > MAX_ENVELOPE_BYTES || !text.includes('"error"')) return null;
    const code = (JSON.parse(text) as { error?: { code?: number } } | null)?.error?.code as number;
    return CODES.includes(code) ? code : null;
  } catch {
    return null;
  }
}
