import { existsSync } from "node:fs";

/**
 * The Chromium that the browser tests drive (README): `PLAYWRIGHT_CHROMIUM_EXECUTABLE`, else the
 * system one, else undefined, which lets Playwright use its own download.
 * @returns {string | undefined}
 */
export function findChromium() {
  const fromEnv = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE;
  if (fromEnv) return fromEnv;
  for (const candidate of ["/usr/bin/chromium", "/usr/lib/chromium/chromium", "/usr/bin/chromium-browser"]) {
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}
