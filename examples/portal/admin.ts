import type { Context, Hono, MiddlewareHandler } from "hono";
import { isLoopbackHostname } from "./host-guard.ts";
import type { PortalStore } from "./store.ts";

/**
 * Test controls under `/__admin/` (examples/portal/README.md), JSON in and out: reset, expire, log, fail, config.
 * Admin requests are neither logged nor failed. Bad input gets HTTP 400 and changes nothing.
 * Any web page can send a "simple" cross-origin POST (a form, or fetch with a text/plain body)
 * without asking first, so these routes answer only pages on a loopback origin (or no page at
 * all: no Origin header), and POSTs only with a JSON content type, which a foreign page cannot
 * send without a CORS preflight the portal refuses.
 */

/** The admin routes' prefix. */
export const ADMIN_BASE = "/__admin";

/** Largest `count` accepted by `POST fail` and `accessTokenSeconds` by `POST config`. */
const MAX_FAIL_COUNT = 1_000_000;
const MAX_ACCESS_SECONDS = 20_160 * 60;

type Json = Record<string, unknown>;

/** The JSON object of the body; `{}` for an empty body; null when it is not a JSON object. */
async function readJsonObject(c: Context): Promise<Json | null> {
  const text = await c.req.text().catch(() => null);
  if (text === null) return null;
  if (text.trim() === "") return {};
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Json) : null;
  } catch {
    return null;
  }
}

const refuse = (c: Context, status: 400 | 403 | 415, message: string) =>
  c.json({ error: { code: status, message, details: [] } }, status);
const badRequest = (c: Context, message: string) => refuse(c, 400, message);

/** Whether an Origin header value is absent or a loopback http(s) origin. */
export function isLoopbackOrigin(origin: string | undefined): boolean {
  if (origin === undefined) return true;
  try {
    const url = new URL(origin);
    return (url.protocol === "http:" || url.protocol === "https:") && isLoopbackHostname(url.hostname);
  } catch {
    return false;
  }
}

/** Whether a Content-Type header value is JSON (`application/json`, parameters allowed). */
export function isJsonContentType(contentType: string | undefined): boolean {
  return contentType?.split(";")[0]?.trim().toLowerCase() === "application/json";
}

/** In front of every admin route: 403 for a foreign page, 415 for a POST that is not JSON. */
const adminGuard: MiddlewareHandler = async (c, next) => {
  if (!isLoopbackOrigin(c.req.header("origin"))) {
    return refuse(c, 403, "The test controls answer only pages on a loopback origin.");
  }
  if (c.req.method === "POST" && !isJsonContentType(c.req.header("content-type"))) {
    return refuse(c, 415, "Send the test controls a JSON body (Content-Type: application/json).");
  }
  await next();
  return undefined;
};

/** Adds the admin routes to the portal app. */
export function addAdminRoutes(app: Hono, store: PortalStore): void {
  app.use(`${ADMIN_BASE}/*`, adminGuard);
  const post = (path: string, handle: (c: Context, body: Json) => Response) =>
    app.post(`${ADMIN_BASE}/${path}`, async (c) => {
      const body = await readJsonObject(c);
      return body === null ? badRequest(c, "The body must be a JSON object.") : handle(c, body);
    });

  post("reset", (c) => {
    store.reset();
    return c.json({ ok: true });
  });

  post("expire", (c, body) => {
    if (body.refresh !== undefined && typeof body.refresh !== "boolean") {
      return badRequest(c, "refresh must be true or false.");
    }
    store.expireAll(body.refresh === true);
    return c.json({ ok: true, refresh: body.refresh === true });
  });

  // `count`: the next N requests fail; `rate`: from now on each request fails with that probability
  // (a soak's "5 % of requests"), until `{"rate": 0}` or reset. Either or both.
  post("fail", (c, body) => {
    const { count, rate } = body;
    const validCount =
      count === undefined ||
      (typeof count === "number" && Number.isInteger(count) && count >= 0 && count <= MAX_FAIL_COUNT);
    const validRate = rate === undefined || (typeof rate === "number" && rate >= 0 && rate <= 1);
    if (!validCount || !validRate || (count === undefined && rate === undefined)) {
      return badRequest(
        c,
        `count must be an integer from 0 to ${MAX_FAIL_COUNT}; rate a number from 0 to 1.`,
      );
    }
    if (typeof count === "number") store.failuresLeft = count;
    if (typeof rate === "number") store.failureRate = rate;
    return c.json({ ok: true, count: store.failuresLeft, rate: store.failureRate });
  });

  post("config", (c, body) => {
    const seconds = body.accessTokenSeconds;
    const valid =
      seconds === null ||
      (typeof seconds === "number" &&
        Number.isInteger(seconds) &&
        seconds >= 1 &&
        seconds <= MAX_ACCESS_SECONDS);
    if (!valid)
      return badRequest(c, `accessTokenSeconds must be null or an integer from 1 to ${MAX_ACCESS_SECONDS}.`);
    store.config = { accessTokenSeconds: seconds ?? store.defaultAccessTokenSeconds };
    return c.json({ ok: true, config: store.config });
  });

  app.get(`${ADMIN_BASE}/config`, (c) => c.json(store.config));
  app.get(`${ADMIN_BASE}/log`, (c) => c.json(store.log));
}
