/** The OAuth `state` of one sign-in: 256 random bits, base64url (at least 128 are needed to be unguessable). */
import { base64url } from "./base64url.ts";

/** Bytes of randomness in a `state`. */
export const STATE_BYTES = 32;

/** What a `state` made by `createState` looks like (43 base64url characters). */
export const STATE_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** A fresh, unguessable `state` from `crypto.getRandomValues` (injectable for tests). */
export function createState(random: Pick<Crypto, "getRandomValues"> = crypto): string {
  return base64url(random.getRandomValues(new Uint8Array(STATE_BYTES)));
}
