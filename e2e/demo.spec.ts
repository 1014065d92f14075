/**
 * The demo, driven as a user would: the single-spa host at http://localhost:5173/ with its six
 * micro-apps (two same-window SDK apps, a same-window Maps SDK app bound with the adapter, an SDK
 * iframe, a rest-js iframe and an unmodified Maps SDK iframe on http://127.0.0.1:5174), and the
 * second host page that uses the other origin's callback.
 */
import { readFileSync } from "node:fs";
import { answerSignIn, countPopups, resetPortal } from "./support/portal.ts";
import { expect, type Page, test } from "./support/test.ts";

const HOST = "http://localhost:5173/";
const SECOND_HOST = "http://127.0.0.1:5174/examples/host/second.html";
// The first visit compiles the demo's modules in Vite's dev server.
const LOAD_TIMEOUT = { timeout: 20_000 };

test.beforeEach(() => resetPortal());
// As in a person's browser: the local portal's self-signed https certificate is not trusted.
test.use({ ignoreHTTPSErrors: false });

const header = (page: Page) => page.getByRole("banner");
const app = (page: Page, name: string) => page.getByRole("region", { name: new RegExp(`^${name}\\b`) });
const embedded = (page: Page) => page.frameLocator('iframe[title="Embedded app"]');
const restjs = (page: Page) => page.frameLocator('iframe[title="rest-js app"]');
const embeddedMap = (page: Page) => page.frameLocator('iframe[title="Embedded map"]');
const logLines = (page: Page, text: string) =>
  page.getByRole("region", { name: "Event log" }).getByRole("listitem").filter({ hasText: text });

/** The Trees layer's size as the federated server serves it (from the file it serves). */
const SERVER_TREES: number = JSON.parse(
  readFileSync(new URL("../examples/portal/data/trees.geojson", import.meta.url), "utf8"),
).features.length;
/** What a Maps SDK app's status line says once its MapView drew every tree of the server. */
const MAP_DRAWN = `Trees layer loaded: ${SERVER_TREES} features, ${SERVER_TREES} drawn`;

/**
 * Records, from the page's start, the Maps SDK's embedded-protocol asks that reach the host page
 * (the shell answers them; this only watches) and every console line about `dialog-create`.
 */
async function watchMapsSdk(page: Page) {
  const dialogLines: string[] = [];
  page.on("console", (message) => {
    if (message.text().includes("dialog-create")) dialogLines.push(message.text());
  });
  await page.addInitScript(() => {
    const asks: string[] = [];
    Object.assign(window, { mapsSdkAsks: asks });
    window.addEventListener("message", (event) => {
      if ((event.data as { type?: unknown } | null)?.type === "arcgis:auth:requestCredential") {
        asks.push(event.origin);
      }
    });
  });
  return {
    asks: () => page.evaluate(() => (window as unknown as { mapsSdkAsks: string[] }).mapsSdkAsks),
    dialogLines,
  };
}

/** Neither Maps SDK app ever opened the Maps SDK's own sign-in dialog. */
async function expectNoMapsSdkDialog(page: Page, dialogLines: string[]) {
  await expect(logLines(page, "dialog-create")).toHaveCount(0);
  await expect(app(page, "Map")).not.toContainText("dialog");
  await expect(embeddedMap(page).getByRole("status")).not.toContainText("dialog");
  expect(dialogLines).toEqual([]);
}

async function signIn(page: Page) {
  await page.goto(HOST);
  await expect(header(page)).toContainText("Signed out", LOAD_TIMEOUT);
  const popup = page.waitForEvent("popup");
  await header(page).getByRole("button", { name: "Sign in" }).click();
  await answerSignIn(await popup);
  await expect(header(page)).toContainText("jsmith");
}

/** Every app shows what it loaded with the session; `times` counts the loads each app logged. */
async function expectEveryAppLoaded(page: Page, times: number) {
  await expect(app(page, "Profile")).toContainText("Jane Smith", LOAD_TIMEOUT);
  await expect(app(page, "Features").getByRole("table", { name: /Trees/ })).toContainText("Coast live oak");
  await expect(embedded(page).getByText("User: jsmith")).toBeVisible(LOAD_TIMEOUT);
  await expect(embedded(page).getByText("Trees: 36 features")).toBeVisible();
  await expect(restjs(page).getByText("(jsmith)")).toBeVisible(LOAD_TIMEOUT);
  await expect(restjs(page).getByText("Trees: 36 features")).toBeVisible();
  await expect(logLines(page, "community/self loaded for jsmith")).toHaveCount(times, LOAD_TIMEOUT);
  await expect(logLines(page, "features Trees loaded: 36 features")).toHaveCount(times);
  await expect(logLines(page, "embedded Trees loaded: 36 features")).toHaveCount(times);
  await expect(logLines(page, "restjs rest-js: community/self and 36 trees loaded")).toHaveCount(times);
  // The Maps SDK apps: the layer's count is the server's, and the MapView finished drawing them all.
  await expect(app(page, "Map").getByRole("status")).toHaveText(MAP_DRAWN, LOAD_TIMEOUT);
  await expect(logLines(page, `map Maps SDK: ${MAP_DRAWN}`)).toHaveCount(times, LOAD_TIMEOUT);
  await expect(embeddedMap(page).getByRole("status")).toHaveText(MAP_DRAWN, LOAD_TIMEOUT);
}

test("before sign-in every app says so and nothing prompts", async ({ page }) => {
  await page.goto(HOST);
  await expect(app(page, "Profile")).toContainText("Signed out.", LOAD_TIMEOUT);
  await expect(app(page, "Features")).toContainText("Signed out.");
  await expect(embedded(page).getByText("User: Signed out")).toBeVisible(LOAD_TIMEOUT);
  await expect(app(page, "rest-js")).toContainText("Loads once you are signed in.");
  await expect(app(page, "Map").getByRole("status")).toHaveText("Signed out.");
  await expect(app(page, "Embedded map")).toContainText("Loads once you are signed in.");
  await expect(page.getByRole("dialog")).toHaveCount(0);
});

test("one sign-in, and every app shows its data; the standalone server gets no token", async ({ page }) => {
  const mapsSdk = await watchMapsSdk(page);
  await signIn(page);
  await expectEveryAppLoaded(page, 1);
  // The unmodified Maps SDK app asked the host page with the embedded protocol, from its origin.
  expect(new Set(await mapsSdk.asks())).toEqual(new Set(["http://127.0.0.1:5174"]));
  await expect(logLines(page, `mapsembedded Maps SDK: ${MAP_DRAWN}`)).toHaveCount(1);
  await expectNoMapsSdkDialog(page, mapsSdk.dialogLines);
  await expect(app(page, "Features")).toContainText(
    "Parcels on http://localhost:4300: not federated: no token sent; it answered 499",
  );
  await expect(logLines(page, "shell signed-in as jsmith")).toHaveCount(1);
  await expect(header(page).getByText(/^\d\d:\d\d(:\d\d)?$/)).toBeVisible();
});

test("Expire all tokens: a silent refresh heals every app, no popup", async ({ page }) => {
  const mapsSdk = await watchMapsSdk(page);
  await signIn(page);
  await expectEveryAppLoaded(page, 1);
  const popups = countPopups(page);
  await app(page, "Features").getByRole("button", { name: "Expire all tokens", exact: true }).click();
  await expect(logLines(page, "shell refreshed")).toHaveCount(1, LOAD_TIMEOUT);
  await expectEveryAppLoaded(page, 2);
  expect(popups.count).toBe(0);
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expectNoMapsSdkDialog(page, mapsSdk.dialogLines);
});

test("expired refresh tokens too: one prompt, one popup, and every app recovers", async ({ page }) => {
  const mapsSdk = await watchMapsSdk(page);
  await signIn(page);
  await expectEveryAppLoaded(page, 1);
  const popups = countPopups(page);
  await app(page, "Features").getByRole("button", { name: "Expire all tokens and refresh tokens" }).click();
  const dialog = page.getByRole("dialog", { name: "Your ArcGIS session has expired" });
  await expect(dialog).toBeVisible(LOAD_TIMEOUT);
  const popup = page.waitForEvent("popup");
  await dialog.getByRole("button", { name: "Sign in" }).click();
  await answerSignIn(await popup);
  await expectEveryAppLoaded(page, 2);
  expect(popups.count).toBe(1);
  await expect(logLines(page, "shell auth-required")).toHaveCount(1);
  await expectNoMapsSdkDialog(page, mapsSdk.dialogLines);
});

test("sign out clears every app, the iframes included", async ({ page }) => {
  await signIn(page);
  await expectEveryAppLoaded(page, 1);
  await header(page).getByRole("button", { name: "Sign out" }).click();
  await expect(header(page)).toContainText("Signed out");
  await expect(app(page, "Profile")).toContainText("Signed out.");
  await expect(app(page, "Profile")).not.toContainText("jsmith");
  await expect(app(page, "Features")).toContainText("Signed out.");
  await expect(app(page, "Features").getByRole("table")).toHaveCount(0);
  await expect(embedded(page).getByText("User: Signed out")).toBeVisible();
  await expect(app(page, "rest-js")).toContainText("Loads once you are signed in.");
  await expect(page.locator('iframe[title="rest-js app"]')).toHaveCount(0);
  await expect(app(page, "Map").getByRole("status")).toHaveText("Signed out.");
  await expect(app(page, "Map").locator("canvas")).toHaveCount(0);
  await expect(app(page, "Embedded map")).toContainText("Loads once you are signed in.");
  await expect(page.locator('iframe[title="Embedded map"]')).toHaveCount(0);
});

test("an iframe app refuses a parent origin that is not on its allow-list", async ({ page }) => {
  await page.goto(
    "http://127.0.0.1:5174/examples/apps/embedded/index.html?arcgis-auth-origin=http%3A%2F%2Fevil.localhost%3A5173",
  );
  await expect(page.getByText("must be embedded by an allowed host")).toBeVisible(LOAD_TIMEOUT);
});

test("the second origin signs in through the other origin's callback page", async ({ page }) => {
  await page.goto(SECOND_HOST);
  await expect(header(page)).toContainText("Signed out", LOAD_TIMEOUT);
  const popup = page.waitForEvent("popup");
  await header(page).getByRole("button", { name: "Sign in" }).click();
  const signInPage = await popup;
  await answerSignIn(signInPage);
  await expect(header(page)).toContainText("jsmith");
  await expect(page.getByRole("region", { name: "Event log" })).toContainText("signed-in as jsmith");
});
