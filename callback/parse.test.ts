import { describe, expect, it } from "vitest";
import { parseCallbackUrl } from "./parse.ts";
import { invalidReason, NOW, resultOf, TOKEN_HASH } from "./parseTesting.ts";

describe("parseCallbackUrl: docs/arcgis.md §7 vectors", () => {
  it("reads an implicit token answer from the fragment", () => {
    expect(resultOf("", TOKEN_HASH)).toEqual({
      kind: "token",
      token: "token",
      expires: NOW + 86_400_000,
      username: "c@sey",
      ssl: true,
    });
  });

  it("reads ssl as false when it is missing", () => {
    const result = resultOf("", "#access_token=token&expires_in=86400&username=c%40sey&persist=true&state=S");
    expect(result).toMatchObject({ kind: "token", ssl: false });
  });

  it("reads portal errors from the fragment", () => {
    expect(resultOf("", "#error=Invalid_Signin&error_description=Invalid_Signin&state=S")).toEqual({
      kind: "error",
      error: "Invalid_Signin",
      description: "Invalid_Signin",
    });
    expect(resultOf("", "#error=sign_in_failed&error_description=Request%20failed&state=S")).toEqual({
      kind: "error",
      error: "sign_in_failed",
      description: "Request failed",
    });
  });

  it("turns a fragment with only a state into an error", () => {
    expect(invalidReason("", "#state=S")).toBe("no token, code or error in the answer");
  });

  it("reads a code answer from the query", () => {
    expect(resultOf("?code=auth_code&state=S", "")).toEqual({ kind: "code", code: "auth_code" });
  });

  it("reads access denied from the query", () => {
    const query = "?error=access_denied&error_description=The%20user%20has%20denied%20your%20request&state=S";
    expect(resultOf(query, "")).toEqual({
      kind: "error",
      error: "access_denied",
      description: "The user has denied your request",
    });
  });

  it("passes the state through for the shell to compare", () => {
    const outcome = parseCallbackUrl("?code=c&state=other", "", NOW);
    expect(outcome).toMatchObject({ kind: "send", message: { state: "other" } });
  });
});

describe("parseCallbackUrl: decoding", () => {
  it("percent-decodes only: + stays +, %2B is +, %20 is a space", () => {
    const result = resultOf("", "#access_token=a+b%2Bc%20d&expires_in=60&username=u&state=S");
    expect(result).toMatchObject({ kind: "token", token: "a+b+c d" });
  });

  it("decodes keys and unicode values", () => {
    const result = resultOf("", "#access_token=t&expires_in=60&user%6Eame=%C3%A9l%C3%A8ve&st%61te=S");
    expect(result).toMatchObject({ kind: "token", username: "élève" });
  });

  it("ignores unknown keys, empty segments and a missing '?' or '#'", () => {
    expect(resultOf("code=c&&foo=bar&state=S&", "")).toEqual({ kind: "code", code: "c" });
    expect(resultOf("", "access_token=t&expires_in=60&username=u&x&state=S")).toMatchObject({
      kind: "token",
    });
  });

  it("uses a query of unknown keys alongside a fragment answer", () => {
    expect(resultOf("?app=demo", "#code=c&state=S")).toEqual({ kind: "code", code: "c" });
  });

  it("sets expires from the clock it is given", () => {
    expect(resultOf("", "#access_token=t&expires_in=1&username=u&state=S")).toMatchObject({
      expires: NOW + 1000,
    });
    expect(resultOf("", "#access_token=t&expires_in=1209600&username=u&state=S")).toMatchObject({
      expires: NOW + 1_209_600_000,
    });
  });

  it("treats ssl as true only for the literal 'true'", () => {
    for (const ssl of ["TRUE", "1", "yes", "", "true%20"]) {
      const result = resultOf("", `#access_token=t&expires_in=60&username=u&ssl=${ssl}&state=S`);
      expect(result).toMatchObject({ ssl: false });
    }
  });

  it("shows script in error_description as the same text", () => {
    const script = "<script>alert(1)</script><img src=x onerror=alert(2)>";
    const result = resultOf("", `#error=x&error_description=${encodeURIComponent(script)}&state=S`);
    expect(result).toEqual({ kind: "error", error: "x", description: script });
  });
});
