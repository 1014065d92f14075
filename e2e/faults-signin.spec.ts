/**
 * Faults around the interactive sign-in: the popup closed or left to time
 * out, the host page reloaded while its popup is open, two tabs signing in at once, an app that
 * starts waiting while a sign-in (that then fails) is open. Each ends in
 * a typed error for the sign-in and for every app waiting on it, or in a recovery.
 */

import {
  call,
  eventsIn,
  failNextTokenRequest,
  openHost,
  outcomesIn,
  settledIn,
  signInByClick,
} from "./fixtures/faults-support.ts";
import { answerSignIn, resetPortal } from "./support/portal.ts";
import { expect, test } from "./support/test.ts";

test.beforeEach(() => resetPortal());

/** Starts a waiting getToken in the host app and waits until the shell asks for a sign-in. */
async function appWaits(page: import("@playwright/test").Page, label = "waiting") {
  await call(page, "getToken", label);
  await expect.poll(() => eventsIn(page)).toContain("auth-required");
}

test("popup closed by the user: PopupClosedError for the sign-in and for the app waiting on it", async ({
  page,
}) => {
  await openHost(page, { prompt: "none" });
  await appWaits(page);
  const popup = page.waitForEvent("popup");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  const opened = await popup;
  // At a person's pace: a popup that reads closed within 150 ms of showing the portal is taken
  // for one that COOP severed (shell/README.md), and the shell then waits for its timeout.
  await opened.getByLabel("Username").pressSequentially("jsmith", { delay: 40 });
  await opened.close();
  expect(await settledIn(page, 5_000)).toEqual({
    "sign-in 1": "error popup-closed",
    waiting: "error popup-closed",
  });
});

test("popup left unanswered: SignInTimeoutError for everyone, and the shell closes the popup", async ({
  page,
}) => {
  await openHost(page, { prompt: "none", timeout: 2000 });
  await appWaits(page);
  const popup = page.waitForEvent("popup");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  const opened = await popup;
  const closed = opened.isClosed() ? Promise.resolve() : opened.waitForEvent("close");
  expect(await settledIn(page, 10_000)).toEqual({
    "sign-in 1": "error sign-in-timeout",
    waiting: "error sign-in-timeout",
  });
  await closed;
});

test("no sign-in started at all: the waiting app gets SignInTimeoutError, not a hang", async ({ page }) => {
  await openHost(page, { prompt: "none", timeout: 2000 });
  await appWaits(page);
  expect(await settledIn(page, 10_000)).toEqual({ waiting: "error sign-in-timeout" });
});

test("host reloaded during sign-in: the stale popup's answer is ignored, a new sign-in works", async ({
  page,
}) => {
  await openHost(page, { flow: "implicit" });
  const popup = page.waitForEvent("popup");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  const stale = await popup;
  await stale.getByLabel("Username").waitFor();
  await page.reload();
  await expect(page.locator("#status")).toHaveText("ready");
  await answerSignIn(stale);
  // The new page's shell has no pending sign-in: the answer is counted and ignored.
  await expect
    .poll(() =>
      page.evaluate(() => {
        const { shell } = (
          window as unknown as {
            fixture: { shell: { diagnostics: { ignoredMessages: Record<string, number> } } };
          }
        ).fixture;
        return Object.values(shell.diagnostics.ignoredMessages).reduce((a, b) => a + b, 0);
      }),
    )
    .toBe(1);
  expect(
    await page.evaluate(
      () => (window as unknown as { fixture: { shell: { session: unknown } } }).fixture.shell.session,
    ),
  ).toBeNull();
  await expect(page.locator("#status")).toHaveText("ready");
  await signInByClick(page);
  await call(page, "getToken", "after");
  expect(await settledIn(page)).toEqual({ "sign-in 1": "jsmith", after: "token" });
});

test("two tabs signing in at once: the first answer releases the other tab's apps, both sign-ins end", async ({
  context,
  page,
}) => {
  const other = await context.newPage();
  await openHost(page, { prompt: "none" });
  await openHost(other, { prompt: "none" });
  await appWaits(other, "other-waiting");
  const popupA = page.waitForEvent("popup");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  const popupB = other.waitForEvent("popup");
  await other.getByRole("button", { name: "Sign in", exact: true }).click();
  const [a, b] = [await popupA, await popupB];
  await answerSignIn(a);
  await expect(page.locator("#status")).toHaveText("signed in jsmith");
  // The other tab learns the session over the tab channel: its waiting app is released at once.
  await expect(other.locator("#status")).toHaveText("signed in jsmith");
  await expect
    .poll(async () => (await outcomesIn(other))["other-waiting"])
    .toEqual({
      state: "fulfilled",
      value: "token",
    });
  // Its own popup is still open and still works.
  if (!b.isClosed()) await answerSignIn(b);
  expect(await settledIn(page)).toEqual({ "sign-in 1": "jsmith" });
  const otherOutcomes = await settledIn(other);
  expect(otherOutcomes["sign-in 1"]).toMatch(/^(jsmith|error popup-closed)$/);
});

test("an app that starts waiting while the popup is open gets that sign-in's typed error at once", async ({
  context,
  page,
}) => {
  await failNextTokenRequest(context); // the code exchange fails
  await openHost(page, { prompt: "none" });
  const popup = page.waitForEvent("popup");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  const opened = await popup;
  await opened.getByLabel("Username").waitFor();
  await call(page, "getToken", "joins-late"); // the app asks while the popup is open
  await expect.poll(() => eventsIn(page)).toContain("auth-required");
  await answerSignIn(opened);
  expect(await settledIn(page, 5_000)).toEqual({
    "sign-in 1": "error portal-error",
    "joins-late": "error portal-error",
  });
  await expect(page.getByRole("dialog")).toHaveCount(0);
});
