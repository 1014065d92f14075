import { createHash, timingSafeEqual } from "node:crypto";

/** PKCE (RFC 7636) as the portal checks it at oauth2/token. */

/** The code challenge methods the portal accepts at oauth2/authorize. */
export type ChallengeMethod = "S256" | "plain";

/** The S256 challenge of a verifier: base64url(SHA-256(verifier)), no padding. */
export function s256Challenge(verifier: string): string {
  return createHash("sha256").update(verifier, "ascii").digest("base64url");
}

/** RFC 7636 §4.1: 43-128 characters of [A-Za-z0-9-._~]. */
export function isWellFormedVerifier(verifier: string): boolean {
  return /^[A-Za-z0-9\-._~]{43,128}$/.test(verifier);
}

/** Whether `verifier` matches the challenge saved at authorize (constant-time comparison). */
export function verifierMatches(verifier: string, challenge: string, method: ChallengeMethod): boolean {
  if (!isWellFormedVerifier(verifier)) return false;
  const expected = Buffer.from(challenge);
  const actual = Buffer.from(method === "S256" ? s256Challenge(verifier) : verifier);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
