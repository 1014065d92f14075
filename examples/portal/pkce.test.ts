import { describe, expect, it } from "vitest";
import { isWellFormedVerifier, s256Challenge, verifierMatches } from "./pkce.ts";

const verifier = "A".repeat(43);
const challenge = "DwBzhbb51LfusnSGBa_hqYSgo7-j8BTQnip4TOnlzRo";

describe("PKCE", () => {
  it("computes docs/arcgis.md §7's S256 check value", () => {
    expect(s256Challenge(verifier)).toBe(challenge);
  });

  it("matches S256 and plain challenges, and nothing else", () => {
    expect(verifierMatches(verifier, challenge, "S256")).toBe(true);
    expect(verifierMatches(verifier, verifier, "plain")).toBe(true);
    expect(verifierMatches("B".repeat(43), challenge, "S256")).toBe(false);
    expect(verifierMatches(verifier, challenge, "plain")).toBe(false);
    expect(verifierMatches(verifier, "", "S256")).toBe(false);
  });

  it("accepts only RFC 7636 verifiers (43-128 unreserved characters)", () => {
    expect(isWellFormedVerifier("A".repeat(42))).toBe(false);
    expect(isWellFormedVerifier("A".repeat(129))).toBe(false);
    expect(isWellFormedVerifier(`${"A".repeat(42)}+`)).toBe(false);
    expect(isWellFormedVerifier("aZ09-._~".repeat(6))).toBe(true);
  });
});
