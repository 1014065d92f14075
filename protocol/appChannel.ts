/**
 * The app channel (docs/protocol.md §3): Comlink calls from an SDK to the shell over a private
 * `MessagePort`, their answers, and the notices the shell sends beside Comlink. Zod-free for the
 * SDK; the shell's argument schemas are appChannel.schema.ts.
 *
 * Calls — sender: the SDK (same-window apps get the port from `shell.connect(name)`, frames from
 * the handshake). Receiver (the shell) checks, before Comlink sees a message: only `APPLY` of
 * `PORT_METHODS` with schema-valid arguments and `RELEASE` pass; anything else is dropped, and a
 * call with bad arguments is answered `InvalidRequestError`.
 * Notices (appNotices.ts) — sender: the shell only (no `id`, so Comlink ignores them). Receiver: the SDK, which
 * trusts its private port and drops its cached tokens on every session notice.
 */

import { hasEncodedSeparator, parseHttpUrl } from "./origin.ts";
import type { WireError } from "./wireError.ts";

/** Longest URL the shell accepts from an app. */
export const MAX_URL_LENGTH = 8192;

/** What a micro-app may know of the session: never the token itself. */
export interface SessionInfo {
  username: string;
  expires: number;
  portal: string;
  ssl: boolean;
}

/** A token and the epoch ms at which it stops working. */
export interface TokenGrant {
  token: string;
  expires: number;
}

/** What a micro-app reports after a request failed for auth reasons. */
export interface AuthReport {
  url?: string | undefined;
  token?: string | undefined;
  code?: number | undefined;
}

/** Every answer on the port: a value, or a typed error that Comlink would otherwise flatten. */
export type Answer<T> = { ok: true; value: T } | { ok: false; error: WireError };

/**
 * The methods the shell exposes on each app's port, and nothing else. `getToken(url, wait)`: with
 * `wait` false a signed-out shell answers `null` at once (the SDK's `fetch` then tries
 * anonymously); with `wait` true it starts the coordinated sign-in and answers when it ends.
 */
export interface ShellPortApi {
  /** First call of every client: the portal it works with and the session now. */
  hello(): Promise<Answer<{ portal: string; session: SessionInfo | null }>>;
  getToken(url: string | undefined, wait: boolean): Promise<Answer<TokenGrant | null>>;
  getSession(): Promise<Answer<SessionInfo | null>>;
  reportAuthError(report: AuthReport): Promise<Answer<TokenGrant>>;
  ping(): Promise<Answer<true>>;
}

/** The method names of `ShellPortApi`: the only Comlink calls the shell lets through. */
export const PORT_METHODS = ["hello", "getToken", "getSession", "reportAuthError", "ping"] as const;
export type PortMethod = (typeof PORT_METHODS)[number];

/**
 * The key under which a token for `url` may be cached and shared: one per ArcGIS Server root
 * (the URL cut before `/rest/services` or `/rest/admin/services`, docs/arcgis.md §5), one per portal
 * (cut before `/sharing/`), else the whole origin + path, so that two URLs with one key always
 * get the same token from the shell. `""` for no URL (the portal token); `null` for a URL that
 * does not parse, carries credentials of its own or encoded separators (never cached, never trusted).
 */
export function tokenScopeOf(url: string | undefined): string | null {
  if (url === undefined) return "";
  const parsed = parseHttpUrl(url);
  if (parsed === null || hasEncodedSeparator(url, parsed)) return null;
  const path = parsed.pathname;
  const cut = path.search(/\/rest\/(admin\/)?services(\/|$)|\/sharing(\/|$)/i);
  return parsed.origin + (cut === -1 ? path : path.slice(0, cut));
}
