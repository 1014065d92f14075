/**
 * Integration test of createFederation against the real local portal (examples/portal), started
 * in-process on free ports: a signed-in user gets a working token for the federated server, the
 * standalone server is refused, and the portal's request log shows that no request to the
 * standalone server ever carried a token.
 */
import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_APP, type RunningPortal, startPortal } from "../../examples/portal/index.ts";
import { UntrustedServerError } from "../../protocol/errors.ts";
import { createFederation } from "./federation.ts";
import type { TokenGrant } from "./types.ts";

interface LogEntry {
  host: string;
  method: string;
  path: string;
  token: string | null;
}

/** Signs `jsmith` in with the authorization-code flow and PKCE, as the shell would, minus the browser. */
async function signIn(portalUrl: string, clientId: string, redirectUri: string): Promise<TokenGrant> {
  const verifier = randomBytes(32).toString("base64url");
  const challenge = createHash("sha256").update(verifier).digest("base64url");
  const authorize = await fetch(`${portalUrl}/oauth2/authorize`, {
    method: "POST",
    redirect: "manual",
    body: new URLSearchParams({
      client_id: clientId,
      response_type: "code",
      redirect_uri: redirectUri,
      state: randomBytes(16).toString("hex"),
      code_challenge: challenge,
      code_challenge_method: "S256",
      username: "jsmith",
      password: "arcgis123",
      action: "signin",
    }),
  });
  const code = new URL(authorize.headers.get("location") ?? "about:blank").searchParams.get("code");
  if (!code) throw new Error(`sign-in gave no code (HTTP ${authorize.status})`);
  const answer = (await (
    await fetch(`${portalUrl}/oauth2/token`, {
      method: "POST",
      body: new URLSearchParams({
        client_id: clientId,
        grant_type: "authorization_code",
        code,
        redirect_uri: redirectUri,
        code_verifier: verifier,
        f: "json",
      }),
    })
  ).json()) as { access_token?: string; expires_in?: number };
  if (!answer.access_token || !answer.expires_in) throw new Error("the token endpoint gave no access token");
  return { token: answer.access_token, expires: Date.now() + answer.expires_in * 1000 };
}

describe("createFederation against the local portal", () => {
  let portal: RunningPortal;
  let portalGrant: TokenGrant;

  const log = async (): Promise<LogEntry[]> =>
    (await (await fetch(`${new URL(portal.urls.portal).origin}/__admin/log`)).json()) as LogEntry[];
  const hostOf = (url: string) => new URL(url).host;
  const treesQuery = () => `${portal.urls.federated}/rest/services/Trees/FeatureServer/0/query`;
  const newFederation = () =>
    createFederation({ portal: portal.urls.portal, portalGrant: async () => portalGrant });

  beforeAll(async () => {
    portal = await startPortal({ portalPort: 0, federatedPort: 0, standalonePort: 0 });
    portalGrant = await signIn(portal.urls.portal, DEMO_APP.clientId, DEMO_APP.redirectUris[0] as string);
  });
  afterAll(async () => {
    await portal?.close();
  });

  it("gets a server token for the federated Trees service that the server accepts", async () => {
    const grant = await newFederation().grantFor(`${treesQuery()}?where=1%3D1&outFields=*&f=json`);
    expect(grant.token).not.toBe(portalGrant.token);
    expect(grant.expires).toBeGreaterThan(Date.now());
    const response = await fetch(treesQuery(), {
      method: "POST",
      body: new URLSearchParams({ where: "1=1", outFields: "*", f: "json", token: grant.token }),
    });
    const body = (await response.json()) as { features?: unknown[]; error?: unknown };
    expect(body.error).toBeUndefined();
    expect(body.features?.length).toBeGreaterThan(0);
  });

  it("makes one rest/info and one generateToken request for 10 concurrent callers, none of them to rest/info with a token", async () => {
    const before = (await log()).length;
    const federation = newFederation();
    const grants = await Promise.all(Array.from({ length: 10 }, () => federation.grantFor(treesQuery())));
    expect(new Set(grants.map((grant) => grant.token)).size).toBe(1);
    const entries = (await log()).slice(before);
    const infos = entries.filter(
      (e) => e.host === hostOf(portal.urls.federated) && e.path === "/arcgis/rest/info",
    );
    expect(infos).toEqual([expect.objectContaining({ method: "POST", token: null })]);
    expect(entries.filter((e) => e.path === "/sharing/rest/generateToken")).toHaveLength(1);
  });

  it("refuses the standalone Parcels service, and no request to that server ever carries a token", async () => {
    const federation = newFederation();
    const parcels = `${portal.urls.standalone}/rest/services/Parcels/FeatureServer/0/query?where=1%3D1&f=json`;
    await expect(federation.grantFor(parcels)).rejects.toThrow(UntrustedServerError);
    await expect(federation.grantFor(parcels)).rejects.toThrow(UntrustedServerError);
    const standalone = (await log()).filter((e) => e.host === hostOf(portal.urls.standalone));
    // Exactly the one rest/info lookup (the verdict is cached), and it carried no token.
    expect(standalone).toEqual([expect.objectContaining({ path: "/arcgis/rest/info", token: null })]);
  });
});
