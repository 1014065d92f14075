/**
 * Unit tests of what keeps the shell from being a probe (shell/README.md "Federation"): lookups
 * and generateToken calls carry no cookies, the remembered verdicts are bounded (least recently
 * used out), and a lookup budget refuses a new server root without a request.
 */
import { describe, expect, it } from "vitest";
import { UntrustedServerError } from "../../protocol/errors.ts";
import { createFederation, MAX_SERVER_ROOTS } from "./federation.ts";
import { createLookupBudget } from "./lookupBudget.ts";
import { fakeNetwork, json, portalTokens, type Route } from "./test-support.ts";

const NOW = 1_800_000_000_000;
const PORTAL = "http://localhost:4100/sharing/rest";
const GENERATE = `${PORTAL}/generateToken`;
const rootOf = (n: number) => `http://localhost:4200/s${n}`;
const serviceOf = (n: number) => `${rootOf(n)}/rest/services/Trees/FeatureServer/0`;
const infoOf = (n: number) => `${rootOf(n)}/rest/info`;

/** A portal whose every `http://localhost:4200/s<n>` server root is federated with it. */
function setUp() {
  const federated: Route = () => json({ owningSystemUrl: "http://localhost:4100" });
  const network = fakeNetwork({
    [GENERATE]: () => json({ token: "server-token", expires: NOW + 3_600_000 }),
  });
  // Every rest/info of a numbered root answers "owned by this portal".
  const fetchFn: typeof fetch = (input, init) => {
    if (String(input).endsWith("/rest/info")) network.routes[String(input)] = federated;
    return network.fetch(input, init);
  };
  const tokens = portalTokens({ token: "portal-token", expires: NOW + 7_200_000 });
  const federation = createFederation({
    portal: PORTAL,
    portalGrant: tokens.portalGrant,
    fetch: fetchFn,
    now: () => NOW,
  });
  return { network, federation };
}

describe("createFederation: no cookies", () => {
  it("sends rest/info and generateToken with credentials: omit", async () => {
    const { network, federation } = setUp();
    await federation.grantFor(serviceOf(1));
    expect(network.requests.map((r) => [r.url, r.credentials])).toEqual([
      [infoOf(1), "omit"],
      [GENERATE, "omit"],
    ]);
  });
});

describe("createFederation: bounded verdicts", () => {
  it(`remembers at most ${MAX_SERVER_ROOTS} server roots, dropping the least recently used`, async () => {
    const { network, federation } = setUp();
    for (let n = 0; n < MAX_SERVER_ROOTS; n++) await federation.assertTrusted(serviceOf(n));
    // All of them are remembered: none is looked up again.
    for (let n = 0; n < MAX_SERVER_ROOTS; n++) await federation.assertTrusted(serviceOf(n));
    expect(network.requests).toHaveLength(MAX_SERVER_ROOTS);
    // Root 0 is used again, so root 1 is now the least recently used: the next new root evicts it.
    await federation.assertTrusted(serviceOf(0));
    expect(network.count(infoOf(0))).toBe(1);
    await federation.assertTrusted(serviceOf(MAX_SERVER_ROOTS));
    // The evicted root is asked again; the kept ones are not.
    await federation.assertTrusted(serviceOf(1));
    await federation.assertTrusted(serviceOf(0));
    await federation.assertTrusted(serviceOf(MAX_SERVER_ROOTS));
    expect(network.count(infoOf(1))).toBe(2);
    expect(network.count(infoOf(0))).toBe(1);
    expect(network.count(infoOf(MAX_SERVER_ROOTS))).toBe(1);
  });
});

describe("createFederation: lookup budget", () => {
  it("asks the budget only before a new lookup, and refuses without a request when it says no", async () => {
    const { network, federation } = setUp();
    const clock = { now: NOW };
    const budget = createLookupBudget(() => clock.now, 2, 60_000);
    let asked = 0;
    const mayLookUp = () => {
      asked++;
      return budget();
    };
    // Two concurrent asks for one root are one lookup.
    await Promise.all([
      federation.assertTrusted(serviceOf(1), mayLookUp),
      federation.assertTrusted(serviceOf(1), mayLookUp),
    ]);
    await federation.assertTrusted(serviceOf(2), mayLookUp);
    expect(asked).toBe(2);
    const refused = await federation.assertTrusted(serviceOf(3), mayLookUp).catch((e: unknown) => e);
    expect(refused).toEqual(new UntrustedServerError());
    expect(network.count(infoOf(3))).toBe(0);
    // Known roots and URLs without lookups cost nothing, budget or not.
    await federation.assertTrusted(serviceOf(1), mayLookUp);
    await federation.assertTrusted(`${PORTAL}/community/self`, mayLookUp);
    expect(asked).toBe(3);
    // A refusal is not a verdict: once the window has moved on, the root is looked up.
    clock.now += 60_000;
    await expect(federation.assertTrusted(serviceOf(3), mayLookUp)).resolves.toBeUndefined();
    expect(network.count(infoOf(3))).toBe(1);
  });
});
