import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createTokenCache, EXPIRY_MARGIN_MS } from "./tokenCache.ts";

const NOW = 1_700_000_000_000;

describe("createTokenCache", () => {
  it("serves a token until the margin before it expires, and not from that instant on", () => {
    let now = NOW;
    const cache = createTokenCache(() => now);
    cache.set("", { token: "portal", expires: NOW + EXPIRY_MARGIN_MS + 1000 });
    expect(cache.get("")).toBe("portal");
    now += 999;
    expect(cache.get("")).toBe("portal");
    now += 1;
    expect(cache.get("")).toBeUndefined();
    // The token stays known as the one handed out, so a report can name it.
    expect(cache.last("")).toBe("portal");
  });

  it("keeps scopes apart and forgets every scope on clear()", () => {
    const cache = createTokenCache(() => NOW);
    const expires = NOW + 3_600_000;
    cache.set("http://a.test/arcgis", { token: "a", expires });
    cache.set("http://b.test/arcgis", { token: "b", expires });
    expect([cache.get("http://a.test/arcgis"), cache.get("http://b.test/arcgis"), cache.get("")]).toEqual([
      "a",
      "b",
      undefined,
    ]);
    cache.set("http://a.test/arcgis", { token: "a2", expires });
    expect(cache.get("http://a.test/arcgis")).toBe("a2");
    cache.clear();
    expect([cache.get("http://a.test/arcgis"), cache.last("http://b.test/arcgis")]).toEqual([
      undefined,
      undefined,
    ]);
  });

  it("serves a grant exactly while now is before its expiry minus the margin (any clock)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 45 }),
        fc.integer({ min: -(2 ** 40), max: 2 ** 40 }),
        (now, left) => {
          const cache = createTokenCache(() => now);
          cache.set("s", { token: "t", expires: now + left });
          expect(cache.get("s")).toBe(left > EXPIRY_MARGIN_MS ? "t" : undefined);
          expect(cache.last("s")).toBe("t");
        },
      ),
    );
  });
});
