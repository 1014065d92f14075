/**
 * Revocation of tokens the shell will not keep: the session's at sign-out, and the tokens of an
 * answer that came back after its session's epoch ended (`epoch.ts`). Best effort: the portal may
 * be unreachable, so failures are reported (as `error` events, whose messages carry no token) and
 * never thrown.
 */
import type { TokenEndpoint } from "../signin/tokenEndpoint.ts";
import type { SessionRecord } from "../types.ts";

/** Revokes tokens at the portal's `oauth2/revokeToken`. */
export interface TokenDiscard {
  /** Revokes the record's access token and, when it carries one, its refresh token. */
  revokeSession(record: SessionRecord): Promise<void>;
  /** Revokes a federated server's token from `generateToken`. */
  revokeServerToken(token: string): Promise<void>;
}

/** Binds revocation to the token endpoint; `report` gets each failure. */
export function createTokenDiscard(
  endpoint: () => Promise<Pick<TokenEndpoint, "revoke">>,
  report: (error: Error) => void,
): TokenDiscard {
  // The endpoint loads on first use; a failed load is reported like a failed revocation.
  const revoke = (token: string, kind: "access_token" | "refresh_token") =>
    endpoint()
      .then((loaded) => loaded.revoke(token, kind))
      .catch((error: unknown) => report(error as Error));
  return {
    async revokeSession(record) {
      await Promise.all([
        revoke(record.session.token, "access_token"),
        record.refreshToken && revoke(record.refreshToken, "refresh_token"),
      ]);
    },
    revokeServerToken: (token) => revoke(token, "access_token"),
  };
}
