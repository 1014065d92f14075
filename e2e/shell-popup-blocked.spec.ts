/**
 * A blocked popup: with Chromium's popup blocker on, `signIn()` outside a user
 * gesture gets null from window.open and rejects with PopupBlockedError; from a click it works,
 * which shows the popup opens synchronously inside the click despite the async PKCE work.
 */

import { findChromium } from "../scripts/chromium.mjs";
import { answerSignIn, resetPortal } from "./support/portal.ts";
import { expect, test } from "./support/test.ts";

const HOST = "http://localhost:5173/e2e/fixtures/shell-host.html";

test.use({
  launchOptions: { executablePath: findChromium(), ignoreDefaultArgs: ["--disable-popup-blocking"] },
});

test.beforeEach(async () => {
  await resetPortal();
});

test("signIn() outside a click rejects with PopupBlockedError; from a click the popup opens", async ({
  page,
}) => {
  await page.goto(`${HOST}?autostart=signin`);
  await expect(page.locator("#result")).toHaveText("error popup-blocked");
  const popupEvent = page.waitForEvent("popup");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await answerSignIn(await popupEvent);
  await expect(page.locator("#result")).toHaveText("signed-in jsmith");
});

test("signIn({ redirectOnBlocked: true }) outside a click falls back to a full-page redirect", async ({
  page,
}) => {
  await page.goto(`${HOST}?autostart=redirect`);
  await page.waitForURL(/\/oauth2\/authorize/);
  await answerSignIn(page);
  await page.waitForURL(`${HOST}?autostart=redirect`);
  await expect(page.locator("#result")).toHaveText("signed-in jsmith");
  await expect(page.locator("#session")).toHaveText("signed in as jsmith");
});
