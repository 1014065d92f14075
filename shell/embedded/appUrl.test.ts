import { describe, expect, it } from "vitest";
import { InvalidOptionsError } from "../../protocol/errors.ts";
import { embeddedAppUrl } from "./appUrl.ts";

const options = { parentOrigin: "http://localhost:5173", portal: "http://localhost:4100/sharing/rest" };

describe("embeddedAppUrl", () => {
  it("adds both parameters, encoded, and keeps the app's own query and fragment as they were", () => {
    const url = embeddedAppUrl("https://maps.example.com/app/?a=b%20c&d=e+f#view", options);
    expect(url).toBe(
      "https://maps.example.com/app/?a=b%20c&d=e+f" +
        "&arcgis-auth-origin=http%3A%2F%2Flocalhost%3A5173" +
        "&arcgis-auth-portal=http%3A%2F%2Flocalhost%3A4100%2Fsharing%2Frest#view",
    );
    const query = new URL(url).searchParams;
    expect(query.get("arcgis-auth-origin")).toBe("http://localhost:5173");
    expect(query.get("arcgis-auth-portal")).toBe("http://localhost:4100/sharing/rest");
  });

  it("replaces parameters already there (also percent-encoded names) instead of repeating them", () => {
    const url = embeddedAppUrl(
      new URL(
        "https://maps.example.com/?arcgis-auth-origin=https%3A%2F%2Fevil.test&arcgis%2Dauth%2Dportal=x",
      ),
      { parentOrigin: "https://host.example.com", portal: "https://www.arcgis.com/sharing/rest/" },
    );
    const query = new URL(url).searchParams;
    expect(query.getAll("arcgis-auth-origin")).toEqual(["https://host.example.com"]);
    expect(query.getAll("arcgis-auth-portal")).toEqual(["https://www.arcgis.com/sharing/rest"]);
    expect(url).not.toContain("evil");
  });

  it.each([
    ["a relative app URL", "/app.html", options],
    ["an app URL that is not http(s)", "javascript:alert(1)", options],
    [
      "a parent origin with a path",
      "https://a.example/",
      { ...options, parentOrigin: "http://localhost:5173/" },
    ],
    ["a parent origin that is not http(s)", "https://a.example/", { ...options, parentOrigin: "null" }],
    ["a parent origin of the wrong type", "https://a.example/", { ...options, parentOrigin: 5 }],
    ["a relative portal", "https://a.example/", { ...options, portal: "/sharing/rest" }],
    [
      "a portal with a query",
      "https://a.example/",
      { ...options, portal: "https://p.example/sharing/rest?x=1" },
    ],
    [
      "a portal with user info",
      "https://a.example/",
      { ...options, portal: "https://u:p@p.example/sharing" },
    ],
    ["no options", "https://a.example/", undefined],
  ])("rejects %s with InvalidOptionsError", (_, appUrl, bad) => {
    const call = () => embeddedAppUrl(appUrl, bad as typeof options);
    expect(call).toThrow(InvalidOptionsError);
    try {
      call();
    } catch (error) {
      expect((error as InvalidOptionsError).code).toBe("invalid-options");
    }
  });
});
