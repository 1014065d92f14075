/**
 * The URL parse under every rule of `origin.ts` (docs/protocol.md "Origins and URLs"), apart so
 * that what checks a shell's options does not carry the rest of those rules on first load
 * (shell/README.md "Size").
 */

/**
 * `value` as a URL of any scheme, resolved against `base` when one is given; null when `value` is
 * not a string or does not parse.
 */
export function toUrl(value: unknown, base?: URL): URL | null {
  if (typeof value !== "string") return null;
  try {
    return new URL(value, base);
  } catch {
    return null;
  }
}

/** Whether `url` is http or https: the only schemes a token, a message or a return address may go to. */
export const isHttp = (url: URL): boolean => url.protocol === "http:" || url.protocol === "https:";
