import type { MiddlewareHandler } from "hono";

/**
 * CORS for the demo origins (and the portal's own origin, over http and https), on all three
 * servers, the way ArcGIS Online answers: the allowed Origin is echoed with `Vary: Origin` and
 * `Access-Control-Allow-Credentials: true` (the Maps SDK sends `credentials: "include"` to the
 * portal, and the browser refuses such an answer without it), preflights are answered here; any
 * other origin gets no CORS header at all, so the browser keeps the answer from it.
 */

/** The demo's two origins (README). */
export const DEMO_ORIGINS: readonly string[] = ["http://localhost:5173", "http://127.0.0.1:5174"];

/** Methods a preflight may ask for. */
export const ALLOWED_METHODS = "GET, POST";
/** Request headers a preflight may ask for (rest-js and the SDK send the first two). */
export const ALLOWED_HEADERS = "content-type, x-esri-authorization, authorization, x-requested-with";

/** Whether `origin` may read answers, given the portal's own (http) origin; its https twin is allowed too. */
export function isAllowedOrigin(origin: string | undefined, portalOrigin: string): boolean {
  if (origin === undefined) return false;
  const portalOverHttps = portalOrigin.replace(/^http:/, "https:");
  return DEMO_ORIGINS.includes(origin) || origin === portalOrigin || origin === portalOverHttps;
}

/** The middleware; `portalOrigin` is read per request because port 0 binds late. */
export function cors(portalOrigin: () => string): MiddlewareHandler {
  return async (c, next) => {
    const origin = c.req.header("origin");
    const allowed = isAllowedOrigin(origin, portalOrigin());
    const isPreflight =
      c.req.method === "OPTIONS" && c.req.header("access-control-request-method") !== undefined;
    if (isPreflight) {
      const headers: Record<string, string> = { Vary: "Origin" };
      if (allowed && origin) {
        headers["Access-Control-Allow-Origin"] = origin;
        headers["Access-Control-Allow-Credentials"] = "true";
        headers["Access-Control-Allow-Methods"] = ALLOWED_METHODS;
        headers["Access-Control-Allow-Headers"] = ALLOWED_HEADERS;
        headers["Access-Control-Max-Age"] = "600";
      }
      return c.body(null, 204, headers);
    }
    await next();
    c.res.headers.append("Vary", "Origin");
    if (allowed && origin) {
      c.res.headers.set("Access-Control-Allow-Origin", origin);
      c.res.headers.set("Access-Control-Allow-Credentials", "true");
    }
    return undefined;
  };
}
