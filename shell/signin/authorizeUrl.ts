/** The `{portal}/oauth2/authorize` URL of docs/arcgis.md §1, pure. */

/** Everything the authorize URL carries. `codeChallenge` is present exactly for the code flow. */
export interface AuthorizeParams {
  portal: string;
  clientId: string;
  redirectUri: string;
  /** Minutes. */
  expiration: number;
  state: string;
  locale: string;
  style: string;
  /** S256 challenge; when given, `response_type=code`, else `response_type=token`. */
  codeChallenge?: string | undefined;
}

/**
 * Builds the authorize URL with the parameters in rest-js's order, empty values kept
 * (`locale=&style=`): client_id, response_type, redirect_uri, expiration, state, locale, style,
 * then code_challenge and code_challenge_method for PKCE.
 */
export function buildAuthorizeUrl(params: AuthorizeParams): string {
  const { codeChallenge } = params;
  // String keys keep their insertion order.
  const query: Record<string, string | number> = {
    client_id: params.clientId,
    response_type: codeChallenge === undefined ? "token" : "code",
    redirect_uri: params.redirectUri,
    expiration: params.expiration,
    state: params.state,
    locale: params.locale,
    style: params.style,
  };
  if (codeChallenge !== undefined) {
    query.code_challenge = codeChallenge;
    query.code_challenge_method = "S256";
  }
  const pairs = Object.entries(query).map(([key, value]) => `${key}=${encodeURIComponent(value)}`);
  return `${params.portal}/oauth2/authorize?${pairs.join("&")}`;
}
