import { describe, expect, it } from "vitest";
import { buildRedirect, parseExpirationMinutes, validateAuthorize } from "./authorize-request.ts";
import { escapeHtml } from "./sign-in-page.ts";

describe("parseExpirationMinutes", () => {
  it.each([
    [undefined, 20_160],
    ["", 20_160],
    ["abc", 20_160],
    ["0", 20_160],
    ["-5", 20_160],
    ["1", 1],
    ["90.9", 90],
    ["20160", 20_160],
    ["20161", 20_160],
    ["1e9", 20_160],
  ])("reads %s as %d minutes", (value, minutes) => {
    expect(parseExpirationMinutes(value)).toBe(minutes);
  });
});

describe("buildRedirect", () => {
  it("percent-encodes values so + and @ survive, and skips missing ones", () => {
    const location = buildRedirect("http://localhost:5173/callback.html", "token", [
      ["username", "c@sey"],
      ["access_token", "a+b/c="],
      ["state", undefined],
    ]);
    expect(location).toBe("http://localhost:5173/callback.html#username=c%40sey&access_token=a%2Bb%2Fc%3D");
  });

  it("puts code-flow answers in the query", () => {
    expect(buildRedirect("http://x/cb", "code", [["code", "1"]])).toBe("http://x/cb?code=1");
  });
});

describe("validateAuthorize", () => {
  const base = {
    client_id: "arcgis-auth-shell-demo",
    redirect_uri: "http://127.0.0.1:5174/callback.html",
    response_type: "code",
    code_challenge: "c",
  };

  it("defaults code_challenge_method to plain and rejects unknown methods with a redirect", () => {
    const ok = validateAuthorize(base);
    expect(ok.kind === "ok" && ok.request.codeChallengeMethod).toBe("plain");
    const bad = validateAuthorize({ ...base, code_challenge_method: "S512", state: "s" });
    expect(bad).toEqual({
      kind: "redirect",
      location:
        "http://127.0.0.1:5174/callback.html?error=invalid_request&error_description=Unsupported%20code_challenge_method&state=s",
    });
  });
});

describe("escapeHtml", () => {
  it("escapes the five HTML-significant characters", () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;",
    );
  });
});
