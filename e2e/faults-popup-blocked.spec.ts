/**
 * Fault: a popup blocker refuses the sign-in popup (`window.open` returns
 * null, as Chromium's blocker does for a page) while an app waits for a sign-in. The refused
 * sign-in and the waiting app get PopupBlockedError; once the blocker lets the user's click
 * through, the sign-in works. The blocker is a stand-in installed before the page loads, so the
 * test does not depend on Chromium's heuristics about user gestures (Playwright's `evaluate`
 * counts as one).
 */

import { call, openHost, settledIn, signInByClick } from "./fixtures/faults-support.ts";
import { resetPortal } from "./support/portal.ts";
import { expect, test } from "./support/test.ts";

test.beforeEach(() => resetPortal());

test("popup blocked: PopupBlockedError for the sign-in and the waiting app, then a click works", async ({
  page,
}) => {
  await page.addInitScript(() => {
    const open = window.open.bind(window);
    const blocker = { on: true };
    Object.assign(window, { popupBlocker: blocker });
    window.open = (...args: Parameters<typeof window.open>) => (blocker.on ? null : open(...args));
  });
  // On load an app waits for a token, and the page answers auth-required with signIn().
  await openHost(page, { prompt: "none", autostart: true });
  expect(await settledIn(page, 5_000)).toEqual({
    unprompted: "error popup-blocked",
    waiting: "error popup-blocked",
  });
  await page.evaluate(() => {
    (window as unknown as { popupBlocker: { on: boolean } }).popupBlocker.on = false;
  });
  await signInByClick(page);
  await call(page, "getToken", "after");
  expect(await settledIn(page)).toMatchObject({ "sign-in 1": "jsmith", after: "token" });
});
