/**
 * Whether the portal still accepts a token. A frame may ask again for reasons of its own (its page
 * reloaded in the same iframe, a rest-js app called `fromParent` twice), so before such a repeat
 * costs the whole page a re-sign-in, the portal is asked (README "Embedded ArcGIS apps"). Only a
 * 498/499 says no for sure; when the portal cannot answer, the frame's word is taken.
 */

/** How long the portal gets to answer. */
export const TOKEN_CHECK_TIMEOUT_MS = 10_000;

/** POSTs `portals/self` with `token` (in the body, never the URL); true unless refused or unanswered. */
export async function portalAccepts(fetchFn: typeof fetch, portal: string, token: string): Promise<boolean> {
  try {
    const response = await fetchFn(`${portal}/portals/self`, {
      method: "POST",
      body: new URLSearchParams({ f: "json", token }),
      signal: AbortSignal.timeout(TOKEN_CHECK_TIMEOUT_MS),
    });
    const body = (await response.json()) as { error?: { code?: unknown } } | null;
    const code = body?.error?.code ?? response.status;
    return response.ok && code !== 498 && code !== 499;
  } catch {
    return false;
  }
}
