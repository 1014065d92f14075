/**
 * `AuthClient` (README "API"): what a micro-app holds. Tokens are cached per scope until shortly
 * before they expire and dropped on every session change; auth failures join the shell's one
 * coordinated retry.
 */
import { type SessionInfo, type TokenGrant, tokenScopeOf } from "../protocol/appChannel.ts";
import { UntrustedServerError } from "../protocol/errors.ts";
import { createAuthFetch } from "./authFetch.ts";
import type { ShellLink } from "./link.ts";
import { createTokenCache } from "./tokenCache.ts";

/** The `authentication` object `@esri/arcgis-rest-request`'s `request()` accepts. */
export interface RestAuthentication {
  readonly portal: string;
  getToken(url: string): Promise<string>;
  readonly canRefresh: true;
  refreshCredentials(): Promise<RestAuthentication>;
}

/** A micro-app's handle on the shared session. */
export interface AuthClient {
  /** The token for `url` (the portal's without one); waits for the coordinated sign-in when signed out. */
  getToken(url?: string): Promise<string>;
  /** The session as the app may see it (no token), or null when signed out. */
  getSession(): Promise<SessionInfo | null>;
  /** Calls `cb` on every sign-in, refresh and sign-out; returns the unsubscribe function. */
  onSessionChange(cb: (session: SessionInfo | null) => void): () => void;
  /** Reports that a request failed for auth reasons; resolves to the new token after the coordinated retry. */
  reportAuthError(error: unknown, url?: string): Promise<string>;
  /** `fetch` with the token added the ArcGIS way and one coordinated retry on an auth failure. */
  fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
  /** For `request(url, { authentication })` of `@esri/arcgis-rest-request`. */
  readonly authentication: RestAuthentication;
  /** Closes the channel; later calls reject with `ShellUnavailableError`. */
  close(): void;
}

/** Builds the client over an open link; `portal` comes from the shell's hello. */
export function createAuthClient(link: ShellLink, portal: string): AuthClient {
  const cache = createTokenCache();
  // Bumped on every session change, so an answer that left the shell before it is not cached.
  let generation = 0;
  link.onSession(() => {
    generation++;
    cache.clear();
  });

  // Untrusted verdicts are the shell's to remember: it also refuses without a verdict (a lookup
  // that failed, an app over its lookup budget), and those must not stick to a server for good.
  const scopeOf = (url: string | undefined): string => {
    const scope = tokenScopeOf(url);
    if (scope === null) throw new UntrustedServerError();
    return scope;
  };

  const shared = sharedCalls(cache, () => generation);

  async function tokenFor(url: string | undefined, wait: boolean): Promise<string | null> {
    const scope = scopeOf(url);
    // Even a request that does not wait for a sign-in may wait for a recovery already under way
    // (the shell lets it join rather than go out anonymously): no fixed deadline, a live shell.
    return (
      cache.get(scope) ??
      shared(`get ${wait} ${scope}`, scope, () => link.callWhileAlive("getToken", url, wait))
    );
  }

  /** Every waiter on one report gets the very same promise. */
  function recover(url: string | undefined, token: string | null | undefined, code?: number) {
    try {
      const scope = scopeOf(url);
      return shared(`report ${code} ${scope} ${token}`, scope, () =>
        link.callWhileAlive("reportAuthError", { url, token: token ?? undefined, code }),
      ) as Promise<string>;
    } catch (error) {
      return Promise.reject(error);
    }
  }

  let lastHandedOut: { url: string; token: string } | undefined;
  const authentication: RestAuthentication = {
    portal,
    canRefresh: true,
    async getToken(url: string) {
      const token = (await tokenFor(url, true)) as string;
      lastHandedOut = { url, token };
      return token;
    },
    async refreshCredentials() {
      // rest-js does not say which request failed: the token it was last given is the suspect.
      await recover(lastHandedOut?.url, lastHandedOut?.token, 498);
      return authentication;
    },
  };

  return {
    getToken: async (url) => (await tokenFor(url, true)) as string,
    getSession: () => link.call("getSession"),
    onSessionChange: (cb) => link.onSession(cb),
    reportAuthError(error, url) {
      const scope = tokenScopeOf(url);
      return recover(url, scope === null ? undefined : cache.last(scope), codeOf(error));
    },
    fetch: createAuthFetch({
      async tokenFor(url) {
        try {
          return await tokenFor(url, false);
        } catch (error) {
          if (error instanceof UntrustedServerError) return undefined;
          throw error;
        }
      },
      recover: (url, token, code) => recover(url, token, code),
    }),
    authentication,
    close: () => link.close(),
  };
}

/**
 * Calls in flight, by what they ask: waiters in one app that ask the same thing share one round
 * trip and one answer, already stored, so that releasing many waiters after one re-authentication
 * costs one message per app and no work per waiter. The caller that starts a call decides from
 * its session generation whether the answer may be cached (a later joiner's is not older).
 */
function sharedCalls(cache: ReturnType<typeof createTokenCache>, generation: () => number) {
  const inFlight = new Map<string, Promise<string | null>>();
  return (key: string, scope: string, ask: () => Promise<TokenGrant | null>): Promise<string | null> => {
    let call = inFlight.get(key);
    if (call === undefined) {
      const since = generation();
      call = ask()
        .then((grant) => {
          if (grant && since === generation()) cache.set(scope, grant);
          return grant ? grant.token : null;
        })
        .finally(() => inFlight.delete(key));
      inFlight.set(key, call);
    }
    return call;
  };
}

/** The ArcGIS or HTTP code of whatever the app caught: rest-js's ArcGISAuthError, a Response, a number. */
function codeOf(error: unknown): number | undefined {
  const { code, status } = (error ?? {}) as { code?: unknown; status?: unknown };
  const found = typeof error === "number" ? error : typeof code === "number" ? code : status;
  return typeof found === "number" ? found : undefined;
}
