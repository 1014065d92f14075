/**
 * Property tests of classifyUrl on URLs assembled from adversarial parts (userinfo, look-alike
 * hosts, percent-encoding, mixed case, ports, schemes, path and query tricks). The oracle is what
 * `fetch` would do with the string: where `new URL` sends it. Tallies make sure every kind is
 * actually produced, so the properties cannot pass vacuously.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { tokenScopeOf } from "../../protocol/appChannel.ts";
import { classifyUrl, locatePortal } from "./classifyUrl.ts";
import type { UrlKind } from "./types.ts";

const RUNS = 10_000;

const PORTALS = [
  { url: "http://localhost:4100/sharing/rest", origin: "http://localhost:4100", root: "" },
  { url: "https://www.arcgis.com/sharing/rest", origin: "https://www.arcgis.com", root: "" },
  { url: "https://gis.city.gov/portal/sharing/rest", origin: "https://gis.city.gov", root: "/portal" },
];

/** Randomly upper-cases letters, as an attacker (or a sloppy config) might. */
const mixedCase = (text: string) =>
  fc
    .array(fc.boolean(), { minLength: text.length, maxLength: text.length })
    .map((flags) => [...text].map((char, i) => (flags[i] ? char.toUpperCase() : char)).join(""));

/** Mostly one of `usual` (so that many URLs do reach the portal), sometimes one of `odd`. */
const mostly = (usual: string[], odd: string[]) =>
  fc.oneof(
    { arbitrary: fc.constantFrom(...usual), weight: 3 },
    { arbitrary: fc.constantFrom(...odd), weight: 1 },
  );

const withMixedCase = (text: fc.Arbitrary<string>) =>
  text.chain((value) =>
    fc.oneof({ arbitrary: fc.constant(value), weight: 3 }, { arbitrary: mixedCase(value), weight: 1 }),
  );

const scheme = withMixedCase(
  mostly(["http", "https"], ["ftp", "ws", "javascript", "file", "data", "blob:http", ""]),
);
const separator = mostly(["://"], [":/", ":", ":\\\\", "://\\", ":///"]);
const userinfo = mostly(
  [""],
  ["user@", "user:pw@", ":@", "@", "localhost:4100@", "www.arcgis.com@", "%40@", "evil.com%40@"],
);
const host = withMixedCase(
  mostly(
    ["localhost", "www.arcgis.com", "gis.city.gov", "services.arcgis.com", "services2.arcgis.com"],
    [
      "servicesdev.arcgis.com",
      "services.arcgis.com.evil.com",
      "www.arcgis.com.evil.com",
      "localhost.evil",
      "localhost%2e",
      "localhost%3A4100.evil",
      "%6Cocalhost",
      "www%2Earcgis.com",
      "l\u043ecalhost",
      "127.0.0.1",
      "[::1]",
      "evil.com",
      "gis.city.gov.",
    ],
  ),
);
const port = mostly(["", ":4100"], [":4101", ":443", ":80", ":04100", ":4100.evil", ":", ":8443"]);
const segment = mostly(
  ["sharing", "rest", "portal", "arcgis", "rest/services", "rest/admin/services"],
  ["restX", "portalX", "Portal", "services", "..", ".", "%2e%2e", "%2F", "", "@evil.com", "localhost:4100"],
);
const path = fc
  .tuple(fc.array(segment, { maxLength: 6 }), mostly(["/"], ["\\"]))
  .map(([segments, slash]) => (segments.length === 0 ? "" : slash + segments.join(slash)));
const tail = mostly(
  ["", "?f=json"],
  ["?next=http://localhost:4100/sharing/rest", "#/sharing/rest", "?token=abc#x"],
);

const assembledUrl = fc
  .tuple(scheme, separator, userinfo, host, port, path, tail)
  .map((parts) => parts.join(""));

// A real portal origin (mixed case), sometimes with userinfo slipped in, then adversarial paths:
// this is where a path or userinfo mistake would hand out the portal token.
const nearPortalUrl = fc
  .tuple(withMixedCase(fc.constantFrom(...PORTALS.map((p) => p.origin))), userinfo, path, tail)
  .map(([origin, info, rest, end]) => origin.replace("://", `://${info}`) + rest + end);

const adversarialUrl = fc.oneof(assembledUrl, nearPortalUrl);

function check(url: string, portal: (typeof PORTALS)[number], kind: UrlKind): void {
  if (kind.kind === "other") return;
  // Anything that gets a token must be where fetch would really send it, with no credentials.
  const parsed = new URL(url);
  expect(["http:", "https:"]).toContain(parsed.protocol);
  expect(parsed.username + parsed.password).toBe("");
  if (kind.kind === "portal") {
    expect(parsed.origin).toBe(portal.origin);
    const under =
      portal.root === "" || parsed.pathname === portal.root || parsed.pathname.startsWith(`${portal.root}/`);
    expect(under).toBe(true);
  } else if (kind.kind === "hosted") {
    expect(portal.origin).toBe("https://www.arcgis.com");
    expect(parsed.protocol).toBe("https:");
    expect(parsed.port).toBe("");
    expect(parsed.hostname).toMatch(/^services\d*\.arcgis\.com$/);
  } else {
    expect(kind.root.startsWith(parsed.origin)).toBe(true);
    expect(kind.root.endsWith("/")).toBe(false);
    expect(parsed.pathname.toLowerCase()).toMatch(/\/rest(\/admin)?\/services(\/|$)/);
  }
}

describe("classifyUrl properties", () => {
  it("gives a token-bearing kind only to URLs that really go to the portal, a hosted service or a server", () => {
    const tally = { portal: 0, hosted: 0, server: 0, other: 0 };
    fc.assert(
      fc.property(adversarialUrl, fc.constantFrom(...PORTALS), (url, portal) => {
        const kind = classifyUrl(url, portal.url);
        tally[kind.kind]++;
        check(url, portal, kind);
      }),
      { numRuns: RUNS },
    );
    // The generator must reach every branch, else the checks above prove nothing.
    for (const count of Object.values(tally)) expect(count).toBeGreaterThan(0);
    expect(tally.portal).toBeGreaterThan(RUNS / 100);
  });

  it("never throws, whatever the string", () => {
    const location = locatePortal(PORTALS[0]!.url);
    fc.assert(
      fc.property(
        fc.oneof(
          { arbitrary: fc.string(), weight: 4 },
          fc.webUrl({ withQueryParameters: true, withFragments: true }),
        ),
        (url) => {
          check(url, PORTALS[0]!, classifyUrl(url, location));
          locatePortal(url);
        },
      ),
      { numRuns: 3_000 },
    );
  });
});

/** URLs that get a token from one of PORTALS: portal, hosted service, server (admin too). */
const TOKEN_URLS = [
  "http://localhost:4100/sharing/rest/community/self?f=json",
  "https://www.arcgis.com/sharing/rest/portals/self",
  "https://services3.arcgis.com/org/arcgis/rest/services/X/FeatureServer/0/query",
  "https://gis.city.gov/portal/sharing/rest/info",
  "http://localhost:4200/arcgis/rest/services/Trees/FeatureServer/0/query?where=1%3D1",
  "https://gis.city.gov/server/rest/admin/services/X",
];

/** An encoded `/`, `\` or `.`, any case, alone or inside a traversal. */
const encodedSeparator = withMixedCase(fc.constantFrom("%2f", "%5c", "%2e")).chain((code) =>
  fc.constantFrom(code, `..${code}..`, `${code}${code}`, `${code}..${code}`, `/${code}/`, `${code}/`),
);

describe("classifyUrl: encoded separators", () => {
  it("gives no token-bearing kind (and the SDK no cache scope) to a URL with %2f, %5c or %2e in its path", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...TOKEN_URLS),
        fc.nat(),
        encodedSeparator,
        fc.constantFrom(...PORTALS),
        (base, at, inserted, portal) => {
          const { origin, pathname, search } = new URL(base);
          const cut = 1 + (at % pathname.length); // somewhere after the path's first "/"
          const url = `${origin}${pathname.slice(0, cut)}${inserted}${pathname.slice(cut)}${search}`;
          expect(classifyUrl(url, portal.url)).toEqual({ kind: "other" });
          expect(tokenScopeOf(url)).toBeNull();
        },
      ),
      { numRuns: 3_000 },
    );
  });

  it("still classifies those URLs when the encodings are only in the query or fragment", () => {
    const tally = { portal: 0, hosted: 0, server: 0, other: 0 };
    fc.assert(
      fc.property(
        fc.constantFrom(...TOKEN_URLS),
        encodedSeparator,
        fc.constantFrom("?next=", "&x=", "#"),
        fc.constantFrom(...PORTALS),
        (base, inserted, joint, portal) => {
          const url = base + (joint === "&x=" && !base.includes("?") ? "?x=" : joint) + inserted;
          const kind = classifyUrl(url, portal.url);
          expect(kind).toEqual(classifyUrl(base, portal.url));
          tally[kind.kind]++;
        },
      ),
      { numRuns: 1_000 },
    );
    // Every base URL is token-bearing for its own portal, so the property above is not vacuous.
    for (const kind of ["portal", "hosted", "server"] as const) expect(tally[kind]).toBeGreaterThan(0);
  });
});
