/** Options of `createAuthShell` (README "API"): their validation and defaults, pure. */
import { InvalidOptionsError } from "../protocol/errors.ts";
import { isHttp, toUrl } from "../protocol/url.ts";
import { MAX_TIMER_MS } from "./session/expiry.ts";
import type { AuthRequiredReason } from "./types.ts";

/** A re-sign-in UI: resolve after calling `shell.signIn()` from a click, reject (or throw) on Cancel. */
export type PromptFunction = (reason: AuthRequiredReason, signal: AbortSignal) => Promise<void>;

/** What `createAuthShell` accepts. */
export interface AuthShellOptions {
  clientId: string;
  /** The callback page, registered with the portal. */
  redirectUri: string;
  /** Default `https://www.arcgis.com/sharing/rest`. */
  portal?: string;
  /** Default `"pkce"`; `"implicit"` is `response_type=token`. */
  flow?: "pkce" | "implicit";
  /** Minutes, integer 1..20160, default 20160 (implicit: the token's life; PKCE: the refresh token's). */
  expiration?: number;
  /** Default true; false = full-page redirect. */
  popup?: boolean;
  /** Default `"session"`. */
  storage?: "session" | "local" | "memory";
  /** Exact origins whose frames may connect (SDK handshake, ArcGIS embedded-app protocol). */
  childOrigins?: string[];
  /** A sign-in that gets no answer rejects after this (default 5 minutes). */
  signInTimeoutMs?: number;
  /** Re-sign-in UI; default: the built-in dialog; `false`: the app handles `auth-required`. */
  prompt?: false | PromptFunction;
  /** `locale` parameter of the authorize page (default empty: the portal decides). */
  locale?: string;
  /** `style` parameter of the authorize page (default empty). */
  style?: "light" | "dark";
}

/** Options after validation, every default filled in. */
export interface ResolvedOptions {
  clientId: string;
  redirectUri: string;
  /** Origin of `redirectUri`: the only origin a callback message may come from. */
  redirectOrigin: string;
  /** Without trailing slash. */
  portal: string;
  flow: "pkce" | "implicit";
  expiration: number;
  popup: boolean;
  storage: "session" | "local" | "memory";
  childOrigins: string[];
  signInTimeoutMs: number;
  prompt: PromptFunction | false | "default";
  locale: string;
  style: "" | "light" | "dark";
}

/** Default portal (ArcGIS Online). */
export const DEFAULT_PORTAL = "https://www.arcgis.com/sharing/rest";
/** Longest `expiration` the portal accepts: two weeks in minutes. */
export const MAX_EXPIRATION_MINUTES = 20160;
/** Default wait for a sign-in answer. */
export const DEFAULT_SIGN_IN_TIMEOUT_MS = 5 * 60_000;

function fail(message: string): never {
  throw new InvalidOptionsError(message);
}

/** `value` as an absolute http(s) URL without a fragment; else `InvalidOptionsError` naming `name`. */
export function httpUrl(value: unknown, name: string): URL {
  const url = toUrl(value);
  if (!url || !isHttp(url)) fail(`${name} must be an absolute http(s) URL`);
  if (url.hash) fail(`${name} must not have a fragment`);
  return url;
}

/** `value` if it is one of `allowed`, `fallback` if undefined; else `InvalidOptionsError` naming `name`. */
function oneOf<T, F = T>(value: unknown, allowed: readonly T[], fallback: F, name: string): T | F {
  if (value === undefined) return fallback;
  if ((allowed as readonly unknown[]).includes(value)) return value as T;
  return fail(`${name} must be one of ${allowed.join(", ")}`);
}

/** `value` if it is an integer in 1..`max`, `fallback` if undefined; else `InvalidOptionsError`. */
function positiveInteger(value: unknown, max: number, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (Number.isInteger(value) && (value as number) >= 1 && (value as number) <= max) return value as number;
  return fail(`${name} must be an integer in 1..${max}`);
}

/** `value` if it is of type `type` (`typeof`), `fallback` if undefined; else `InvalidOptionsError`. */
function ofType<T>(value: unknown, type: "string" | "boolean", fallback: T, name: string): T {
  if (value === undefined) return fallback;
  if (typeof value === type) return value as T;
  return fail(`${name} must be a ${type}`);
}

/** Validates `options` and fills defaults; throws `InvalidOptionsError` on the first bad value. */
export function resolveOptions(options: AuthShellOptions): ResolvedOptions {
  if (typeof options !== "object" || options === null) fail("options must be an object");
  const { clientId, prompt, childOrigins } = options;
  if (typeof clientId !== "string" || clientId.length === 0) fail("clientId must be a non-empty string");
  const redirect = httpUrl(options.redirectUri, "redirectUri");
  const portal = httpUrl(options.portal ?? DEFAULT_PORTAL, "portal");
  if (portal.search) fail("portal must not have a query");
  if (prompt !== undefined && prompt !== false && typeof prompt !== "function") {
    fail("prompt must be false or a function");
  }
  if (childOrigins !== undefined) {
    if (!Array.isArray(childOrigins)) fail("childOrigins must be an array of origins");
    for (const origin of childOrigins) {
      if (httpUrl(origin, "childOrigins[]").origin !== origin)
        fail(`childOrigins: ${origin} is not an origin`);
    }
  }
  return {
    clientId,
    redirectUri: redirect.href,
    redirectOrigin: redirect.origin,
    portal: portal.href.replace(/\/+$/, ""),
    flow: oneOf(options.flow, ["pkce", "implicit"] as const, "pkce", "flow"),
    expiration: positiveInteger(
      options.expiration,
      MAX_EXPIRATION_MINUTES,
      MAX_EXPIRATION_MINUTES,
      "expiration",
    ),
    popup: ofType(options.popup, "boolean", true, "popup"),
    storage: oneOf(options.storage, ["session", "local", "memory"] as const, "session", "storage"),
    childOrigins: [...(childOrigins ?? [])],
    signInTimeoutMs: positiveInteger(
      options.signInTimeoutMs,
      MAX_TIMER_MS, // longer would overflow the browser's timer and time out at once
      DEFAULT_SIGN_IN_TIMEOUT_MS,
      "signInTimeoutMs",
    ),
    prompt: prompt ?? "default",
    locale: ofType(options.locale, "string", "", "locale"),
    style: oneOf(options.style, ["light", "dark"] as const, "", "style"),
  };
}
