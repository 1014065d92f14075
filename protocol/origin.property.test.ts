/**
 * Properties of the one origin/URL parser: it agrees with the rules each boundary used before it
 * (the SDK handshake's origin check, the callback's opener list, federation's URL parse), and
 * nothing it accepts can point anywhere else than `new URL` says.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { exactOrigin, parseHttpUrl, sameOriginUrl } from "./origin.ts";

/** Strings near the edge of what an origin is: schemes, cases, ports, paths, userinfo, spaces. */
const originLike = fc
  .tuple(
    fc.constantFrom("http://", "https://", "HTTP://", "ftp://", "http:/", "", "https:///"),
    fc.constantFrom("", "user@", "a:b@"),
    fc.constantFrom(
      "host.example",
      "HOST.example",
      "localhost",
      "127.0.0.1",
      "[::1]",
      "xn--bcher-kva.example",
      "",
    ),
    fc.constantFrom("", ":80", ":443", ":5173", ":0", ":99999"),
    fc.constantFrom("", "/", "/path", "?q", "#f", " ", "."),
  )
  .map((parts) => parts.join(""));
const anyText = fc.oneof(originLike, fc.webUrl(), fc.string());

/** The rule `connectPort` used before it used `exactOrigin`. */
const oldHandshakeRule = (value: string): boolean => {
  if (!/^https?:\/\/[^/?#@]+$/.test(value)) return false;
  try {
    return new URL(value).origin === value;
  } catch {
    return false;
  }
};

describe("exactOrigin", () => {
  it("accepts exactly what the handshake's old regex-and-parse rule accepted", () => {
    fc.assert(
      fc.property(anyText, (value) => {
        expect(exactOrigin(value) !== null).toBe(oldHandshakeRule(value));
      }),
      { numRuns: 2000 },
    );
  });

  it("returns the parse whose origin is the value itself", () => {
    fc.assert(
      fc.property(fc.webUrl(), (url) => {
        const origin = new URL(url).origin;
        expect(exactOrigin(origin)?.origin).toBe(origin);
      }),
    );
  });
});

describe("parseHttpUrl", () => {
  it("accepts only http(s) without userinfo, parsed the way fetch parses it", () => {
    fc.assert(
      fc.property(anyText, (value) => {
        const url = parseHttpUrl(value);
        if (url === null) return;
        expect(["http:", "https:"]).toContain(url.protocol);
        expect(url.username + url.password).toBe("");
        expect(url.href).toBe(new URL(value).href);
      }),
      { numRuns: 2000 },
    );
  });

  it("accepts every web URL without userinfo", () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (url) => {
        expect(parseHttpUrl(url)?.href).toBe(new URL(url).href);
      }),
    );
  });
});

describe("sameOriginUrl", () => {
  const base = "http://localhost:5173/callback.html";

  it("never returns an address on another origin or scheme, whatever is stored", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          anyText,
          fc.string().map((path) => `//${path}`),
        ),
        (target) => {
          const url = sameOriginUrl(target, base);
          if (url !== null) expect(new URL(url).origin).toBe("http://localhost:5173");
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("keeps every address on the base's origin", () => {
    fc.assert(
      fc.property(fc.webPath(), fc.webQueryParameters(), (path, query) => {
        const target = `http://localhost:5173${path}?${query}`;
        expect(sameOriginUrl(target, base)).toBe(new URL(target).href);
      }),
    );
  });
});
