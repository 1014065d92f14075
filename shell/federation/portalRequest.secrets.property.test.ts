/**
 * Property test: nothing secret crosses a port. Generated secrets (authorization code, PKCE
 * verifier, refresh token, access token) go out in the shell's real calls (oauth2/token for the
 * code exchange and both refresh grants, revokeToken, generateToken, rest/info); a fake portal or
 * server echoes everything the request carried back in every way a failure can take (thrown
 * network errors, status text, pages, JSON error envelopes with message, details, messageCode,
 * odd bodies, broken streams). Every error must be typed, with a fixed message, and repeat no
 * secret in its message, stack, name or any own property, nor in the raw messages that carry it
 * over a real MessageChannel to the real SDK, where it arrives with ArcGIS's codes intact.
 */
import { inspect } from "node:util";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuthShellError, PortalError, UntrustedServerError } from "../../protocol/errors.ts";
import { toWireError } from "../../protocol/wireError.ts";
import type { AuthClient } from "../../sdk/client.ts";
import { connectAuth } from "../../sdk/index.ts";
import { createAppChannels } from "../channels/appChannels.ts";
import { createTokenEndpoint } from "../signin/tokenEndpoint.ts";
import { createFederation } from "./federation.ts";
import { FAILURE_MESSAGES } from "./portalRequest.ts";

const PORTAL = "http://localhost:4100/sharing/rest";
const SERVICE = "http://localhost:4200/arcgis/rest/services/Trees/FeatureServer/0";
const NOW = 1_800_000_000_000;

const BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
/** Token-like strings; alphanumeric ones of ≤ 16 characters also fit ArcGIS's messageCode shape. */
const secret = fc.oneof(
  fc.string({ unit: fc.constantFrom(...BASE64URL), minLength: 16, maxLength: 80 }),
  fc.string({ unit: fc.constantFrom(...BASE64URL.slice(0, 62)), minLength: 12, maxLength: 16 }),
);
const secrets = fc.record({ code: secret, verifier: secret, refresh: secret, access: secret });
type Secrets = { code: string; verifier: string; refresh: string; access: string };

/** A secret of `said` that fits after `E_` in ArcGIS's messageCode shape, if there is one. */
const messageCodeLike = (said: string) =>
  said.split(" ").find((word) => word.length >= 12 && /^[A-Za-z0-9]{1,16}$/.test(word)) ?? said;

/** Ways to fail, each echoing `said` (everything the request carried). */
const ECHOES = {
  "network error": (said: string) => {
    throw new TypeError(`fetch failed ${said}`, { cause: new Error(said) });
  },
  "thrown object": (said: string) => {
    throw { name: said, message: said, stack: said };
  },
  "abort error": (said: string) => {
    throw new DOMException(said, "AbortError");
  },
  "HTTP status": (said: string, status: number) =>
    new Response(`<h1>${said}</h1>`, { status, statusText: said.slice(0, 200) }),
  "HTML page": (said: string) => new Response(`<html>${said}</html>`, { status: 200 }),
  "JSON that is no object": (said: string) => Response.json([said, { error: said }]),
  "broken body": (said: string) =>
    new Response(new ReadableStream({ start: (c) => c.error(new Error(said)) }), { status: 200 }),
  "free-text envelope": (said: string) =>
    Response.json({
      error: { code: said, message: said, messageCode: said, details: [said], error_description: said },
    }),
  "messageCode with a secret": (said: string) =>
    Response.json({
      error: { code: 400, message: said, messageCode: `E_${messageCodeLike(said)}`, details: [said] },
    }),
  "ArcGIS envelope": (said: string) =>
    Response.json({ error: { code: 498, messageCode: "GWM_0003", message: said, details: [said] } }),
  "malformed success": (said: string) =>
    Response.json({ access_token: said, expires_in: said, username: said, token: said, expires: said }),
} satisfies Record<string, (said: string, status: number) => Response>;
type EchoName = keyof typeof ECHOES;

/** The shell's calls that carry secrets, each with the fetch it must use. */
const OPERATIONS = {
  "code exchange": (s: Secrets, fetch: typeof globalThis.fetch) =>
    endpoint(fetch).exchangeCode(s.code, s.verifier),
  "refresh_token grant": (s: Secrets, fetch: typeof globalThis.fetch) =>
    endpoint(fetch).refresh(record(s), "refresh_token"),
  "exchange_refresh_token grant": (s: Secrets, fetch: typeof globalThis.fetch) =>
    endpoint(fetch).refresh(record(s), "exchange_refresh_token"),
  "revoke access token": (s: Secrets, fetch: typeof globalThis.fetch) =>
    endpoint(fetch).revoke(s.access, "access_token"),
  "revoke refresh token": (s: Secrets, fetch: typeof globalThis.fetch) =>
    endpoint(fetch).revoke(s.refresh, "refresh_token"),
  generateToken: (s: Secrets, fetch: typeof globalThis.fetch) =>
    federation(s, fetch, (url) => url.endsWith("/rest/info")).grantFor(SERVICE),
  "rest/info": (s: Secrets, fetch: typeof globalThis.fetch) =>
    federation(s, fetch, () => false).grantFor(SERVICE),
};
type OperationName = keyof typeof OPERATIONS;

function endpoint(fetch: typeof globalThis.fetch) {
  const redirectUri = "http://localhost:5173/callback.html";
  return createTokenEndpoint({ portal: PORTAL, clientId: "app", redirectUri, fetch, now: () => NOW });
}

function record(s: Secrets) {
  const session = { token: s.access, expires: NOW, username: "jsmith", ssl: false, portal: PORTAL };
  return { session, refreshToken: s.refresh, refreshExpires: NOW + 60_000 };
}

/** A federation whose rest/info says "federated" for URLs `honest` picks; every other call fails. */
function federation(s: Secrets, fetch: typeof globalThis.fetch, honest: (url: string) => boolean) {
  const owner = () => Response.json({ owningSystemUrl: "http://localhost:4100" });
  return createFederation({
    portal: PORTAL,
    portalGrant: async () => ({ token: s.access, expires: NOW + 3_600_000 }),
    fetch: (input, init) => (honest(String(input)) ? Promise.resolve(owner()) : fetch(input, init)),
    now: () => NOW,
  });
}

/** A fetch that fails the `echo` way, repeating the request's URL and every form value. */
function echoingFetch(echo: EchoName, status: number): typeof globalThis.fetch {
  return async (input, init) => {
    const form = new URLSearchParams(String(init?.body ?? ""));
    const said = `${String(input)} ${[...form.values()].join(" ")}`;
    return ECHOES[echo](said, status);
  };
}

/** Everything one can read of an error, flattened. */
function readable(error: unknown): string {
  const own = error as Record<string, unknown>;
  return [
    String(error),
    (error as Error).stack ?? "",
    inspect(error, { showHidden: true, depth: 8 }),
    JSON.stringify(toWireError(error)),
    ...Object.getOwnPropertyNames(error).map((key) => `${key}=${String(own[key])}`),
  ].join("\n");
}

// One app channel with the real SDK: the backend rejects with whatever error the run produced.
let failWith: unknown;
const crossed: unknown[] = [];
let client: AuthClient;
beforeAll(async () => {
  const channels = createAppChannels({
    portal: PORTAL,
    sessionInfo: () => null,
    grantFor: () => Promise.reject(failWith),
    reportAuthError: () => Promise.reject(failWith),
    lookupBudget: () => () => true,
  });
  const port = channels.open("secrets");
  port.addEventListener("message", (event) => crossed.push(event.data));
  client = await connectAuth(port, { timeoutMs: 2_000 });
});
afterAll(() => client.close());

describe("no secret in any error from the portal or a server", () => {
  it("keeps every echoed secret out of the error and out of what crosses the port", async () => {
    const tally = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(
        secrets,
        fc.constantFrom(...(Object.keys(OPERATIONS) as OperationName[])),
        fc.constantFrom(...(Object.keys(ECHOES) as EchoName[])),
        fc.constantFrom(300, 302, 400, 401, 403, 404, 418, 429, 498, 499, 500, 503, 599),
        async (s, operation, echo, status) => {
          const all = [s.code, s.verifier, s.refresh, s.access];
          const error = await OPERATIONS[operation](s, echoingFetch(echo, status)).then(
            () => null,
            (reason: unknown) => reason,
          );
          if (error === null) return; // revokeToken takes any JSON object for a success
          tally.set(operation, (tally.get(operation) ?? 0) + 1);
          expect(error).toBeInstanceOf(AuthShellError);
          const expected = operation === "rest/info" ? UntrustedServerError : PortalError;
          expect(error).toBeInstanceOf(expected);
          expect([new UntrustedServerError().message, ...Object.values(FAILURE_MESSAGES)]).toContain(
            (error as Error).message,
          );
          for (const value of all) expect(readable(error)).not.toContain(value);

          crossed.length = 0;
          failWith = error;
          const arrived = await client.getToken().then(
            () => null,
            (reason: unknown) => reason,
          );
          expect(arrived).toBeInstanceOf(expected);
          // The kind's fixed message, and ArcGIS's codes as the shell kept them.
          expect((arrived as Error).message).toBe(new expected().message);
          const { arcgisCode, messageCode } = error as PortalError;
          const got = arrived as PortalError;
          expect([got.code, got.arcgisCode, got.messageCode]).toEqual([
            (error as AuthShellError).code,
            arcgisCode,
            messageCode,
          ]);
          if (echo === "ArcGIS envelope" && operation !== "rest/info") {
            expect(arrived).toMatchObject({ arcgisCode: 498, messageCode: "GWM_0003" });
          }
          expect(crossed.length).toBeGreaterThan(0);
          const wire = JSON.stringify(crossed);
          for (const value of all) {
            expect(wire).not.toContain(value);
            expect(readable(arrived)).not.toContain(value);
          }
        },
      ),
      { numRuns: 400 },
    );
    // Every call failed at least once: the property did not pass by never producing an error.
    expect([...tally.keys()].sort()).toEqual(Object.keys(OPERATIONS).sort());
  }, 60_000);
});
