/**
 * The deployable callback page (dist/callback) as a deployer gets it: it trusts its own origin
 * only, works from any origin with its relative script under its CSP once its openers line is
 * filled, and never trusts an http entry from an https page or a loopback entry from a deployed one.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "vite";
import {
  announceClosing,
  HOST,
  IMPLICIT,
  OPENER_PATH,
  OTHER,
  openAndWaitForClose,
  receivedBeforeClosing,
  tokenMessage,
} from "./support/callback.ts";
import { type BrowserContext, expect, test } from "./support/test.ts";

/** Where the built page is deployed: a production origin, over https. */
const DEPLOYED = "https://callback.test";
/** A host of the deployer's that shares the callback. */
const SHELL = "https://shell.test";
const OPENERS_LINE = `<meta name="arcgis-auth-shell:openers" content="">`;

let outDir = "";

test.beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), "callback-build-"));
  await build({ configFile: "callback/vite.config.ts", logLevel: "silent", build: { outDir } });
});

test.afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

/**
 * Serves the build output at `origin` as a static host would; `openers` is what the deployer
 * wrote into the one configurable line (undefined: the page as shipped).
 */
async function deployCallback(context: BrowserContext, origin: string, openers?: string): Promise<void> {
  await context.route(`${origin}/**`, async (route) => {
    const name = new URL(route.request().url()).pathname.slice(1);
    if (!/^[\w.-]+\.(html|js)$/.test(name)) return route.fulfill({ status: 404, body: "" });
    let body = await readFile(join(outDir, name), "utf8").catch(() => null);
    if (body === null) return route.fulfill({ status: 404, body: "" });
    if (name.endsWith(".html")) {
      expect(body).toContain(OPENERS_LINE);
      if (openers !== undefined)
        body = body.replace(OPENERS_LINE, OPENERS_LINE.replace('""', `"${openers}"`));
    }
    return route.fulfill({ body, contentType: name.endsWith(".html") ? "text/html" : "text/javascript" });
  });
}

/** Serves the opener fixture (a stand-in shell that logs what it receives) at `origin`. */
async function serveOpener(context: BrowserContext, origin: string): Promise<void> {
  await context.route(`${origin}/**`, async (route) => {
    const { pathname } = new URL(route.request().url());
    if (pathname !== OPENER_PATH && !pathname.startsWith("/e2e/fixtures/"))
      return route.fulfill({ status: 404, body: "" });
    return route.fulfill({ response: await route.fetch({ url: HOST + pathname }) });
  });
}

test.describe("built callback page (dist/callback)", () => {
  for (const local of [HOST, OTHER]) {
    test(`as shipped, a page on the user's machine (${local}) gets no token from it`, async ({
      page,
      context,
    }) => {
      // Any local dev server can open the real authorize URL with the production redirect_uri:
      // the production callback must not hand it the user's answer.
      await deployCallback(context, DEPLOYED);
      await announceClosing(context, local);
      await page.goto(local + OPENER_PATH);
      await openAndWaitForClose(page, `${DEPLOYED}/callback.html${IMPLICIT}`);
      expect(await receivedBeforeClosing(page)).toEqual([]);
    });
  }

  test("with the deployer's host listed, works from another origin with its relative script under its CSP", async ({
    page,
    context,
  }) => {
    await deployCallback(context, DEPLOYED, `${SHELL} http://localhost:5173 http://127.0.0.1:5174`);
    await serveOpener(context, SHELL);
    const violations: string[] = [];
    context.on("console", (message) => {
      if (message.text().includes("Content Security Policy")) violations.push(message.text());
    });
    await announceClosing(context, SHELL);
    await page.goto(SHELL + OPENER_PATH);
    await openAndWaitForClose(page, `${DEPLOYED}/callback.html${IMPLICIT}`);
    expect(await receivedBeforeClosing(page)).toEqual([
      { via: "window", origin: DEPLOYED, fromPopup: true, data: tokenMessage },
    ]);
    expect(violations).toEqual([]);
  });

  test("left-over loopback entries still give a local page nothing", async ({ page, context }) => {
    await deployCallback(context, DEPLOYED, `${SHELL} http://localhost:5173 http://127.0.0.1:5174`);
    await announceClosing(context, HOST);
    await page.goto(HOST + OPENER_PATH);
    await openAndWaitForClose(page, `${DEPLOYED}/callback.html${IMPLICIT}`);
    expect(await receivedBeforeClosing(page)).toEqual([]);
  });

  test("an https page ignores an http entry: that origin can be anyone on the network", async ({
    page,
    context,
  }) => {
    const plain = "http://shell.test";
    await deployCallback(context, DEPLOYED, plain);
    await serveOpener(context, plain);
    await announceClosing(context, plain);
    await page.goto(plain + OPENER_PATH);
    await openAndWaitForClose(page, `${DEPLOYED}/callback.html${IMPLICIT}`);
    expect(await receivedBeforeClosing(page)).toEqual([]);
  });
});
