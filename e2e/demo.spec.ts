/**
 * The demo (issue 6), driven as a user would: the single-spa host at http://localhost:5173/ with
 * its four micro-apps (two same-window SDK apps, an SDK iframe and a rest-js iframe on
 * http://127.0.0.1:5174), and the second host page that uses the other origin's callback.
 */
import { expect, type Page, test } from "@playwright/test";
import { answerSignIn, countPopups, resetPortal } from "./support/portal.ts";

const HOST = "http://localhost:5173/";
const SECOND_HOST = "http://127.0.0.1:5174/examples/host/second.html";
// The first visit compiles the demo's modules in Vite's dev server.
const LOAD_TIMEOUT = { timeout: 20_000 };

test.beforeEach(() => resetPortal());

const header = (page: Page) => page.getByRole("banner");
const app = (page: Page, name: string) => page.getByRole("region", { name: new RegExp(`^${name}\\b`) });
const embedded = (page: Page) => page.frameLocator('iframe[title="Embedded app"]');
const restjs = (page: Page) => page.frameLocator('iframe[title="rest-js app"]');
const logLines = (page: Page, text: string) =>
  page.getByRole("region", { name: "Event log" }).getByRole("listitem").filter({ hasText: text });

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
}

test("before sign-in every app says so and nothing prompts", async ({ page }) => {
  await page.goto(HOST);
  await expect(app(page, "Profile")).toContainText("Signed out.", LOAD_TIMEOUT);
  await expect(app(page, "Features")).toContainText("Signed out.");
  await expect(embedded(page).getByText("User: Signed out")).toBeVisible(LOAD_TIMEOUT);
  await expect(app(page, "rest-js")).toContainText("Loads once you are signed in.");
  await expect(page.getByRole("dialog")).toHaveCount(0);
});

test("one sign-in, and every app shows its data; the standalone server gets no token", async ({ page }) => {
  await signIn(page);
  await expectEveryAppLoaded(page, 1);
  await expect(app(page, "Features")).toContainText(
    "Parcels on http://localhost:4300: not federated: no token sent; it answered 499",
  );
  await expect(logLines(page, "shell signed-in as jsmith")).toHaveCount(1);
  await expect(header(page).getByText(/^\d\d:\d\d(:\d\d)?$/)).toBeVisible();
});

test("Expire all tokens: a silent refresh heals every app, no popup", async ({ page }) => {
  await signIn(page);
  await expectEveryAppLoaded(page, 1);
  const popups = countPopups(page);
  await app(page, "Features").getByRole("button", { name: "Expire all tokens", exact: true }).click();
  await expect(logLines(page, "shell refreshed")).toHaveCount(1, LOAD_TIMEOUT);
  await expectEveryAppLoaded(page, 2);
  expect(popups.count).toBe(0);
  await expect(page.getByRole("dialog")).toHaveCount(0);
});

test("expired refresh tokens too: one prompt, one popup, and every app recovers", async ({ page }) => {
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
