/**
 * The session's token policy (docs/behaviour.md "Federation"): the portal token for the portal and ArcGIS
 * Online hosted services, a `generateToken` server token for servers federated with the portal,
 * `UntrustedServerError` for everything else. The decisions are the pure `classifyUrl` and
 * `isOwnedByPortal`; the state is the trust verdicts (`trust.ts`) and the server tokens
 * (`serverTokens.ts`).
 */
import { classifyUrl, locatePortal } from "./classifyUrl.ts";
import { type Form, postForm } from "./portalRequest.ts";
import { createServerTokens } from "./serverTokens.ts";
import { createServerTrust, untrusted } from "./trust.ts";
import type { Federation, FederationDeps } from "./types.ts";

export { SERVER_TOKEN_SKEW_MS } from "./serverTokens.ts";
export { MAX_SERVER_ROOTS } from "./trust.ts";

/** Default limit for `rest/info` and `generateToken` requests. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;

/** Creates the federation policy of one session for the portal `deps.portal`. */
export function createFederation(deps: FederationDeps): Federation {
  const portalUrl = deps.portal.trim().replace(/\/+$/, "");
  const portal = locatePortal(portalUrl);
  // Calling the global through a wrapper keeps `fetch` bound to the window in browsers.
  const fetchFn: typeof fetch = deps.fetch ?? ((input, init) => fetch(input, init));
  const post = (url: string, form: Form) =>
    postForm(fetchFn, url, form, deps.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS);
  const isFederated = createServerTrust(portal, post);
  const serverTokens = createServerTokens(
    deps,
    (form) => post(`${portalUrl}/generateToken`, form),
    isFederated,
  );

  /** The server root `url` needs a server token for, or null for the portal token; throws for others. */
  function rootOf(url: string | undefined): string | null {
    if (url === undefined) return null;
    const kind = classifyUrl(url, portal);
    if (kind.kind === "other") throw untrusted();
    return kind.kind === "server" ? kind.root : null;
  }

  return {
    ...serverTokens,
    async assertTrusted(url, mayLookUp) {
      const root = rootOf(url);
      if (root !== null && !(await isFederated(root, mayLookUp))) throw untrusted();
    },
    async grantFor(url) {
      const root = rootOf(url);
      return root === null ? deps.portalGrant() : serverTokens.grantFor(root);
    },
  };
}
