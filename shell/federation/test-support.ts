/**
 * Test support for the federation unit tests: a fake network that answers by URL and records
 * every request, so tests can count `rest/info` and `generateToken` calls and read their forms.
 */
import type { TokenGrant } from "./types.ts";

/** One recorded request: where it went and its decoded form body. */
export interface RecordedRequest {
  url: string;
  method: string;
  contentType: string | null;
  /** The fetch init's `credentials` (whether cookies may go along). */
  credentials: RequestCredentials | undefined;
  form: URLSearchParams;
}

/** Answers one request; may return a promise that never settles (to test timeouts). */
export type Route = (form: URLSearchParams) => Response | Promise<Response>;

/** A fake `fetch` with swappable routes; unknown URLs answer 404. */
export function fakeNetwork(routes: Record<string, Route>) {
  const requests: RecordedRequest[] = [];
  const fetchFn: typeof fetch = async (input, init) => {
    const url = String(input);
    const headers = new Headers(init?.headers);
    const form = new URLSearchParams(typeof init?.body === "string" ? init.body : "");
    requests.push({
      url,
      method: init?.method ?? "GET",
      contentType: headers.get("content-type"),
      credentials: init?.credentials,
      form,
    });
    const route = routes[url];
    return route ? route(form) : new Response("not found", { status: 404 });
  };
  return {
    fetch: fetchFn,
    routes,
    requests,
    /** How many requests went to `url`. */
    count: (url: string) => requests.filter((request) => request.url === url).length,
  };
}

/** An HTTP 200 JSON answer, the way ArcGIS answers (errors included). */
export function json(body: unknown): Response {
  return new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });
}

/** A controllable portal token source: counts calls; `token` can change (another user, a refresh). */
export function portalTokens(initial: TokenGrant) {
  const state = { grant: initial, calls: 0 };
  return {
    state,
    portalGrant: async (): Promise<TokenGrant> => {
      state.calls++;
      return state.grant;
    },
  };
}

/** A promise and its resolver, to hold a fake answer until the test lets it go. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}
