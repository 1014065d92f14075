import { randomBytes } from "node:crypto";

/**
 * All mutable state of the local portal in one place: issued authorization codes, access,
 * refresh and server tokens, the request log, the failure counter and the run-time config.
 * Every server (portal, federated, standalone) and the admin API read and write only this.
 */

/** Where the three servers really listen (port 0 means the ports are only known after binding). */
export interface PortalAddresses {
  /** e.g. "http://localhost:4100" */
  portalOrigin: string;
  /** e.g. "http://localhost:4200" */
  federatedOrigin: string;
  /** e.g. "http://localhost:4300" */
  standaloneOrigin: string;
}

/** A one-time code from the authorization-code flow. */
export interface AuthorizationCode {
  readonly username: string;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly codeChallenge: string;
  readonly codeChallengeMethod: "S256" | "plain";
  /** Life of the refresh token the exchange will issue (the authorize `expiration`, in seconds). */
  readonly refreshSeconds: number;
  readonly expiresAt: number;
}

/** A portal access token (implicit or code flow). */
export interface AccessToken {
  readonly username: string;
  readonly expiresAt: number;
  /** The refresh token it came from, so revoking that one also ends this one. */
  readonly refreshToken: string | null;
}

/** A refresh token of the code flow. */
export interface RefreshToken {
  readonly username: string;
  readonly clientId: string;
  readonly lifeSeconds: number;
  expiresAt: number;
}

/** A token from `generateToken`, valid only on the server it was made for. */
export interface ServerToken {
  readonly username: string;
  /** The server origin it is valid on, e.g. "http://localhost:4200". */
  readonly serverOrigin: string;
  readonly expiresAt: number;
}

/** One line of `GET /__admin/log`. */
export interface LogEntry {
  readonly time: number;
  readonly host: string;
  readonly method: string;
  readonly path: string;
  readonly token: string | null;
}

/** Run-time settings changed through `POST /__admin/config`. */
export interface PortalConfig {
  /** When set: life of code-flow access tokens, and a cap on implicit and server tokens. */
  accessTokenSeconds: number | null;
}

/** Oldest log entries are dropped beyond this, so a long-running portal does not grow without bound. */
export const LOG_LIMIT = 20_000;
/** Authorization codes live this long (ArcGIS: a few minutes). */
export const CODE_LIFE_MS = 10 * 60 * 1000;
/** Default life of a code-flow access token (docs/arcgis.md §2). */
export const DEFAULT_CODE_FLOW_ACCESS_SECONDS = 1800;
/**
 * Most records kept of each kind, so a portal left running (or flooded with sign-ins) stays
 * small; beyond it the oldest record goes first. Far above what the tests and the soak hold live.
 */
export const STORE_LIMITS = {
  codes: 1_000,
  accessTokens: 10_000,
  refreshTokens: 10_000,
  serverTokens: 10_000,
};
/** How often `startSweeping` removes expired codes and tokens. */
export const SWEEP_INTERVAL_MS = 60_000;

/** Adds `key` as the newest entry of `map`, dropping the oldest ones beyond `limit` (Maps keep insertion order). */
function addCapped<V>(map: Map<string, V>, key: string, value: V, limit: number): void {
  map.set(key, value);
  for (const oldest of map.keys()) {
    if (map.size <= limit) break;
    map.delete(oldest);
  }
}

/** Removes the records of `map` that expired by `now`. */
function removeExpired(map: Map<string, { readonly expiresAt: number }>, now: number): void {
  for (const [key, record] of map) if (record.expiresAt <= now) map.delete(key);
}

/** A fresh opaque secret: 32 random bytes, base64url (43 characters, no padding). */
export function newSecret(): string {
  return randomBytes(32).toString("base64url");
}

/** The state of one running portal (tests create one per portal). */
export class PortalStore {
  readonly codes = new Map<string, AuthorizationCode>();
  readonly accessTokens = new Map<string, AccessToken>();
  readonly refreshTokens = new Map<string, RefreshToken>();
  readonly serverTokens = new Map<string, ServerToken>();
  readonly log: LogEntry[] = [];
  failuresLeft = 0;
  /** Probability that any request fails (HTTP 503), after the counted failures. */
  failureRate = 0;
  config: PortalConfig;
  addresses: PortalAddresses;

  /** `defaultAccessTokenSeconds` is what `reset` and `config {accessTokenSeconds:null}` go back to. */
  constructor(
    addresses: PortalAddresses,
    readonly defaultAccessTokenSeconds: number | null = null,
    readonly now: () => number = () => Date.now(),
  ) {
    this.addresses = addresses;
    this.config = { accessTokenSeconds: defaultAccessTokenSeconds };
  }

  /** Issues a code for the authorization-code flow. */
  issueCode(code: Omit<AuthorizationCode, "expiresAt">): string {
    const value = newSecret();
    addCapped(this.codes, value, { ...code, expiresAt: this.now() + CODE_LIFE_MS }, STORE_LIMITS.codes);
    return value;
  }

  /** Issues a portal access token living `seconds`. */
  issueAccessToken(username: string, seconds: number, refreshToken: string | null = null): string {
    const value = newSecret();
    const record = { username, expiresAt: this.now() + seconds * 1000, refreshToken };
    addCapped(this.accessTokens, value, record, STORE_LIMITS.accessTokens);
    return value;
  }

  /** Issues a refresh token living `seconds`. */
  issueRefreshToken(username: string, clientId: string, seconds: number): string {
    const value = newSecret();
    const expiresAt = this.now() + seconds * 1000;
    const record = { username, clientId, lifeSeconds: seconds, expiresAt };
    addCapped(this.refreshTokens, value, record, STORE_LIMITS.refreshTokens);
    return value;
  }

  /** Issues a token for one federated server, expiring at `expiresAt` (epoch ms). */
  issueServerToken(username: string, serverOrigin: string, expiresAt: number): string {
    const value = newSecret();
    addCapped(this.serverTokens, value, { username, serverOrigin, expiresAt }, STORE_LIMITS.serverTokens);
    return value;
  }

  /** The live access token record, or undefined when unknown, revoked or expired (then forgotten). */
  validAccessToken(token: string): AccessToken | undefined {
    return this.live(this.accessTokens, token);
  }

  /** The live server token record, or undefined when unknown or expired (then forgotten). */
  validServerToken(token: string): ServerToken | undefined {
    return this.live(this.serverTokens, token);
  }

  private live<R extends { readonly expiresAt: number }>(map: Map<string, R>, token: string): R | undefined {
    const record = map.get(token);
    if (record === undefined || record.expiresAt > this.now()) return record;
    map.delete(token);
    return undefined;
  }

  /** Removes every expired code and token. */
  sweep(): void {
    const now = this.now();
    removeExpired(this.codes, now);
    removeExpired(this.accessTokens, now);
    removeExpired(this.refreshTokens, now);
    removeExpired(this.serverTokens, now);
  }

  /** Sweeps every `intervalMs` until the returned function is called; never keeps Node alive. */
  startSweeping(intervalMs = SWEEP_INTERVAL_MS): () => void {
    const timer = setInterval(() => this.sweep(), intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  /** Life in seconds of a new code-flow access token. */
  codeFlowAccessSeconds(): number {
    return this.config.accessTokenSeconds ?? DEFAULT_CODE_FLOW_ACCESS_SECONDS;
  }

  /** `requested` seconds, capped by `config.accessTokenSeconds` when that is set. */
  capSeconds(requested: number): number {
    const cap = this.config.accessTokenSeconds;
    return cap === null ? requested : Math.min(requested, cap);
  }

  /**
   * Revokes one token of any kind. A refresh token also takes the access tokens issued from it
   * with it (a sign-out that revokes the refresh token ends the whole session).
   */
  revoke(token: string): void {
    this.accessTokens.delete(token);
    this.serverTokens.delete(token);
    if (this.refreshTokens.delete(token)) {
      for (const [value, record] of this.accessTokens) {
        if (record.refreshToken === token) this.accessTokens.delete(value);
      }
    }
  }

  /** Makes every access and server token invalid; with `refresh`, refresh tokens expire too. */
  expireAll(refresh: boolean): void {
    this.accessTokens.clear();
    this.serverTokens.clear();
    if (refresh) {
      const past = this.now() - 1;
      for (const record of this.refreshTokens.values()) record.expiresAt = past;
    }
  }

  /** Records one request, keeping at most LOG_LIMIT entries. */
  record(entry: LogEntry): void {
    this.log.push(entry);
    if (this.log.length > LOG_LIMIT) this.log.splice(0, this.log.length - LOG_LIMIT);
  }

  /** Consumes one pending failure; true when this request must fail. */
  takeFailure(): boolean {
    if (this.failuresLeft <= 0) return this.failureRate > 0 && Math.random() < this.failureRate;
    this.failuresLeft -= 1;
    return true;
  }

  /** Back to a just-started portal: no tokens, codes, log or pending failures; default config. */
  reset(): void {
    this.codes.clear();
    this.accessTokens.clear();
    this.refreshTokens.clear();
    this.serverTokens.clear();
    this.log.length = 0;
    this.failuresLeft = 0;
    this.failureRate = 0;
    this.config = { accessTokenSeconds: this.defaultAccessTokenSeconds };
  }
}
