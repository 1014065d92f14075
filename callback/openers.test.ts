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
});
