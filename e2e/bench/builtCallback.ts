/**
 * Makes a browser context load the production callback page (built in memory) instead of the
 * dev server's unbundled `/callback.html` with its HMR client, so "callback page load →
 * signed-in" times what a deployment ships. The built script is written under
 * e2e/bench/results/built-callback/ so the dev server serves it like any static file (a
 * Playwright route would add a round trip through Node to the timed part); only the HTML
 * document, fetched before the timed part starts, goes through a route. Playwright does not
 * intercept the target of an HTTP redirect, so the portal's 303 to the callback is turned into a
 * script navigation, which is intercepted.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import type { BrowserContext } from "@playwright/test";
import { buildCallbackPage } from "./sizes.ts";

const CALLBACK_PAGE = /^http:\/\/localhost:5173\/callback\.html(\?.*)?$/;
const SERVED_AT = "/e2e/bench/results/built-callback/";

/** Serves the built callback page in `context`. */
export async function serveBuiltCallback(context: BrowserContext): Promise<void> {
  const built = await buildCallbackPage();
  const folder = new URL(`.${SERVED_AT.slice("/e2e/bench".length)}`, import.meta.url);
  mkdirSync(folder, { recursive: true });
  let html = built.get("callback.html") ?? "";
  for (const [name, code] of built) {
    if (!name.endsWith(".js")) continue;
    writeFileSync(new URL(name, folder), code);
    html = html.replace(`"./${name}"`, `"${SERVED_AT}${name}"`);
  }
  await context.route("http://localhost:4100/sharing/rest/oauth2/authorize", async (route) => {
    if (route.request().method() !== "POST") return route.fallback();
    const response = await route.fetch({ maxRedirects: 0 });
    const location = response.headers().location ?? "";
    if (!CALLBACK_PAGE.test(location)) return route.fulfill({ response });
    const hop = `<!doctype html><script>location.replace(${JSON.stringify(location)})</script>`;
    return route.fulfill({ body: hop, contentType: "text/html" });
  });
  await context.route(CALLBACK_PAGE, (route) => route.fulfill({ body: html, contentType: "text/html" }));
}
