/**
 * Unit tests of createFederation's failures: ArcGIS error envelopes, HTTP and network failures,
 * timeouts. Each must be a typed error with a fixed message (generateToken: `PortalError` with
 * ArcGIS's codes; rest/info: only `UntrustedServerError`), and none may be cached as "untrusted"
 * (a failed lookup is retried).
 */
import { describe, expect, it } from "vitest";
import { AccessDeniedError, PortalError, UntrustedServerError } from "../../protocol/errors.ts";
import { createFederation } from "./federation.ts";
import { fakeNetwork, json, portalTokens, type Route } from "./test-support.ts";

const NOW = 1_800_000_000_000;
const PORTAL = "http://localhost:4100/sharing/rest";
const FEDERATED = "http://localhost:4200/arcgis";
const TREES = `${FEDERATED}/rest/services/Trees/FeatureServer/0/query`;
const GENERATE = `${PORTAL}/generateToken`;
const INFO = `${FEDERATED}/rest/info`;
const PORTAL_TOKEN = "portal-token-SECRET";

const federatedInfo: Route = () => json({ owningSystemUrl: "http://localhost:4100" });
const serverToken: Route = () => json({ token: "server-token", expires: NOW + 3_600_000, ssl: false });
const never: Route = () => new Promise<Response>(() => {});

function setUp(routes: { info?: Route; generate?: Route }, requestTimeoutMs?: number) {
  const network = fakeNetwork({
    [INFO]: routes.info ?? federatedInfo,
    [GENERATE]: routes.generate ?? serverToken,
  });
  const tokens = portalTokens({ token: PORTAL_TOKEN, expires: NOW + 7_200_000 });
  const federation = createFederation({
    portal: PORTAL,
    portalGrant: tokens.portalGrant,
    fetch: network.fetch,
    now: () => NOW,
    ...(requestTimeoutMs === undefined ? {} : { requestTimeoutMs }),
  });
  return { network, tokens, federation };
}

async function failureOf(promise: Promise<unknown>): Promise<PortalError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(PortalError);
  const portalError = error as PortalError;
  expect(portalError.code).toBe("portal-error");
  expect(portalError.message).not.toContain(PORTAL_TOKEN);
  return portalError;
}

/** A rest/info failure: the caller learns that the server is not trusted, and nothing else. */
async function untrustedOf(promise: Promise<unknown>): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(UntrustedServerError);
  expect(error).toEqual(new UntrustedServerError());
  expect((error as Error).message).toBe("Untrusted server.");
  expect(Object.keys(error as object).sort()).toEqual(["code", "name"]);
}

describe("createFederation failures", () => {
  it("turns a generateToken error envelope into a PortalError with ArcGIS's codes, token scrubbed", async () => {
    const envelope = {
      error: { code: 498, messageCode: "GWM_0007", message: `Invalid token ${PORTAL_TOKEN}.`, details: [] },
    };
    const { federation, network } = setUp({ generate: () => json(envelope) });
    const error = await failureOf(federation.grantFor(TREES));
    expect(error).toMatchObject({ arcgisCode: 498, messageCode: "GWM_0007" });
    expect(error.message).toBe("The portal or server refused the request.");
    // Refusals are not cached: the next call asks again (the verdict about the server stays).
    network.routes[GENERATE] = serverToken;
    await expect(federation.grantFor(TREES)).resolves.toMatchObject({ token: "server-token" });
    expect(network.count(GENERATE)).toBe(2);
    expect(network.count(INFO)).toBe(1);
  });

  it("rejects a generateToken answer without a token", async () => {
    const { federation } = setUp({ generate: () => json({ expires: NOW + 1000 }) });
    expect((await failureOf(federation.grantFor(TREES))).message).toBe(
      "The portal or server answered something other than what was asked.",
    );
  });

  it("does not cache a rest/info network failure as untrusted", async () => {
    const { federation, network } = setUp({
      info: () => {
        throw new TypeError(`fetch failed for ${PORTAL_TOKEN}`);
      },
    });
    await untrustedOf(federation.grantFor(TREES));
    network.routes[INFO] = federatedInfo;
    await expect(federation.grantFor(TREES)).resolves.toMatchObject({ token: "server-token" });
    expect(network.count(INFO)).toBe(2);
  });

  it("tells nothing of an HTTP error, a non-JSON page or an error envelope from rest/info, and does not cache them", async () => {
    const answers: Route[] = [
      () => new Response("Service Unavailable", { status: 503 }),
      () => new Response("I'm a teapot on 10.0.0.7", { status: 418, statusText: "Teapot 10.0.0.7" }),
      () => new Response("<html>maintenance</html>", { status: 200 }),
      () => json({ error: { code: 500, messageCode: "SRV_0001", message: "Server busy", details: [] } }),
    ];
    const { federation, network } = setUp({});
    for (const answer of answers) {
      network.routes[INFO] = answer;
      await untrustedOf(federation.grantFor(TREES));
    }
    network.routes[INFO] = federatedInfo;
    await expect(federation.grantFor(TREES)).resolves.toMatchObject({ token: "server-token" });
    expect(network.count(INFO)).toBe(5);
  });

  it("times out a rest/info that never answers, and retries it next time", async () => {
    const { federation, network } = setUp({ info: never }, 20);
    await untrustedOf(federation.grantFor(TREES));
    network.routes[INFO] = federatedInfo;
    await expect(federation.grantFor(TREES)).resolves.toMatchObject({ token: "server-token" });
  });

  it("times out a generateToken that never answers, for every waiter, and retries it next time", async () => {
    const { federation, network } = setUp({ generate: never }, 20);
    const waiters = [federation.grantFor(TREES), federation.grantFor(TREES), federation.grantFor(TREES)];
    for (const waiter of waiters) {
      expect((await failureOf(waiter)).message).toBe("The portal or server did not answer in time.");
    }
    expect(network.count(GENERATE)).toBe(1);
    network.routes[GENERATE] = serverToken;
    await expect(federation.grantFor(TREES)).resolves.toMatchObject({ token: "server-token" });
  });

  it("passes the portal token source's own error through (e.g. the user cancelled sign-in)", async () => {
    const { network } = setUp({});
    const federation = createFederation({
      portal: PORTAL,
      portalGrant: () => Promise.reject(new AccessDeniedError()),
      fetch: network.fetch,
    });
    await expect(federation.grantFor(TREES)).rejects.toThrow(AccessDeniedError);
    await expect(federation.grantFor(`${PORTAL}/community/self`)).rejects.toThrow(AccessDeniedError);
    expect(network.count(GENERATE)).toBe(0);
  });
});
