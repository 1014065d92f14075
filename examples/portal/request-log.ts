import type { MiddlewareHandler } from "hono";
import { serviceUnavailable } from "./envelopes.ts";
import { readParams, tokenOf } from "./params.ts";
import type { PortalStore } from "./store.ts";

/**
 * The test-control middleware of every non-admin request: it writes the request to the log
 * (`GET /__admin/log`) with the token wherever it was sent, then fails it with HTTP 503 while
 * `POST /__admin/fail` has failures pending. It runs inside the CORS middleware, so preflights
 * (browser mechanics, answered there) are neither logged nor failed, and a 503 still carries
 * the CORS headers: the page sees the 503 itself rather than a CORS error.
 */
export function requestLog(store: PortalStore): MiddlewareHandler {
  return async (c, next) => {
    const url = new URL(c.req.url);
    const params = await readParams(c);
    store.record({
      time: store.now(),
      host: c.req.header("host") ?? url.host,
      method: c.req.method,
      path: url.pathname,
      token: tokenOf(c, params),
    });
    if (store.takeFailure()) return c.json(serviceUnavailable(), 503);
    await next();
    return undefined;
  };
}
