/**
 * Cross-Origin-Opener-Policy on the host page. The fixture is served with the
 * header through routing (the real file's body plus the header).
 * - `same-origin-allow-popups`: the popup keeps its opener; postMessage works for both callbacks.
 * - `same-origin`: the browser severs the popup from the page once it leaves about:blank. A
 *   same-origin callback still reaches the shell over the BroadcastChannel; a cross-origin
 *   callback cannot, and the shell reports PopupClosedError (severed) instead of hanging.
 * A document fulfilled by Playwright's router counts as coming from outside the local network, so
 * Chromium's Local Network Access checks would block its requests to the portal on localhost;
 * they are switched off here (the real deployments serve the header from the server).
 */

import { findChromium } from "../scripts/chromium.mjs";
import { answerSignIn, resetPortal } from "./support/portal.ts";
import { expect, type Page, test } from "./support/test.ts";

test.use({
  launchOptions: {
    executablePath: findChromium(),
    args: ["--disable-features=LocalNetworkAccessChecks", "--no-first-run", "--disable-sync"],
  },
});

const HOST = "http://localhost:5173/e2e/fixtures/shell-host.html";

async function serveWithCoop(page: Page, policy: string) {
  await page.route(/\/e2e\/fixtures\/shell-host\.html/, async (route) => {
    const response = await route.fetch();
    await route.fulfill({
      response,
      headers: { ...response.headers(), "cross-origin-opener-policy": policy },
    });
  });
}

async function startSignIn(page: Page) {
  const popupEvent = page.waitForEvent("popup");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  return popupEvent;
}

test.beforeEach(async () => {
  await resetPortal();
});

for (const callback of ["same", "cross"]) {
  test(`COOP same-origin-allow-popups, ${callback}-origin callback: sign-in works`, async ({ page }) => {
    await serveWithCoop(page, "same-origin-allow-popups");
    await page.goto(`${HOST}?callback=${callback}`);
    await answerSignIn(await startSignIn(page));
    await expect(page.locator("#result")).toHaveText("signed-in jsmith");
  });
}

test("COOP same-origin, same-origin callback: the answer arrives over the BroadcastChannel", async ({
  page,
}) => {
  await serveWithCoop(page, "same-origin");
  await page.goto(HOST);
  const popup = await startSignIn(page);
  await popup.getByLabel("Username").waitFor();
  expect(await popup.evaluate(() => window.opener === null)).toBe(true); // COOP severed it
  await answerSignIn(popup);
  await expect(page.locator("#result")).toHaveText("signed-in jsmith");
});

test("COOP same-origin, cross-origin callback: PopupClosedError (severed) instead of a hang", async ({
  page,
}) => {
  await serveWithCoop(page, "same-origin");
  await page.goto(`${HOST}?callback=cross`);
  const popup = await startSignIn(page);
  await expect(page.locator("#result")).toHaveText("error popup-closed");
  await expect(page.locator("#result")).toHaveAttribute("title", /severed/);
  expect(popup.isClosed()).toBe(false); // the browser cut the link; the popup itself is still there
});
