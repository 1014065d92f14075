/**
 * `{portal}/oauth2/token` and `{portal}/oauth2/revokeToken` (docs/arcgis.md §2): code exchange,
 * refresh, refresh-token exchange and revocation, through the shell's one network edge
 * (`federation/portalRequest.ts`): failures are `PortalError`s with a fixed message and ArcGIS's
 * code, never the portal's text, never the code, verifier or token the request carried.
 */
import * as z from "zod/mini";
import { PortalError } from "../../protocol/errors.ts";
import { booleanSchema, checkThat } from "../../protocol/zodChecks.ts";
import {
  envelopeError,
  type Form,
  type JsonObject,
  postForm,
  requestFailure,
} from "../federation/portalRequest.ts";
import type { ShellHost } from "../host.ts";
import type { ResolvedOptions } from "../options.ts";
import type { SessionRecord } from "../types.ts";

/** How long one call to the portal may take. */
export const TOKEN_REQUEST_TIMEOUT_MS = 30_000;

/** The grants that renew a session with its refresh token. */
export type RefreshGrant = "refresh_token" | "exchange_refresh_token";

/** The portal's token endpoint, bound to one app. */
export interface TokenEndpoint {
  /** `grant_type=authorization_code` with the PKCE verifier. */
  exchangeCode(code: string, verifier: string): Promise<SessionRecord>;
  /** Renews `record` with its refresh token; keeps the refresh token unless the grant replaced it. */
  refresh(record: SessionRecord, grant: RefreshGrant): Promise<SessionRecord>;
  /** Revokes one token; the portal answers success for unknown tokens too. */
  revoke(token: string, hint: "access_token" | "refresh_token"): Promise<void>;
}

/** Where and how to reach the token endpoint. */
export interface TokenEndpointConfig {
  portal: string;
  clientId: string;
  redirectUri: string;
  fetch: typeof fetch;
  now: () => number;
}

const nonEmpty = z.string().check(checkThat((value) => value !== ""));
const positive = z.number().check(checkThat((value) => value > 0));

const tokenAnswer = z.object({
  access_token: nonEmpty,
  expires_in: positive,
  username: z.optional(z.string()),
  ssl: z.optional(booleanSchema),
  refresh_token: z.optional(nonEmpty),
  refresh_token_expires_in: z.optional(positive),
});

/** Binds the token endpoint to one portal and app. */
export function createTokenEndpoint(config: TokenEndpointConfig): TokenEndpoint {
  const { portal, redirectUri } = config;

  async function post(path: string, params: Form): Promise<JsonObject> {
    const form = { ...params, client_id: config.clientId, f: "json" };
    const body = await postForm(config.fetch, `${portal}/oauth2/${path}`, form, TOKEN_REQUEST_TIMEOUT_MS);
    // The same ArcGIS error envelope as federation's endpoints, turned into an error the same way.
    const refused = envelopeError(body, form);
    if (refused) throw refused;
    return body;
  }

  /** A `grant_type` call to `oauth2/token`; what the answer leaves out is kept from `previous`. */
  async function token(params: Form, previous?: SessionRecord): Promise<SessionRecord> {
    const parsed = tokenAnswer.safeParse(await post("token", params));
    if (!parsed.success) throw requestFailure("unreadable");
    const answer = parsed.data;
    const now = config.now();
    const username = answer.username ?? previous?.session.username;
    if (!username) throw requestFailure("unreadable");
    const refreshLife = answer.refresh_token_expires_in;
    return {
      session: {
        token: answer.access_token,
        expires: now + answer.expires_in * 1000,
        username,
        ssl: answer.ssl === true,
        portal,
      },
      refreshToken: answer.refresh_token ?? previous?.refreshToken,
      refreshExpires: refreshLife === undefined ? previous?.refreshExpires : now + refreshLife * 1000,
    };
  }

  return {
    exchangeCode: (code, verifier) =>
      token({ grant_type: "authorization_code", code, redirect_uri: redirectUri, code_verifier: verifier }),
    async refresh(record, grant) {
      if (!record.refreshToken) throw new PortalError("The session has no refresh token.");
      const params: Form = { grant_type: grant, refresh_token: record.refreshToken };
      if (grant === "exchange_refresh_token") params.redirect_uri = redirectUri;
      return token(params, record);
    },
    async revoke(token, hint) {
      await post("revokeToken", { auth_token: token, token_type_hint: hint });
    },
  };
}

/** The shell's token endpoint, over the host's fetch and clock. */
export function shellTokenEndpoint(opts: ResolvedOptions, host: ShellHost): TokenEndpoint {
  return createTokenEndpoint({ ...opts, fetch: host.fetch, now: host.now });
}
