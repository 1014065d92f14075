import type { Context } from "hono";

/**
 * Request parameters the ArcGIS way: query string and form body (urlencoded or multipart) merged
 * into one flat string map, form fields winning; the token from the `token` parameter or the
 * `X-Esri-Authorization: Bearer …` header. Parsed once per request and shared by the log
 * middleware and the handlers.
 */

/** Parameters of one request; `null` when the body could not be parsed. */
export type RequestParams = Readonly<Record<string, string>>;

const parsed = new WeakMap<Request, Promise<RequestParams | null>>();

/** Keys that would reach Object.prototype if a parser ever used a plain object; never stored. */
const forbiddenKeys = new Set(["__proto__", "constructor", "prototype"]);

function collect(target: Record<string, string>, entries: Iterable<[string, FormDataEntryValue]>): void {
  for (const [key, value] of entries) {
    if (typeof value === "string" && !forbiddenKeys.has(key)) target[key] = value;
  }
}

async function parse(c: Context): Promise<RequestParams | null> {
  const params: Record<string, string> = Object.create(null);
  collect(params, new URL(c.req.url).searchParams);
  if (c.req.method !== "POST" && c.req.method !== "PUT") return params;
  const type = (c.req.header("content-type") ?? "").toLowerCase();
  try {
    if (type.startsWith("application/x-www-form-urlencoded")) {
      collect(params, new URLSearchParams(await c.req.text()));
    } else if (type.startsWith("multipart/form-data")) {
      collect(params, (await c.req.formData()).entries());
    }
  } catch {
    return null;
  }
  return params;
}

/** The merged query and form parameters of this request, or null when the body is malformed. */
export function readParams(c: Context): Promise<RequestParams | null> {
  let promise = parsed.get(c.req.raw);
  if (!promise) {
    promise = parse(c);
    parsed.set(c.req.raw, promise);
  }
  return promise;
}

/** The token in `X-Esri-Authorization: Bearer <token>`, if any. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^\s*Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return match?.[1] ?? null;
}

/** The token sent with this request (parameter first, then header), or null when none was sent. */
export function tokenOf(c: Context, params: RequestParams | null): string | null {
  const fromParams = params?.token;
  if (fromParams) return fromParams;
  return bearerToken(c.req.header("x-esri-authorization"));
}

/** A parameter as a string, or undefined when missing or empty. */
export function param(params: RequestParams, name: string): string | undefined {
  const value = params[name];
  return value === undefined || value === "" ? undefined : value;
}

/** Middleware: a request whose body cannot be parsed gets an ArcGIS 400 envelope and touches nothing. */
export async function rejectMalformedBody(
  c: Context,
  next: () => Promise<void>,
): Promise<Response | undefined> {
  if ((await readParams(c)) === null) {
    return c.json({ error: { code: 400, message: "Unable to parse the request body.", details: [] } }, 400);
  }
  await next();
  return undefined;
}
