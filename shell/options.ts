/** Options of `createAuthShell` (README "API"): their validation and defaults, pure. */
import { InvalidOptionsError } from "../protocol/errors.ts";
import { isHttp, toUrl } from "../protocol/url.ts";
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
  if (typeof value !== "string") fail(`${name} must be a string`);
  const url = toUrl(value) ?? fail(`${name} must be an absolute URL`);
  if (!isHttp(url)) fail(`${name} must be an http(s) URL`);
  if (url.hash) fail(`${name} must not have a fragment`);
  return url;
}

function oneOf<T extends string, F extends string = T>(
  value: unknown,
  allowed: readonly T[],
  fallback: F,
  name: string,
): T | F {
  if (value === undefined) return fallback;
  if (typeof value === "string" && (allowed as readonly string[]).includes(value)) return value as T;
  return fail(`${name} must be one of ${allowed.join(", ")}`);
}

/** Validates `options` and fills defaults; throws `InvalidOptionsError` on the first bad value. */
export function resolveOptions(options: AuthShellOptions): ResolvedOptions {
  if (typeof options !== "object" || options === null) fail("options must be an object");
  const { clientId, expiration, signInTimeoutMs, prompt, childOrigins, locale } = options;
  if (typeof clientId !== "string" || clientId.length === 0) fail("clientId must be a non-empty string");
  const redirect = httpUrl(options.redirectUri, "redirectUri");
  const portal = httpUrl(options.portal ?? DEFAULT_PORTAL, "portal");
  if (portal.search) fail("portal must not have a query");
  if (
    expiration !== undefined &&
    !(Number.isInteger(expiration) && expiration >= 1 && expiration <= MAX_EXPIRATION_MINUTES)
  ) {
    fail(`expiration must be an integer number of minutes in 1..${MAX_EXPIRATION_MINUTES}`);
  }
  if (signInTimeoutMs !== undefined && !(Number.isInteger(signInTimeoutMs) && signInTimeoutMs > 0)) {
    fail("signInTimeoutMs must be a positive integer");
  }
  if (options.popup !== undefined && typeof options.popup !== "boolean") fail("popup must be a boolean");
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
  if (locale !== undefined && typeof locale !== "string") fail("locale must be a string");
  return {
    clientId,
    redirectUri: redirect.href,
    redirectOrigin: redirect.origin,
    portal: portal.href.replace(/\/+$/, ""),
    flow: oneOf(options.flow, ["pkce", "implicit"], "pkce", "flow"),
    expiration: expiration ?? MAX_EXPIRATION_MINUTES,
    popup: options.popup ?? true,
    storage: oneOf(options.storage, ["session", "local", "memory"], "session", "storage"),
    childOrigins: [...(childOrigins ?? [])],
    signInTimeoutMs: signInTimeoutMs ?? DEFAULT_SIGN_IN_TIMEOUT_MS,
    prompt: prompt === undefined ? "default" : prompt,
    locale: locale ?? "",
    style: oneOf(options.style, ["light", "dark"], "", "style"),
  };
}
