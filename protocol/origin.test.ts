import { describe, expect, it } from "vitest";
import {
  exactOrigin,
  isHttp,
  isLoopbackHostname,
  parseHttpUrl,
  sameOriginUrl,
  toUrl,
  withoutFragment,
} from "./origin.ts";

const BASE = "http://localhost:5173/callback.html";

describe("parseHttpUrl", () => {
  it("accepts absolute http(s) URLs", () => {
    expect(parseHttpUrl("https://a.example/x?y#z")?.href).toBe("https://a.example/x?y#z");
    expect(parseHttpUrl("http://localhost:4200/arcgis")?.origin).toBe("http://localhost:4200");
  });

  it("refuses other schemes, relative URLs, userinfo and non-strings", () => {
    for (const value of [
      "ftp://a.example/",
      "javascript:alert(1)",
      "/relative",
      "https://www.arcgis.com@evil.example/",
      "https://user:pass@a.example/",
      "",
      42,
      null,
      undefined,
    ]) {
      expect(parseHttpUrl(value), String(value)).toBeNull();
    }
  });

  it("toUrl and isHttp are its parts: any scheme parses, only http(s) is web", () => {
    expect(toUrl("ftp://a.example/")?.protocol).toBe("ftp:");
    expect(toUrl("not a url")).toBeNull();
    expect(isHttp(new URL("data:text/plain,x"))).toBe(false);
    expect(isHttp(new URL("HTTPS://A.example"))).toBe(true);
  });
});

describe("exactOrigin", () => {
  it("accepts serialized http(s) origins only", () => {
    for (const origin of ["https://host.example", "http://localhost:5173", "http://[::1]:8080"]) {
      expect(exactOrigin(origin)?.origin, origin).toBe(origin);
    }
    for (const value of [
      "https://host.example/",
      "https://HOST.example",
      "https://host.example:443",
      "https://host.example/path",
      "https://user@host.example",
      "*",
      "null",
      "file:///x",
      " https://host.example",
      undefined,
    ]) {
      expect(exactOrigin(value), String(value)).toBeNull();
    }
  });
});

describe("sameOriginUrl", () => {
  it("accepts absolute and relative URLs of the base's origin", () => {
    expect(sameOriginUrl("http://localhost:5173/app?x=1#y", BASE)).toBe("http://localhost:5173/app?x=1#y");
    expect(sameOriginUrl("/app", BASE)).toBe("http://localhost:5173/app");
  });

  it("refuses other origins, other schemes and non-strings", () => {
    for (const returnTo of [
      "http://127.0.0.1:5174/",
      "https://localhost:5173/",
      "//evil.test/",
      "javascript:alert(1)",
      "data:text/html,x",
      "http://localhost:5173@evil.test/",
      "",
      42,
      null,
      undefined,
    ]) {
      expect(sameOriginUrl(returnTo, BASE), String(returnTo)).toBeNull();
    }
  });
});

describe("withoutFragment", () => {
  it("drops the fragment and keeps the rest", () => {
    expect(withoutFragment("http://localhost:5173/app?x=1#secret")).toBe("http://localhost:5173/app?x=1");
  });

  it("throws on a string that is not an absolute URL", () => {
    expect(() => withoutFragment("/relative")).toThrow(TypeError);
  });
});

describe("isLoopbackHostname", () => {
  it("knows the names and addresses of this machine", () => {
    const loopback = ["localhost", "localhost.", "a.b.localhost", "127.0.0.1", "127.255.0.9", "[::1]"];
    const alsoLocal = ["0.0.0.0", "[::]", "[::ffff:7f00:1]"];
    for (const name of [...loopback, ...alsoLocal]) expect(isLoopbackHostname(name), name).toBe(true);
    const remote = [
      "a.example",
      "localhost.example",
      "notlocalhost",
      "128.0.0.1",
      "10.0.0.1",
      "[::2]",
      "[::ffff:a00:1]",
    ];
    for (const name of remote) expect(isLoopbackHostname(name), name).toBe(false);
  });
});
