/**
 * The shell's network edge: form POSTs to the portal (`oauth2/token`, `oauth2/revokeToken`,
 * `generateToken`) and to servers (`rest/info`), each bounded by a timeout and sent without
 * cookies. Every failure — a network error, a timeout, an HTTP status, a page that is not JSON, an
 * ArcGIS error envelope, an answer without what was asked — becomes an error through one function,
 * `requestFailure`: a fixed message per kind, plus ArcGIS's numeric code and `messageCode` only
 * when they have ArcGIS's shape and repeat none of the secrets the request carried. No text a
 * portal or server wrote (which may echo a token, a code or a verifier back) reaches the shell's
 * callers or an app (shell/README.md "Errors").
 */
import { PortalError } from "../../protocol/errors.ts";

/** A parsed JSON object answer. */
export type JsonObject = Record<string, unknown>;

/** A form as sent: field name → value. */
export type Form = Record<string, string>;

/** Whether `value` is a plain JSON object (not null, not an array). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Form fields whose values are secrets (docs/arcgis.md §2, §5): the portal token, codes, verifiers, refresh tokens. */
const SECRET_FIELDS = ["token", "auth_token", "code", "code_verifier", "refresh_token"];

/** How a call failed; each kind has one fixed message. */
export type FailureKind = "unreachable" | "timeout" | "status" | "unreadable" | "refused";

/** The fixed message of each kind (exported for tests). */
export const FAILURE_MESSAGES: Readonly<Record<FailureKind, string>> = {
  unreachable: "The portal or server could not be reached.",
  timeout: "The portal or server did not answer in time.",
  status: "The portal or server answered with an HTTP error.",
  unreadable: "The portal or server answered something other than what was asked.",
  refused: "The portal or server refused the request.",
};

/** ArcGIS's message codes look like `GWM_0003`; anything else is free text and stays behind. */
const MESSAGE_CODE = /^[A-Za-z][A-Za-z0-9]{0,15}_[A-Za-z0-9]{1,16}$/;

/**
 * The one way a failed call becomes an error. `form` is what the request carried (its secret
 * fields are what the answer may not repeat); `said` is what the portal or server said: an HTTP
 * status or an error envelope's `code` and `messageCode`. Nothing else of the answer is kept.
 */
export function requestFailure(
  kind: FailureKind,
  form: Form = {},
  said: { code?: unknown; messageCode?: unknown } = {},
): PortalError {
  const { code, messageCode } = said;
  const arcgisCode = Number.isInteger(code) && (code as number) >= 0 && (code as number) < 1e5;
  const keepsMessageCode =
    typeof messageCode === "string" &&
    MESSAGE_CODE.test(messageCode) &&
    !SECRET_FIELDS.some((field) => form[field] && messageCode.includes(form[field]));
  return new PortalError(
    FAILURE_MESSAGES[kind],
    arcgisCode ? (code as number) : undefined,
    keepsMessageCode ? messageCode : undefined,
  );
}

/**
 * POSTs `form` form-encoded to `url` without cookies and returns the JSON object it answers.
 * Rejects through `requestFailure` on a network failure, after `timeoutMs`, on a non-2xx status
 * (its `arcgisCode`), or on a body that is not a JSON object.
 */
export async function postForm(
  fetchFn: typeof fetch,
  url: string,
  form: Form,
  timeoutMs: number,
): Promise<JsonObject> {
  const signal = AbortSignal.timeout(timeoutMs);
  // Also race the signal ourselves: an injected or polyfilled fetch may ignore it, and the body
  // can stall after the headers arrived. The no-op catch keeps a late abort from going unhandled.
  const aborted = new Promise<never>((_, reject) => {
    signal.onabort = reject; // the signal is ours alone; what failed is read from `signal.aborted`
  });
  aborted.catch(() => {});
  try {
    const response = await Promise.race([
      fetchFn(url, {
        method: "POST",
        // A form body keeps the token out of the URL and makes a CORS "simple" request (no preflight).
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(form).toString(),
        // No cookies: the token in the form is the only credential, and a lookup made for an app
        // must not carry the page's cookies to a server the app named.
        credentials: "omit",
        signal,
      }),
      aborted,
    ]);
    if (!response.ok) throw requestFailure("status", form, { code: response.status });
    const text = await Promise.race([response.text(), aborted]);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
    if (!isJsonObject(body)) throw requestFailure("unreadable", form);
    return body;
  } catch (error) {
    if (error instanceof PortalError) throw error;
    throw requestFailure(signal.aborted ? "timeout" : "unreachable", form);
  }
}

/** The error for an ArcGIS error envelope (`{"error":{code,message,messageCode?}}`, sent with HTTP 200), or null. */
export function envelopeError(body: JsonObject, form: Form): PortalError | null {
  return isJsonObject(body.error) ? requestFailure("refused", form, body.error) : null;
}
