/**
 * Federation through the SDK (docs/behaviour.md "Federation", docs/arcgis.md §5): the federated server gets its own token,
 * the standalone server never gets one, and its answers start nothing.
 */

import { answerSignIn, PARCELS_QUERY, portalLog, resetPortal, TREES_QUERY } from "./support/portal.ts";
import { expect, type Page, test } from "./support/test.ts";

const HOST = "http://localhost:5173";
const FRAME = "http://127.0.0.1:5174/e2e/fixtures/sdk-frame.html?parent=http://localhost:5173";

test.beforeEach(() => resetPortal());

async function openSignedIn(page: Page) {
  await page.goto(`${HOST}/e2e/fixtures/sdk-host.html?frame=${encodeURIComponent(FRAME)}`);
  await expect(page.locator("#status")).toHaveText("ready");
  const popup = page.waitForEvent("popup");
  await page.getByRole("button", { name: "Sign in" }).click();
  await answerSignIn(await popup);
  await expect(page.locator("#status")).toHaveText("signed in jsmith");
}

type Fixture = { app: { fetch(url: string): Promise<Response>; getToken(url?: string): Promise<string> } };
const fetchJson = (page: Page, url: string) =>
  page.evaluate(async (url) => {
    const { app } = (window as unknown as { fixture: Fixture }).fixture;
    return (await app.fetch(url)).json();
  }, url);

test("the federated server answers with a server token from generateToken", async ({ page }) => {
  await openSignedIn(page);
  const body = await fetchJson(page, TREES_QUERY);
  expect(body.features.length).toBeGreaterThan(0);
  const log = await portalLog();
  const generate = log.filter((e) => e.path.endsWith("/sharing/rest/generateToken"));
  expect(generate).toHaveLength(1);
  const query = log.find((e) => e.host === "localhost:4200" && e.path.endsWith("/query"));
  expect(query?.token).toBeTruthy();
  const portalToken = await page.evaluate(() =>
    (window as unknown as { fixture: Fixture }).fixture.app.getToken(),
  );
  expect(query?.token).not.toBe(portalToken);
});

test("the standalone server never receives a token; its 499 is handed back and starts nothing", async ({
  page,
}) => {
  await openSignedIn(page);
  const popups: Page[] = [];
  page.on("popup", (p) => popups.push(p));
  const body = await fetchJson(page, PARCELS_QUERY);
  expect(body.error.code).toBe(499);
  const denied = await page.evaluate(async (url) => {
    const { app } = (window as unknown as { fixture: Fixture }).fixture;
    return app.getToken(url).then(
      () => "token",
      (error: { code?: string }) => error.code,
    );
  }, PARCELS_QUERY);
  expect(denied).toBe("untrusted-server");
  const standalone = (await portalLog()).filter((e) => e.host === "localhost:4300");
  expect(standalone.length).toBeGreaterThan(0);
  expect(standalone.every((e) => e.token === null)).toBe(true);
  expect(popups).toHaveLength(0);
  await expect(page.getByRole("dialog")).toHaveCount(0);
});

test("concurrent token requests for one federated server make one generateToken call", async ({ page }) => {
  await openSignedIn(page);
  const tokens = await page.evaluate(async (url) => {
    const { app } = (window as unknown as { fixture: Fixture }).fixture;
    return new Set(await Promise.all(Array.from({ length: 20 }, () => app.getToken(url)))).size;
  }, TREES_QUERY);
  expect(tokens).toBe(1);
  const log = await portalLog();
  expect(log.filter((e) => e.path.endsWith("/generateToken"))).toHaveLength(1);
  expect(log.filter((e) => e.host === "localhost:4200" && e.path.endsWith("/rest/info"))).toHaveLength(1);
});
