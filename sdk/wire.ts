/**
 * Wire constants and plain types of the shell↔SDK channel, free of zod so the SDK bundle stays
 * small (README "Performance"). `contract.ts` re-exports all of this together with the shell-side schemas.
 */
import type { WireError } from "./errors.ts";

/** Iframe child → parent, the first message of the handshake (docs/protocol.md §2). */
export const CONNECT_TYPE = "arcgis-auth-shell/connect";
/** Parent → child: the handshake answer that carries the private `MessagePort`. */
export const CONNECTED_TYPE = "arcgis-auth-shell/connected";
/** Shell → SDK on the port, outside Comlink (no `id`): the session changed. */
export const SESSION_NOTICE_TYPE = "arcgis-auth-shell/session";
/** Shell → SDK on the port, outside Comlink: the shell closed this channel (destroy or RELEASE). */
export const CLOSED_NOTICE_TYPE = "arcgis-auth-shell/closed";

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
 * The methods the shell exposes on each app's port (docs/protocol.md §3), and nothing else.
 * `getToken(url, wait)`: with `wait` false a signed-out shell answers `null` at once (the SDK's
 * `fetch` then tries anonymously); with `wait` true it starts the coordinated sign-in and answers
 * when it ends.
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

const ENCODED_SEPARATOR = /%(2f|5c|2e)/i;

/**
 * Whether the string `url` has a percent-encoded `/`, `\` or `.` before its query (minus the tabs
 * and newlines URL parsing drops): a server or proxy that decodes them sees another path than the
 * one a token was decided for (`/arcgis/rest/services/..%2f..%2fother`), and parsing resolves
 * `%2e%2e` segments away, so the string is read as given.
 */
export const encodesSeparator = (url: string): boolean =>
  ENCODED_SEPARATOR.test(url.replace(/[\t\n\r]/g, "").split(/[?#]/)[0] as string);

/** `encodesSeparator` on the string `raw` or on its parse `parsed` (what `fetch` sends). */
export const hasEncodedSeparator = (raw: string, parsed: URL): boolean =>
  ENCODED_SEPARATOR.test(parsed.pathname) || encodesSeparator(raw);

/**
 * The key under which a token for `url` may be cached and shared: one per ArcGIS Server root
 * (the URL cut before `/rest/services` or `/rest/admin/services`, docs/arcgis.md §5), one per portal
 * (cut before `/sharing/`), else the whole origin + path, so that two URLs with one key always
 * get the same token from the shell. `""` for no URL (the portal token); `null` for a URL that
 * does not parse, carries credentials of its own or encoded separators (never cached, never trusted).
 */
export function tokenScopeOf(url: string | undefined): string | null {
  if (url === undefined) return "";
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (
    parsed.username ||
    parsed.password ||
    (parsed.protocol !== "https:" && parsed.protocol !== "http:") ||
    hasEncodedSeparator(url, parsed)
  ) {
    return null;
  }
  const path = parsed.pathname;
  const cut = path.search(/\/rest\/(admin\/)?services(\/|$)|\/sharing(\/|$)/i);
  return parsed.origin + (cut === -1 ? path : path.slice(0, cut));
}
