import { describe, expect, it } from "vitest";
import { buildAuthorizeUrl } from "./authorizeUrl.ts";

const params = {
  portal: "http://localhost:4100/sharing/rest",
  clientId: "arcgis-auth-shell-demo",
  redirectUri: "http://localhost:5173/callback.html",
  expiration: 20160,
  state: "S_t-a",
  locale: "",
  style: "",
};

describe("buildAuthorizeUrl", () => {
  it("builds the implicit URL in rest-js's order with empty values kept", () => {
    expect(buildAuthorizeUrl(params)).toBe(
      "http://localhost:4100/sharing/rest/oauth2/authorize?client_id=arcgis-auth-shell-demo&response_type=token" +
        "&redirect_uri=http%3A%2F%2Flocalhost%3A5173%2Fcallback.html&expiration=20160&state=S_t-a&locale=&style=",
    );
  });

  it("adds the S256 challenge after style for the code flow", () => {
    const url = new URL(buildAuthorizeUrl({ ...params, codeChallenge: "abc", locale: "de", style: "dark" }));
    expect([...url.searchParams.keys()]).toEqual([
      "client_id",
      "response_type",
      "redirect_uri",
      "expiration",
      "state",
      "locale",
      "style",
      "code_challenge",
      "code_challenge_method",
    ]);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: "code",
      redirect_uri: params.redirectUri,
      locale: "de",
      style: "dark",
      code_challenge: "abc",
      code_challenge_method: "S256",
    });
  });

  it("percent-encodes values so they cannot add parameters", () => {
    const url = new URL(buildAuthorizeUrl({ ...params, clientId: "a&b=c d+" }));
    expect(url.searchParams.get("client_id")).toBe("a&b=c d+");
    expect(url.searchParams.get("b")).toBeNull();
  });
});
