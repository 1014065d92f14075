/** The session epoch guard of createFederation: a generateToken answer from an ended epoch is dropped. */
import { describe, expect, it, vi } from "vitest";
import { PortalError } from "../../protocol/errors.ts";
import { createSessionEpoch } from "../session/epoch.ts";
import { createFederation } from "./federation.ts";
import { deferred, fakeNetwork, json, portalTokens } from "./test-support.ts";

const NOW = 1_800_000_000_000;
const HOUR = 3_600_000;
const PORTAL = "http://localhost:4100/sharing/rest";
const FEDERATED = "http://localhost:4200/arcgis";
const TREES = `${FEDERATED}/rest/services/Trees/FeatureServer/0/query?where=1%3D1&f=json`;
const GENERATE = `${PORTAL}/generateToken`;

/** generateToken held until `held.resolve()`; answers a server token, or `refuse` says 498. */
function setUp(refuse = false) {
  const tokens = portalTokens({ token: "portal-token-1", expires: NOW + 2 * HOUR });
  const held = deferred<void>();
  let issued = 0;
  const network = fakeNetwork({
    [`${FEDERATED}/rest/info`]: () => json({ owningSystemUrl: "http://localhost:4100" }),
    [GENERATE]: async (form) => {
      if (form.get("token") === "portal-token-1") await held.promise;
      if (refuse) return json({ error: { code: 498, message: "Invalid token.", details: [] } });
      return json({ token: `server-token-${++issued}-for-${form.get("token")}`, expires: NOW + HOUR });
    },
  });
  const epoch = createSessionEpoch();
  const discardServerToken = vi.fn();
  const onPortalTokenRefused = vi.fn();
  const federation = createFederation({
    portal: PORTAL,
    portalGrant: tokens.portalGrant,
    fetch: network.fetch,
    now: () => NOW,
    markEpoch: epoch.mark,
    discardServerToken,
    onPortalTokenRefused,
  });
  return { federation, network, tokens, held, epoch, discardServerToken, onPortalTokenRefused };
}

describe("createFederation: the session epoch", () => {
  it("drops a server token whose epoch ended in flight: discarded, never cached or handed out", async () => {
    const { federation, network, tokens, held, epoch, discardServerToken } = setUp();
    const waiting = federation.grantFor(TREES);
    await expect.poll(() => network.count(GENERATE)).toBe(1);
    epoch.end(); // sign-out, then a sign-in: the same user again, so nothing called clear()
    tokens.state.grant = { token: "portal-token-2", expires: NOW + 2 * HOUR };
    held.resolve();
    await expect(waiting).resolves.toMatchObject({ token: "server-token-2-for-portal-token-2" });
    expect(discardServerToken).toHaveBeenCalledExactlyOnceWith("server-token-1-for-portal-token-1");
    await expect(federation.grantFor(TREES)).resolves.toMatchObject({
      token: "server-token-2-for-portal-token-2",
    });
    expect(network.count(GENERATE)).toBe(2);
  });

  it("keeps a server token whose epoch is still current", async () => {
    const { federation, held, discardServerToken } = setUp();
    held.resolve();
    await expect(federation.grantFor(TREES)).resolves.toMatchObject({
      token: "server-token-1-for-portal-token-1",
    });
    expect(discardServerToken).not.toHaveBeenCalled();
  });

  it("a refusal from an ended epoch neither reaches the caller nor marks a portal token refused", async () => {
    const { federation, network, tokens, held, epoch, onPortalTokenRefused } = setUp(true);
    const waiting = federation.grantFor(TREES);
    await expect.poll(() => network.count(GENERATE)).toBe(1);
    epoch.end();
    tokens.state.grant = { token: "portal-token-2", expires: NOW + 2 * HOUR };
    held.resolve();
    // The retry for the current session is refused too (this portal refuses all): that one counts.
    await expect(waiting).rejects.toBeInstanceOf(PortalError);
    expect(onPortalTokenRefused.mock.calls).toEqual([["portal-token-2"]]);
  });
});
