/**
 * Tabs: sign-in, refresh and sign-out in one tab reach the other tabs of the
 * origin at once; a new tab picks the session up without a popup, also with per-tab sessionStorage.
 */

import { ADMIN, answerSignIn, countPopups, expireTokens, portalLog, resetPortal } from "./support/portal.ts";
import { expect, type Page, test } from "./support/test.ts";

const HOST = "http://localhost:5173/e2e/fixtures/shell-host.html";

async function signIn(page: Page) {
  const popupEvent = page.waitForEvent("popup");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await answerSignIn(await popupEvent);
  await expect(page.locator("#result")).toHaveText("signed-in jsmith");
}

const tokenOf = (page: Page) => page.evaluate(() => window.shell.session?.token ?? null);

test.beforeEach(async () => {
  await resetPortal();
});
test.afterAll(async () => {
  await resetPortal();
});

test("sign-in and sign-out in one tab reach an open tab at once", async ({ context }) => {
  const first = await context.newPage();
  const second = await context.newPage();
  await first.goto(HOST);
  await second.goto(HOST);
  await expect(second.locator("#session")).toHaveText("signed out");
  await signIn(first);
  await expect(second.locator("#session")).toHaveText("signed in as jsmith");
  expect(await tokenOf(second)).toBe(await tokenOf(first));
  await first.getByRole("button", { name: "Sign out" }).click();
  await expect(second.locator("#session")).toHaveText("signed out");
  await expect(second.locator("#events")).toContainText("signed-out");
});

test("a refresh in one tab reaches the other tab", async ({ context }) => {
  const first = await context.newPage();
  const second = await context.newPage();
  await first.goto(HOST);
  await second.goto(HOST);
  await signIn(first);
  await expect(second.locator("#session")).toHaveText("signed in as jsmith");
  const stale = await tokenOf(first);
  await expireTokens();
  const fresh = await first.evaluate((token) => window.shell.reportAuthError({ token: token! }), stale);
  await expect(second.locator("#events")).toContainText("refreshed");
  expect(await tokenOf(second)).toBe(fresh);
});

test("a new tab picks the session up from an open tab without a popup (sessionStorage is per tab)", async ({
  context,
}) => {
  const first = await context.newPage();
  await first.goto(HOST);
  await signIn(first);
  const fresh = await context.newPage();
  const popups = countPopups(fresh);
  await fresh.goto(HOST);
  await expect(fresh.locator("#session")).toHaveText("signed in as jsmith");
  expect(await tokenOf(fresh)).toBe(await tokenOf(first));
  expect(popups.count).toBe(0);
});

test("two open tabs renew a short-lived token once between them (Web Lock)", async ({ context }) => {
  const config = await fetch(`${ADMIN}/config`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ accessTokenSeconds: 40 }), // both tabs plan their refresh for the same moment
  });
  expect(config.ok).toBe(true);
  const first = await context.newPage();
  const second = await context.newPage();
  await first.goto(HOST);
  await second.goto(HOST);
  await signIn(first);
  await expect(second.locator("#session")).toHaveText("signed in as jsmith");
  const signedInAt = Date.now();
  await expect(first.locator("#events")).toContainText("refreshed", { timeout: 15_000 });
  await expect(second.locator("#events")).toContainText("refreshed");
  expect(await tokenOf(second)).toBe(await tokenOf(first));
  const renewals = (await portalLog()).filter(
    (entry) => entry.method === "POST" && entry.path.endsWith("/oauth2/token") && entry.time > signedInAt,
  );
  // The next round is seconds away; two renewals within this one would be the double refresh.
  expect(renewals.filter((entry) => entry.time < renewals[0]!.time + 1000)).toHaveLength(1);
});
