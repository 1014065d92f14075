/**
 * Tokens the SDK already holds, per token scope (`tokenScopeOf`), so that a repeated
 * `getToken` costs no round trip. A token is served until `EXPIRY_MARGIN_MS` before it ends.
 */
import type { TokenGrant } from "../protocol/appChannel.ts";

/** Stop serving a cached token this long before it expires. */
export const EXPIRY_MARGIN_MS = 60_000;

/** A scope → grant map with expiry; `clear()` on every session change. */
export function createTokenCache(now: () => number = Date.now) {
  const grants = new Map<string, TokenGrant>();
  return {
    get(scope: string): string | undefined {
      const grant = grants.get(scope);
      if (grant && grant.expires - EXPIRY_MARGIN_MS > now()) return grant.token;
      return undefined;
    },
    set(scope: string, grant: TokenGrant): void {
      grants.set(scope, grant);
    },
    /** The token last handed out for `scope`, even if it is near its end (for auth reports). */
    last(scope: string): string | undefined {
      return grants.get(scope)?.token;
    },
    clear(): void {
      grants.clear();
    },
  };
}

export type TokenCache = ReturnType<typeof createTokenCache>;
