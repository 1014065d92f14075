/**
 * Whether the portal still accepts a token. A frame may ask again for reasons of its own (its page
 * reloaded in the same iframe, a rest-js app called `fromParent` twice), so before such a repeat
 * costs the whole page a re-sign-in, the portal is asked (README "Embedded ArcGIS apps"). Only a
 * 498/499 says no for sure; when the portal cannot answer, the frame's word is taken.
 */
import { envelopeError, postForm } from "../federation/portalRequest.ts";

/** How long the portal gets to answer. */
export const TOKEN_CHECK_TIMEOUT_MS = 10_000;

/**
 * POSTs `portals/self` with `token` (in the body, never the URL) through the shell's one network
 * edge; true unless the portal refuses the token (498/499) or gives no usable answer.
 */
export async function portalAccepts(fetchFn: typeof fetch, portal: string, token: string): Promise<boolean> {
  const form = { f: "json", token };
  try {
    const code = envelopeError(
      await postForm(fetchFn, `${portal}/portals/self`, form, TOKEN_CHECK_TIMEOUT_MS),
      form,
    )?.arcgisCode;
    return code !== 498 && code !== 499;
  } catch {
    return false;
  }
}
