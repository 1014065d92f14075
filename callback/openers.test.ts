import { describe, expect, it } from "vitest";
import { allowedOpenerOrigins } from "./openers.ts";

const OWN = "http://localhost:5173";

describe("allowedOpenerOrigins", () => {
  it("lists the page's own origin first, then the meta's origins, without duplicates", () => {
    expect(
      allowedOpenerOrigins("http://127.0.0.1:5174  https://a.example\nhttp://localhost:5173", OWN),
    ).toEqual([OWN, "http://127.0.0.1:5174", "https://a.example"]);
  });

  it("allows only the own origin when the meta is missing or empty", () => {
    expect(allowedOpenerOrigins(null, OWN)).toEqual([OWN]);
    expect(allowedOpenerOrigins("   ", OWN)).toEqual([OWN]);
  });

  it("ignores entries that are not exact http(s) origins", () => {
    const content = [
      "*",
      "/",
      "null",
      "https://a.example/",
      "https://a.example/path",
      "HTTPS://A.EXAMPLE",
      "https://user@a.example",
      "ftp://a.example",
      "javascript:alert(1)",
      "data:text/html,x",
      "a.example",
      "https://b.example",
    ].join(" ");
    expect(allowedOpenerOrigins(content, OWN)).toEqual([OWN, "https://b.example"]);
  });

  it("never allows an opaque own origin", () => {
    expect(allowedOpenerOrigins("https://a.example", "null")).toEqual(["https://a.example"]);
  });

  it("on an https page ignores http entries: anyone on the network can be that origin", () => {
    expect(allowedOpenerOrigins("http://a.example https://b.example", "https://app.example")).toEqual([
      "https://app.example",
      "https://b.example",
    ]);
  });

  it("on a page not on loopback ignores loopback entries: they name the user's own machine", () => {
    const content =
      "http://localhost:5173 http://127.0.0.1:5174 https://dev.localhost http://[::1]:8080 https://b.example";
    expect(allowedOpenerOrigins(content, "https://app.example")).toEqual([
      "https://app.example",
      "https://b.example",
    ]);
    expect(allowedOpenerOrigins(content, "http://app.example")).toEqual([
      "http://app.example",
      "https://b.example",
    ]);
  });

  it("on a loopback page keeps loopback entries (development), http ones only over http", () => {
    expect(allowedOpenerOrigins("http://127.0.0.1:5174 https://a.localhost", OWN)).toEqual([
      OWN,
      "http://127.0.0.1:5174",
      "https://a.localhost",
    ]);
    expect(
      allowedOpenerOrigins("http://127.0.0.1:5174 https://a.localhost", "https://localhost:8443"),
    ).toEqual(["https://localhost:8443", "https://a.localhost"]);
  });
});
