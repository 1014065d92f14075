import { describe, expect, it } from "vitest";
import { type CallbackOutcome, parseCallbackUrl } from "./parse.ts";
import { invalidReason, NOW } from "./parseTesting.ts";

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
