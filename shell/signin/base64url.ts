/** Unpadded base64url (RFC 4648 §5) of bytes: the alphabet of `state`, PKCE verifiers and challenges. */
export function base64url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
