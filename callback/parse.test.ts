import { describe, expect, it } from "vitest";
import type { CallbackResult } from "./message.ts";
import { parseCallbackMessage } from "./message.ts";
import { type CallbackOutcome, parseCallbackUrl } from "./parse.ts";

const NOW = 1_800_000_000_000;

/** The result sent for `search`/`hash`, asserting that something is sent to state `S`. */
function resultOf(search: string, hash: string): CallbackResult {
  const outcome = parseCallbackUrl(search, hash, NOW);
  if (outcome.kind !== "send") throw new Error(`expected a message, got: ${outcome.reason}`);
  expect(outcome.message.state).toBe("S");
  // Whatever the parser sends must pass the shell's schema.
  expect(parseCallbackMessage(outcome.message)).toEqual(outcome.message);
  return outcome.message.result;
}

/** The `invalid_response` description for an answer that must be rejected. */
function invalidReason(search: string, hash: string): string {
  const result = resultOf(search, hash);
  if (result.kind !== "error" || result.error !== "invalid_response") {
    throw new Error(`expected invalid_response, got ${result.kind}`);
  }
  return result.description;
}

const TOKEN_HASH = "#access_token=token&expires_in=86400&username=c%40sey&ssl=true&persist=true&state=S";

describe("parseCallbackUrl: ARCGIS.md §7 vectors", () => {
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

describe("parseCallbackUrl: invalid answers with a usable state become invalid_response", () => {
  const cases: Array<[string, string, string, string]> = [
    [
      "malformed percent-encoding in a value",
      "",
      "#access_token=%E0%A4&expires_in=60&username=u&state=S",
      "malformed percent-encoding",
    ],
    [
      "malformed percent-encoding in an unknown key",
      "",
      "#code=c&%zz=1&state=S",
      "malformed percent-encoding",
    ],
    [
      "duplicated access_token",
      "",
      "#access_token=a&access_token=b&expires_in=60&username=u&state=S",
      "duplicated parameter: access_token",
    ],
    [
      "duplicated expires_in",
      "",
      "#access_token=a&expires_in=60&expires_in=60&username=u&state=S",
      "duplicated parameter: expires_in",
    ],
    [
      "duplicated error_description",
      "?error=e&error_description=a&error_description=b&state=S",
      "",
      "duplicated parameter: error_description",
    ],
    [
      "duplicated ssl",
      "",
      "#access_token=a&expires_in=60&username=u&ssl=true&ssl=false&state=S",
      "duplicated parameter: ssl",
    ],
    [
      "__proto__ key",
      "",
      "#access_token=a&expires_in=60&username=u&__proto__=x&state=S",
      "forbidden parameter name",
    ],
    ["encoded __proto__ key", "", "#code=c&__proto%5F_=x&state=S", "forbidden parameter name"],
    ["constructor key", "?code=c&constructor=x&state=S", "", "forbidden parameter name"],
    ["prototype key", "?code=c&prototype=x&state=S", "", "forbidden parameter name"],
    ["forbidden key in the other part", "?__proto__=1", "#code=c&state=S", "forbidden parameter name"],
    [
      "value over 16 KB",
      "",
      `#access_token=${"a".repeat(16_385)}&expires_in=60&username=u&state=S`,
      "parameter too long",
    ],
    ["unknown value over 16 KB", "", `#code=c&x=${"a".repeat(16_385)}&state=S`, "parameter too long"],
    ["expires_in missing", "", "#access_token=a&username=u&state=S", "expires_in missing or out of range"],
    [
      "expires_in zero",
      "",
      "#access_token=a&expires_in=0&username=u&state=S",
      "expires_in missing or out of range",
    ],
    [
      "expires_in negative",
      "",
      "#access_token=a&expires_in=-60&username=u&state=S",
      "expires_in missing or out of range",
    ],
    [
      "expires_in over two weeks",
      "",
      "#access_token=a&expires_in=1209601&username=u&state=S",
      "expires_in missing or out of range",
    ],
    [
      "expires_in absurd",
      "",
      `#access_token=a&expires_in=${"9".repeat(400)}&username=u&state=S`,
      "expires_in missing or out of range",
    ],
    [
      "expires_in fractional",
      "",
      "#access_token=a&expires_in=60.5&username=u&state=S",
      "expires_in missing or out of range",
    ],
    [
      "expires_in exponent",
      "",
      "#access_token=a&expires_in=1e3&username=u&state=S",
      "expires_in missing or out of range",
    ],
    [
      "expires_in with a sign",
      "",
      "#access_token=a&expires_in=%2B60&username=u&state=S",
      "expires_in missing or out of range",
    ],
    [
      "expires_in with a space",
      "",
      "#access_token=a&expires_in=%2060&username=u&state=S",
      "expires_in missing or out of range",
    ],
    [
      "expires_in not a number",
      "",
      "#access_token=a&expires_in=soon&username=u&state=S",
      "expires_in missing or out of range",
    ],
    [
      "expires_in empty",
      "",
      "#access_token=a&expires_in=&username=u&state=S",
      "expires_in missing or out of range",
    ],
    ["token without username", "", "#access_token=a&expires_in=60&state=S", "access_token without username"],
    [
      "token with empty username",
      "",
      "#access_token=a&expires_in=60&username=&state=S",
      "access_token without username",
    ],
    ["empty token", "", "#access_token=&expires_in=60&username=u&state=S", "empty access_token"],
    ["empty code", "?code=&state=S", "", "empty code"],
    ["empty error", "?error=&state=S", "", "empty error"],
    [
      "token and code",
      "",
      "#access_token=a&expires_in=60&username=u&code=c&state=S",
      "more than one of token, code and error",
    ],
    [
      "token and error",
      "",
      "#access_token=a&expires_in=60&username=u&error=e&state=S",
      "more than one of token, code and error",
    ],
    [
      "answer in both parts",
      "?code=c",
      "#access_token=a&expires_in=60&username=u&state=S",
      "answer in both query and fragment",
    ],
    [
      "state in the query, token in the fragment",
      "?state=S",
      "#access_token=a&expires_in=60&username=u",
      "answer in both query and fragment",
    ],
    ["nothing but unknown keys", "", "#foo=bar&state=S", "no token, code or error in the answer"],
  ];

  it.each(cases)("%s", (_name, search, hash, reason) => {
    expect(invalidReason(search, hash)).toBe(reason);
  });

  it("never puts the token in the description", () => {
    for (const [, search, hash] of cases) {
      const description = invalidReason(search, hash);
      expect(description).not.toMatch(/aaaa|%E0/);
      expect(description.length).toBeLessThan(60);
    }
  });
});

describe("parseCallbackUrl: without a usable state nothing is sent", () => {
  const unsendable: Array<[string, string, string]> = [
    ["no state", "", "#access_token=a&expires_in=60&username=u"],
    ["empty state", "", "#access_token=a&expires_in=60&username=u&state="],
    ["state without '='", "", "#access_token=a&expires_in=60&username=u&state"],
    ["duplicated state", "", "#access_token=a&expires_in=60&username=u&state=S&state=S"],
    ["state in both parts", "?state=S", "#state=S"],
    ["malformed state", "", "#access_token=a&expires_in=60&username=u&state=%G1"],
    ["state over 16 KB", "", `#code=c&state=${"s".repeat(16_385)}`],
    ["empty URL", "", ""],
    ["only separators", "?&&", "#&"],
  ];

  it.each(unsendable)("%s", (_name, search, hash) => {
    const outcome: CallbackOutcome = parseCallbackUrl(search, hash, NOW);
    expect(outcome.kind).toBe("unsendable");
  });

  it("accepts a state of exactly 16 KB", () => {
    const state = "s".repeat(16_384);
    expect(parseCallbackUrl("", `#code=c&state=${state}`, NOW)).toMatchObject({ message: { state } });
  });
});
