/** Unit tests of createFederation with a fake network: routing, single-flight, caching, trust, invalidate, clear. */
import { describe, expect, it } from "vitest";
import { UntrustedServerError } from "../../protocol/errors.ts";
import { createFederation, SERVER_TOKEN_SKEW_MS } from "./federation.ts";
import { deferred, fakeNetwork, json, portalTokens } from "./test-support.ts";

const NOW = 1_800_000_000_000;
const HOUR = 3_600_000;
const PORTAL = "http://localhost:4100/sharing/rest";
const FEDERATED = "http://localhost:4200/arcgis";
const STANDALONE = "http://localhost:4300/arcgis";
const TREES = `${FEDERATED}/rest/services/Trees/FeatureServer/0/query?where=1%3D1&f=json`;
const PARCELS = `${STANDALONE}/rest/services/Parcels/FeatureServer/0/query`;
const GENERATE = `${PORTAL}/generateToken`;
const FEDERATED_INFO = `${FEDERATED}/rest/info`;
const STANDALONE_INFO = `${STANDALONE}/rest/info`;

/** A portal with one federated and one standalone server; server tokens are numbered and live an hour. */
function setUp(options: { portal?: string; owner?: string } = {}) {
  const clock = { now: NOW };
  const tokens = portalTokens({ token: "portal-token-1", expires: NOW + 2 * HOUR });
  let issued = 0;
  const network = fakeNetwork({
    [FEDERATED_INFO]: () =>
      json({ currentVersion: 11.3, owningSystemUrl: options.owner ?? "http://localhost:4100" }),
    [STANDALONE_INFO]: () => json({ currentVersion: 11.3, authInfo: { isTokenBasedSecurity: true } }),
    [`${options.portal ?? PORTAL}/generateToken`]: (form) =>
      json({
        token: `server-token-${++issued}-for-${form.get("token")}`,
        expires: clock.now + HOUR,
        ssl: false,
      }),
  });
  const federation = createFederation({
    portal: options.portal ?? PORTAL,
    portalGrant: tokens.portalGrant,
    fetch: network.fetch,
    now: () => clock.now,
  });
  return { clock, tokens, network, federation };
}

describe("createFederation: which token a URL gets", () => {
  it("gives the portal token without any request for no URL, the portal and hosted services", async () => {
    const { federation, network, tokens } = setUp({ portal: "https://www.arcgis.com/sharing/rest" });
    for (const url of [
      undefined,
      "https://www.arcgis.com/sharing/rest/community/self",
      "https://services3.arcgis.com/org/arcgis/rest/services/X/FeatureServer/0",
    ]) {
      await expect(federation.grantFor(url)).resolves.toEqual({
        token: "portal-token-1",
        expires: NOW + 2 * HOUR,
      });
    }
    expect(tokens.state.calls).toBe(3);
    expect(network.requests).toEqual([]);
  });

  it("refuses URLs that are neither portal nor server, without a request and without echoing the URL", async () => {
    const { federation, network } = setUp();
    const error = await federation
      .grantFor("https://evil.com/x?token=secret-in-query")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UntrustedServerError);
    expect((error as Error).message).not.toContain("secret-in-query");
    await expect(federation.grantFor("http://localhost:4100@evil.com/sharing/rest")).rejects.toThrow(
      UntrustedServerError,
    );
    expect(network.requests).toEqual([]);
  });

  it("asks a server's rest/info without a token, then generateToken with the portal token and the root", async () => {
    const { federation, network } = setUp();
    const grant = await federation.grantFor(TREES);
    expect(grant).toEqual({ token: "server-token-1-for-portal-token-1", expires: NOW + HOUR });
    const [info, generate] = network.requests;
    expect(info).toMatchObject({
      url: FEDERATED_INFO,
      method: "POST",
      contentType: "application/x-www-form-urlencoded",
    });
    expect([...(info?.form ?? [])]).toEqual([["f", "json"]]);
    expect(generate).toMatchObject({ url: GENERATE, method: "POST" });
    expect(Object.fromEntries(generate?.form ?? [])).toEqual({
      token: "portal-token-1",
      serverUrl: FEDERATED,
      f: "json",
    });
    // The verdict is kept: the root is not looked up again.
    await federation.assertTrusted(TREES);
    expect(network.count(FEDERATED_INFO)).toBe(1);
  });

  it("makes exactly one rest/info and one generateToken call for 10 concurrent requests to one root", async () => {
    const { federation, network } = setUp();
    const urls = Array.from({ length: 10 }, (_, i) => `${FEDERATED}/rest/services/Layer${i}/FeatureServer/0`);
    const grants = await Promise.all(urls.map((url) => federation.grantFor(url)));
    expect(new Set(grants.map((grant) => grant.token))).toEqual(
      new Set(["server-token-1-for-portal-token-1"]),
    );
    expect(network.count(FEDERATED_INFO)).toBe(1);
    expect(network.count(GENERATE)).toBe(1);
  });

  it("keeps a server token until shortly before it expires, then generates a new one without asking rest/info again", async () => {
    const { federation, network, clock } = setUp();
    const first = await federation.grantFor(TREES);
    clock.now = first.expires - SERVER_TOKEN_SKEW_MS - 1;
    await expect(federation.grantFor(TREES)).resolves.toEqual(first);
    expect(network.count(GENERATE)).toBe(1);
    clock.now = first.expires - SERVER_TOKEN_SKEW_MS;
    const second = await federation.grantFor(TREES);
    expect(second.token).toBe("server-token-2-for-portal-token-1");
    expect(network.count(GENERATE)).toBe(2);
    expect(network.count(FEDERATED_INFO)).toBe(1);
  });

  it("refuses a server that is not federated, remembers the verdict, and never sends it a token", async () => {
    const { federation, network } = setUp();
    await expect(federation.grantFor(PARCELS)).rejects.toThrow(UntrustedServerError);
    await expect(federation.grantFor(`${STANDALONE}/rest/services/Other/MapServer`)).rejects.toThrow(
      UntrustedServerError,
    );
    expect(network.count(STANDALONE_INFO)).toBe(1);
    expect(network.count(GENERATE)).toBe(0);
    expect(network.requests.every((request) => !request.form.has("token") || request.url === GENERATE)).toBe(
      true,
    );
    await expect(federation.assertTrusted(PARCELS)).rejects.toThrow(UntrustedServerError);
    expect(network.count(STANDALONE_INFO)).toBe(1);
  });

  it("refuses a server that names another portal as its owner", async () => {
    const { federation, network } = setUp({ owner: "http://localhost:4999" });
    await expect(federation.grantFor(TREES)).rejects.toThrow(UntrustedServerError);
    expect(network.count(GENERATE)).toBe(0);
  });

  it("accepts an Enterprise portal's owningSystemUrl (case, trailing slash) and asks that portal's generateToken", async () => {
    const portal = "https://gis.city.gov/portal/sharing/rest";
    const { federation, network } = setUp({ portal, owner: "https://GIS.city.gov/Portal/" });
    await expect(federation.grantFor(TREES)).resolves.toMatchObject({
      token: "server-token-1-for-portal-token-1",
    });
    expect(network.count(`${portal}/generateToken`)).toBe(1);
  });

  it("drops exactly the invalidated server token (a 498 from that server)", async () => {
    const { federation, network } = setUp();
    const first = await federation.grantFor(TREES);
    expect(federation.invalidate("some-other-token")).toBe(false);
    expect(federation.invalidate(first.token)).toBe(true);
    expect(federation.invalidate(first.token)).toBe(false);
    await expect(federation.grantFor(TREES)).resolves.toMatchObject({
      token: "server-token-2-for-portal-token-1",
    });
    expect(network.count(FEDERATED_INFO)).toBe(1);
  });

  it("forgets server tokens on clear() but keeps trust, so the next user gets a token of their own", async () => {
    const { federation, network, tokens } = setUp();
    await federation.grantFor(TREES);
    federation.clear();
    tokens.state.grant = { token: "portal-token-2", expires: NOW + 2 * HOUR };
    await expect(federation.grantFor(TREES)).resolves.toMatchObject({
      token: "server-token-2-for-portal-token-2",
    });
    expect(network.count(FEDERATED_INFO)).toBe(1);
  });

  it("does not hand out or cache a token that was being generated for the previous user when clear() came", async () => {
    const { federation, network, tokens } = setUp();
    const held = deferred<void>();
    const generate = network.routes[GENERATE];
    network.routes[GENERATE] = async (form) => {
      if (form.get("token") === "portal-token-1") await held.promise;
      return generate!(form);
    };
    const waiting = federation.grantFor(TREES);
    await expect.poll(() => network.count(GENERATE)).toBe(1);
    federation.clear();
    tokens.state.grant = { token: "portal-token-2", expires: NOW + 2 * HOUR };
    held.resolve();
    await expect(waiting).resolves.toMatchObject({ token: "server-token-2-for-portal-token-2" });
    await expect(federation.grantFor(TREES)).resolves.toMatchObject({
      token: "server-token-2-for-portal-token-2",
    });
    expect(network.count(GENERATE)).toBe(2);
  });
});

describe("createFederation: assertTrusted (no token needed)", () => {
  it("accepts the portal and federated servers, refuses the rest, and never sends or asks for a token", async () => {
    const { federation, network, tokens } = setUp();
    await expect(federation.assertTrusted(undefined)).resolves.toBeUndefined();
    await expect(federation.assertTrusted(`${PORTAL}/community/self`)).resolves.toBeUndefined();
    await expect(federation.assertTrusted(TREES)).resolves.toBeUndefined();
    await expect(federation.assertTrusted(PARCELS)).rejects.toBeInstanceOf(UntrustedServerError);
    await expect(federation.assertTrusted("https://evil.com/x")).rejects.toBeInstanceOf(UntrustedServerError);
    expect(tokens.state.calls).toBe(0);
    expect(network.requests.map((r) => [r.url, r.form.has("token")])).toEqual([
      [FEDERATED_INFO, false],
      [STANDALONE_INFO, false],
    ]);
    // The verdicts are remembered: a second round asks nothing.
    await federation.assertTrusted(TREES);
    await federation.assertTrusted(PARCELS).catch(() => {});
    expect(network.requests).toHaveLength(2);
  });
});

describe("createFederation: a refused portal token", () => {
  it("reports exactly the portal token the refused generateToken carried", async () => {
    const refused: string[] = [];
    const network = fakeNetwork({
      [FEDERATED_INFO]: () => json({ owningSystemUrl: "http://localhost:4100" }),
      [GENERATE]: () => json({ error: { code: 498, message: "Invalid token.", details: [] } }),
    });
    const federation = createFederation({
      portal: PORTAL,
      portalGrant: async () => ({ token: "portal-token-1", expires: NOW + HOUR }),
      fetch: network.fetch,
      now: () => NOW,
      onPortalTokenRefused: (token) => refused.push(token),
    });
    await expect(federation.grantFor(TREES)).rejects.toMatchObject({ code: "portal-error", arcgisCode: 498 });
    expect(refused).toEqual(["portal-token-1"]);
  });
});
