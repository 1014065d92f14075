/**
 * Interactive sign-in through the popup: both flows against the local portal
 * and the real callback page, and every way a sign-in can fail.
 */

import { answerSignIn, countPopups, PORTAL, portalLog, resetPortal } from "./support/portal.ts";
import { expect, type Page, test } from "./support/test.ts";

const HOST = "http://localhost:5173/e2e/fixtures/shell-host.html";

async function signInThroughPopup(page: Page, action: "sign-in" | "cancel" = "sign-in") {
  const popupEvent = page.waitForEvent("popup");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  const popup = await popupEvent;
  await answerSignIn(popup, action);
  return popup;
}

async function tokenWorks(page: Page): Promise<string> {
  return page.evaluate(async (portal) => {
    const token = await window.shell.getToken();
    const response = await fetch(`${portal}/community/self?f=json&token=${encodeURIComponent(token)}`);
    const body = (await response.json()) as { username?: string };
    return body.username ?? "no user";
  }, PORTAL);
}

test.beforeEach(async () => {
  await resetPortal();
});

test("PKCE sign-in: code exchanged by the shell, refresh token kept, token works", async ({ page }) => {
  await page.goto(HOST);
  const popup = await signInThroughPopup(page);
  await expect(page.locator("#result")).toHaveText("signed-in jsmith");
  await expect(page.locator("#session")).toHaveText("signed in as jsmith");
  await expect.poll(() => popup.isClosed()).toBe(true); // the callback closed itself
  expect(await tokenWorks(page)).toBe("jsmith");
  const log = await portalLog();
  expect(log.some((entry) => entry.method === "POST" && entry.path.endsWith("/oauth2/token"))).toBe(true);
  expect(page.url()).toBe(HOST);
});

test("the authorize URL carries the docs/arcgis.md §1 parameters", async ({ page }) => {
  await page.goto(`${HOST}?expiration=60`);
  const popupEvent = page.waitForEvent("popup");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  const popup = await popupEvent;
  await popup.getByLabel("Username").waitFor();
  const authorize = new URL(popup.url());
  expect(`${authorize.origin}${authorize.pathname}`).toBe(`${PORTAL}/oauth2/authorize`);
  expect([...authorize.searchParams.keys()]).toEqual([
    "client_id",
    "response_type",
    "redirect_uri",
    "expiration",
    "state",
    "locale",
    "style",
    "code_challenge",
    "code_challenge_method",
  ]);
  expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
    client_id: "arcgis-auth-shell-demo",
    response_type: "code",
    redirect_uri: "http://localhost:5173/callback.html",
    expiration: "60",
    locale: "",
    style: "",
    code_challenge_method: "S256",
  });
  expect(authorize.searchParams.get("state")).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(authorize.searchParams.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
  await popup.close();
});

test("implicit sign-in: the callback's token becomes the session", async ({ page }) => {
  await page.goto(`${HOST}?flow=implicit`);
  await signInThroughPopup(page);
  await expect(page.locator("#result")).toHaveText("signed-in jsmith");
  expect(await tokenWorks(page)).toBe("jsmith");
  const log = await portalLog();
  expect(log.some((entry) => entry.path.endsWith("/oauth2/token"))).toBe(false);
});

test("a callback on the other origin answers through postMessage to the opener", async ({ page }) => {
  await page.goto(`${HOST}?callback=cross`);
  await signInThroughPopup(page);
  await expect(page.locator("#result")).toHaveText("signed-in jsmith");
});

test("Cancel on the portal page rejects with AccessDeniedError", async ({ page }) => {
  await page.goto(HOST);
  await signInThroughPopup(page, "cancel");
  await expect(page.locator("#result")).toHaveText("error access-denied");
  await expect(page.locator("#session")).toHaveText("signed out");
});

test("closing the popup rejects with PopupClosedError", async ({ page }) => {
  await page.goto(HOST);
  const popupEvent = page.waitForEvent("popup");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  const popup = await popupEvent;
  // The user starts typing, then changes their mind. Typed at a person's pace: the shell tells a
  // popup the user closed from one that COOP severed (which reads closed within ~15 ms of reaching
  // the portal) by time, and an instant `fill` + close is faster than any person.
  await popup.getByLabel("Username").pressSequentially("jsmith", { delay: 40 });
  await popup.getByLabel("Password").pressSequentially("arcgis123", { delay: 40 });
  await popup.close();
  await expect(page.locator("#result")).toHaveText("error popup-closed", { timeout: 1500 });
});

test("no answer rejects with SignInTimeoutError after signInTimeoutMs", async ({ page }) => {
  await page.goto(`${HOST}?timeout=1500`);
  const popupEvent = page.waitForEvent("popup");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  const popup = await popupEvent;
  await expect(page.locator("#result")).toHaveText("error sign-in-timeout");
  await expect.poll(() => popup.isClosed()).toBe(true);
});

test("two signIn() calls at once share one popup and one promise", async ({ page }) => {
  await page.goto(HOST);
  const popups = countPopups(page);
  const popupEvent = page.waitForEvent("popup");
  await page.getByRole("button", { name: "Sign in twice" }).click();
  await expect(page.locator("#result-2")).toHaveText("shared");
  await answerSignIn(await popupEvent);
  await expect(page.locator("#result")).toHaveText("signed-in jsmith");
  expect(popups.count).toBe(1);
});
