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
  const pairs: [string, string][] = [
    ["client_id", params.clientId],
    ["response_type", params.codeChallenge === undefined ? "token" : "code"],
    ["redirect_uri", params.redirectUri],
    ["expiration", String(params.expiration)],
    ["state", params.state],
    ["locale", params.locale],
    ["style", params.style],
  ];
  if (params.codeChallenge !== undefined) {
    pairs.push(["code_challenge", params.codeChallenge], ["code_challenge_method", "S256"]);
  }
  const query = pairs.map(([key, value]) => `${key}=${encodeURIComponent(value)}`).join("&");
  return `${params.portal}/oauth2/authorize?${query}`;
}
