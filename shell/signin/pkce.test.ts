import { describe, expect, it } from "vitest";
import { codeChallengeS256, createCodeVerifier } from "./pkce.ts";

describe("PKCE", () => {
  it("matches docs/arcgis.md's check value", async () => {
    expect(await codeChallengeS256("A".repeat(43))).toBe("DwBzhbb51LfusnSGBa_hqYSgo7-j8BTQnip4TOnlzRo");
  });

  it("makes 43-character base64url verifiers that differ", () => {
    const a = createCodeVerifier();
    const b = createCodeVerifier();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
  });

  it("uses the injected random source", () => {
    const zeros = { getRandomValues: <T extends ArrayBufferView | null>(array: T) => array };
    expect(createCodeVerifier(zeros)).toBe("A".repeat(43));
  });
});
