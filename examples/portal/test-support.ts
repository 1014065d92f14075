import { DEMO_APP } from "./accounts.ts";
import { type PortalOptions, type RunningPortal, startPortal } from "./index.ts";

/**
 * Helpers for the portal's own unit tests: a portal on ephemeral ports, and the steps of the
 * sign-in flows done with plain fetch (redirects are not followed, so tests see each answer).
 */

/** The registered app's client_id. */
export const CLIENT_ID = DEMO_APP.clientId;
/** The registered app's first redirect URI (the demo host's callback page). */
export const REDIRECT_URI = DEMO_APP.redirectUris[0] as string;
/** docs/arcgis.md §7: the PKCE verifier 43 × "A". */
export const VERIFIER = "A".repeat(43);
/** docs/arcgis.md §7: the S256 challenge of VERIFIER. */
export const CHALLENGE = "DwBzhbb51LfusnSGBa_hqYSgo7-j8BTQnip4TOnlzRo";

/** A portal on free ports, with the addresses tests need. */
export interface TestPortal extends RunningPortal {
  /** e.g. "http://localhost:41234" */
  readonly origin: string;
  /** e.g. "http://localhost:41235" */
  readonly federatedOrigin: string;
  readonly standaloneOrigin: string;
}

/** Starts a portal on port 0 (three free ports). */
export async function startTestPortal(options: PortalOptions = {}): Promise<TestPortal> {
  const portal = await startPortal({ portalPort: 0, federatedPort: 0, standalonePort: 0, ...options });
  return {
    ...portal,
    origin: new URL(portal.urls.portal).origin,
    federatedOrigin: new URL(portal.urls.federated).origin,
    standaloneOrigin: new URL(portal.urls.standalone).origin,
  };
}

/** POSTs form fields (application/x-www-form-urlencoded) without following redirects. */
export function postForm(
  url: string,
  fields: Record<string, string>,
  headers: HeadersInit = {},
): Promise<Response> {
  return fetch(url, { method: "POST", body: new URLSearchParams(fields), headers, redirect: "manual" });
}

/** POSTs form fields and parses the JSON answer. */
export async function postJson(
  url: string,
  fields: Record<string, string>,
): Promise<Record<string, unknown>> {
  return (await (await postForm(url, fields)).json()) as Record<string, unknown>;
}

/** GETs `url` with `query` and parses the JSON answer. */
export async function getJson(url: string, query: Record<string, string> = {}, headers: HeadersInit = {}) {
  const target = new URL(url);
  for (const [key, value] of Object.entries(query)) target.searchParams.set(key, value);
  return (await (await fetch(target, { headers })).json()) as Record<string, unknown>;
}

/** The parameters of an authorize request for the demo app; `overrides` replace or add. */
export function authorizeParams(
  responseType: "token" | "code",
  overrides: Record<string, string> = {},
): Record<string, string> {
  const base: Record<string, string> = {
    client_id: CLIENT_ID,
    response_type: responseType,
    redirect_uri: REDIRECT_URI,
    state: "state-123",
  };
  if (responseType === "code")
    Object.assign(base, { code_challenge: CHALLENGE, code_challenge_method: "S256" });
  return { ...base, ...overrides };
}

/** Submits the sign-in form as the browser would (the hidden fields plus the user's input). */
export function submitSignIn(
  portal: TestPortal,
  params: Record<string, string>,
  input: { username?: string; password?: string; action?: "signin" | "cancel" } = {},
): Promise<Response> {
  return postForm(`${portal.urls.portal}/oauth2/authorize`, {
    ...params,
    username: input.username ?? "jsmith",
    password: input.password ?? "arcgis123",
    action: input.action ?? "signin",
  });
}

/** The key/value pairs after `#` (implicit) or `?` (code) of a redirect Location. */
export function answerOf(location: string | null, part: "fragment" | "query"): URLSearchParams {
  const url = new URL(location ?? "about:blank");
  return new URLSearchParams(part === "fragment" ? url.hash.slice(1) : url.search.slice(1));
}

/** Signs in with the implicit flow and returns the access token. */
export async function implicitToken(portal: TestPortal, username = "jsmith"): Promise<string> {
  const response = await submitSignIn(portal, authorizeParams("token"), { username });
  return answerOf(response.headers.get("location"), "fragment").get("access_token") ?? "";
}

/** Signs in with the code flow and returns the authorization code. */
export async function authorizationCode(
  portal: TestPortal,
  username = "jsmith",
  overrides: Record<string, string> = {},
): Promise<string> {
  const response = await submitSignIn(portal, authorizeParams("code", overrides), { username });
  return answerOf(response.headers.get("location"), "query").get("code") ?? "";
}

/** Signs in with the code flow and exchanges the code: the token endpoint's answer. */
export async function codeFlowTokens(
  portal: TestPortal,
  username = "jsmith",
): Promise<Record<string, unknown>> {
  const code = await authorizationCode(portal, username);
  return postJson(`${portal.urls.portal}/oauth2/token`, {
    client_id: CLIENT_ID,
    grant_type: "authorization_code",
    code,
    redirect_uri: REDIRECT_URI,
    code_verifier: VERIFIER,
    f: "json",
  });
}

/** A token for the federated server, for `username`. */
export async function serverToken(portal: TestPortal, username = "jsmith"): Promise<string> {
  const token = await implicitToken(portal, username);
  const answer = await postJson(`${portal.urls.portal}/generateToken`, {
    token,
    serverUrl: portal.urls.federated,
    f: "json",
  });
  return String(answer.token);
}

/** Calls an admin control with a JSON body. */
export async function admin(portal: TestPortal, path: string, body?: unknown): Promise<Response> {
  const url = `${portal.origin}/__admin/${path}`;
  if (body === undefined && path === "log") return fetch(url);
  return fetch(url, {
    method: "POST",
    body: JSON.stringify(body ?? {}),
    headers: { "content-type": "application/json" },
  });
}
