/**
 * `client.fetch` (README "API"): adds the token the ArcGIS way, never to an untrusted server,
 * recognises an auth failure, waits for the coordinated retry, and sends the request once more.
 */
import { encodesSeparator } from "../protocol/origin.ts";
import { authFailureCode } from "./authFailure.ts";

/** What `fetch` needs from the client. */
export interface AuthFetchDeps {
  /** The token for `url`; `null` when signed out (try anonymously); `undefined` when untrusted (never a token). */
  tokenFor(url: string): Promise<string | null | undefined>;
  /** Joins the coordinated retry for a failure of `token` (null: anonymous) at `url`; resolves to the new token. */
  recover(url: string, token: string | null, code: number): Promise<string>;
}

/** Builds the token-adding, self-healing `fetch` of an `AuthClient`. */
export function createAuthFetch(deps: AuthFetchDeps) {
  return async function authFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const request = new Request(input, init);
    // The URL as given decides too: `Request` resolves `%2e%2e` segments that made it untrusted.
    const untrusted = typeof input === "string" && encodesSeparator(input);
    const token = untrusted ? undefined : await deps.tokenFor(request.url);
    if (token === undefined) return fetch(request);
    // A copy kept for the single retry: a request body can be read only once.
    const replay = request.clone();
    const first = await fetch(token ? await withToken(request, token) : request);
    const code = await authFailureCode(first);
    // With a token, 403 is a permission answer, not a session problem; anonymously it asks for sign-in.
    const needsSignIn = code !== null && (token === null || code !== 403);
    if (!needsSignIn) return first;
    const fresh = await deps.recover(request.url, token, code);
    return fetch(await withToken(replay, fresh));
  };
}

/**
 * `request` with `token` added: query parameter on GET/HEAD, form field on form bodies, else the
 * `X-Esri-Authorization` header (JSON and other bodies have no place for it). A request that
 * carries the token in its body or a header fails on a redirect instead of following it.
 */
export async function withToken(request: Request, token: string): Promise<Request> {
  if (request.method === "GET" || request.method === "HEAD") {
    const url = new URL(request.url);
    url.searchParams.set("token", token);
    return new Request(url, request);
  }
  // A 307/308 resends the body and headers to wherever it points: a token in either must never
  // follow a redirect (SECURITY.md). A GET's token stays behind in the URL that was redirected.
  const redirect: RequestRedirect = "error";
  const type = request.headers.get("content-type") ?? "";
  if (/^application\/x-www-form-urlencoded/i.test(type)) {
    const form = new URLSearchParams(await request.text());
    form.set("token", token);
    return new Request(request, { body: form, redirect });
  }
  const headers = new Headers(request.headers);
  if (/^multipart\/form-data/i.test(type)) {
    const form = await request.formData();
    form.set("token", token);
    headers.delete("content-type"); // a new boundary comes with the new body
    return new Request(request, { body: form, headers, redirect });
  }
  headers.set("X-Esri-Authorization", `Bearer ${token}`);
  return new Request(request, { headers, redirect });
}
