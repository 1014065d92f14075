/** PKCE (RFC 7636) with S256, the method ArcGIS supports in secure contexts (docs/arcgis.md §1). */
import { base64url } from "./base64url.ts";

/** A fresh code verifier: 32 random bytes as 43 base64url characters (RFC 7636 §4.1). */
export function createCodeVerifier(random: Pick<Crypto, "getRandomValues"> = crypto): string {
  return base64url(random.getRandomValues(new Uint8Array(32)));
}

/** The S256 code challenge of `verifier`: base64url(SHA-256(ASCII(verifier))). */
export async function codeChallengeS256(
  verifier: string,
  subtle: Pick<SubtleCrypto, "digest"> = crypto.subtle,
): Promise<string> {
  const digest = await subtle.digest("SHA-256", new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}
