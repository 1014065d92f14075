import { isRegisteredClient, isRegisteredRedirect } from "./accounts.ts";
import { param, type RequestParams } from "./params.ts";
import type { ChallengeMethod } from "./pkce.ts";

/**
 * Pure validation of an `oauth2/authorize` request (docs/arcgis.md §1) and the building of the
 * redirect that answers it. Whatever cannot be trusted to redirect (unknown client, a
 * redirect_uri that is not registered, an unknown response_type) becomes an error page.
 */

/** The parameters the sign-in form carries in hidden fields, in rest-js's order. */
export const CARRIED_PARAMS = [
  "client_id",
  "response_type",
  "expiration",
  "redirect_uri",
  "state",
  "locale",
  "style",
  "code_challenge",
  "code_challenge_method",
] as const;

/** Largest `expiration` in minutes (two weeks); also the default when none is given. */
export const MAX_EXPIRATION_MINUTES = 20_160;

/** A validated authorize request. */
export interface AuthorizeRequest {
  readonly clientId: string;
  readonly responseType: "token" | "code";
  readonly redirectUri: string;
  readonly expirationMinutes: number;
  readonly state: string | undefined;
  readonly codeChallenge: string | undefined;
  readonly codeChallengeMethod: ChallengeMethod;
}

/** The outcome: a request to show the form for, an error page, or an error redirect. */
export type AuthorizeValidation =
  | { readonly kind: "ok"; readonly request: AuthorizeRequest }
  | { readonly kind: "page"; readonly message: string }
  | { readonly kind: "redirect"; readonly location: string };

/**
 * `expiration` in minutes. Missing, empty, not a number or below 1 -> the default 20160;
 * above 20160 -> 20160 (ArcGIS clamps to the maximum rather than refusing); fractions are
 * rounded down.
 */
export function parseExpirationMinutes(value: string | undefined): number {
  const minutes = Math.floor(Number(value));
  if (value === undefined || value.trim() === "" || !Number.isFinite(minutes) || minutes < 1) {
    return MAX_EXPIRATION_MINUTES;
  }
  return Math.min(minutes, MAX_EXPIRATION_MINUTES);
}

/**
 * `redirectUri` with `pairs` appended, in the fragment (implicit) or the query (code flow).
 * Values are percent-encoded with encodeURIComponent, so `+` and `@` arrive intact.
 */
export function buildRedirect(
  redirectUri: string,
  responseType: "token" | "code",
  pairs: ReadonlyArray<readonly [string, string | undefined]>,
): string {
  const encoded = pairs
    .filter((pair): pair is readonly [string, string] => pair[1] !== undefined)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
    .join("&");
  if (responseType === "token") return `${redirectUri}#${encoded}`;
  return `${redirectUri}${redirectUri.includes("?") ? "&" : "?"}${encoded}`;
}

/** The error redirect OAuth prescribes once client and redirect_uri are trusted. */
export function errorRedirect(request: AuthorizeRequest, error: string, description: string): string {
  return buildRedirect(request.redirectUri, request.responseType, [
    ["error", error],
    ["error_description", description],
    ["state", request.state],
  ]);
}

/** Validates the parameters of a GET or of the form's POST. */
export function validateAuthorize(params: RequestParams): AuthorizeValidation {
  const clientId = param(params, "client_id");
  if (!isRegisteredClient(clientId)) return { kind: "page", message: "Invalid client_id." };
  const redirectUri = params.redirect_uri;
  if (!isRegisteredRedirect(redirectUri)) {
    return { kind: "page", message: "Invalid redirect_uri: it is not registered for this app." };
  }
  const responseType = params.response_type;
  if (responseType !== "token" && responseType !== "code") {
    return { kind: "page", message: "Invalid response_type: use token or code." };
  }
  const method = param(params, "code_challenge_method") ?? "plain";
  const request: AuthorizeRequest = {
    clientId: clientId as string,
    responseType,
    redirectUri: redirectUri as string,
    expirationMinutes: parseExpirationMinutes(params.expiration),
    state: params.state,
    codeChallenge: param(params, "code_challenge"),
    codeChallengeMethod: method === "S256" ? "S256" : "plain",
  };
  if (responseType === "code") {
    if (method !== "S256" && method !== "plain") {
      return {
        kind: "redirect",
        location: errorRedirect(request, "invalid_request", "Unsupported code_challenge_method"),
      };
    }
    if (request.codeChallenge === undefined) {
      return {
        kind: "redirect",
        location: errorRedirect(request, "invalid_request", "code_challenge is required"),
      };
    }
  }
  return { kind: "ok", request };
}
