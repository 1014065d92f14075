/** The deployable callback page (dist/callback) works from another origin under its CSP. */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { build } from "vite";
import {
  announceClosing,
  HOST,
  IMPLICIT,
  OPENER_PATH,
  openAndWaitForClose,
  receivedBeforeClosing,
  tokenMessage,
} from "./support/callback.ts";

test.describe("built callback page (dist/callback)", () => {
  const BUILT = "http://callback.test";
  let outDir = "";

  test.beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), "callback-build-"));
    await build({ configFile: "callback/vite.config.ts", logLevel: "silent", build: { outDir } });
  });

  test.afterAll(async () => {
    await rm(outDir, { recursive: true, force: true });
  });

  test("works from another origin with its relative script under its CSP", async ({ page, context }) => {
    // callback.test serves the build output as a static host would.
    await context.route(`${BUILT}/**`, async (route) => {
      const name = new URL(route.request().url()).pathname.slice(1);
      if (!/^[\w.-]+\.(html|js)$/.test(name)) return route.fulfill({ status: 404, body: "" });
      const body = await readFile(join(outDir, name)).catch(() => null);
      if (body === null) return route.fulfill({ status: 404, body: "" });
      const contentType = name.endsWith(".html") ? "text/html" : "text/javascript";
      return route.fulfill({ body, contentType });
    });
    const violations: string[] = [];
    context.on("console", (message) => {
      if (message.text().includes("Content Security Policy")) violations.push(message.text());
    });
    await announceClosing(context, HOST);
    await page.goto(HOST + OPENER_PATH);
    await openAndWaitForClose(page, `${BUILT}/callback.html${IMPLICIT}`);
    expect(await receivedBeforeClosing(page)).toEqual([
      { via: "window", origin: BUILT, fromPopup: true, data: tokenMessage },
    ]);
    expect(violations).toEqual([]);
  });
});
