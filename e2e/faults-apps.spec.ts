/**
 * Faults on the micro-apps' side: an iframe reloaded during a coordinated
 * retry, a worker app terminated in the middle of a call, the shell destroyed with calls in
 * flight. Each ends in a recovery or a typed error for every call, and nothing is left pending.
 */

import {
  call,
  distinct,
  eventsIn,
  FRAME,
  frameApp,
  openHost,
  settledIn,
  signInByClick,
} from "./fixtures/faults-support.ts";
import { answerSignIn, countPopups, expireTokens, resetPortal, TREES_QUERY } from "./support/portal.ts";
import { expect, test } from "./support/test.ts";

test.beforeEach(() => resetPortal());

test("iframe reloaded during a coordinated retry: the host's requests and the reloaded app's succeed after one sign-in", async ({
  page,
}) => {
  const popups = countPopups(page);
  const frame = (await openHost(page, { flow: "implicit", frame: true }))!;
  await signInByClick(page);
  await expect(page.locator("#status")).toHaveText("signed in jsmith");
  await expireTokens();
  await call(page, "burst", "host", 20, TREES_QUERY);
  await call(frame, "burst", "old-frame", 20, TREES_QUERY);
  const dialog = page.getByRole("dialog", { name: /session has expired/i });
  await expect(dialog).toBeVisible();
  // The iframe app reloads while everyone waits for the re-sign-in: its waiting calls die with it.
  await frame
    .evaluate((url) => {
      location.href = url;
    }, `${FRAME}&reloaded=1`)
    .catch(() => {}); // the frame's context goes away with the navigation
  const reloaded = await frameApp(page, "reloaded=1");
  await call(reloaded, "burst", "new-frame", 20, TREES_QUERY);
  const popup = page.waitForEvent("popup");
  await dialog.getByRole("button", { name: "Sign in" }).click();
  await answerSignIn(await popup);
  expect(distinct(await settledIn(page), "host")).toEqual(["features"]);
  expect(distinct(await settledIn(reloaded), "new-frame")).toEqual(["features"]);
  expect(popups.count).toBe(2); // the first sign-in and the one re-sign-in
  await expect(dialog).toHaveCount(0);
});

test("worker terminated in the middle of a call: the other apps are served, a new worker works", async ({
  page,
}) => {
  await openHost(page, { prompt: "none" });
  type Host = { fixture: { startWorker(): Promise<string>; workerGetToken(l: string): Promise<string> } };
  expect(await page.evaluate(() => (window as unknown as Host).fixture.startWorker())).toBe("connected");
  // Both apps wait for a sign-in; then the worker goes away mid-call.
  await page.evaluate(() => {
    void (window as unknown as Host).fixture.workerGetToken("worker-waiting");
  });
  await call(page, "getToken", "host-waiting");
  await expect.poll(() => eventsIn(page)).toContain("auth-required");
  await call(page, "terminateWorker");
  await signInByClick(page);
  expect(await settledIn(page)).toEqual({ "host-waiting": "token", "sign-in 1": "jsmith" });
  expect(await page.evaluate(() => (window as unknown as Host).fixture.startWorker())).toBe("connected");
  expect(await page.evaluate(() => (window as unknown as Host).fixture.workerGetToken("again"))).toBe(
    "token",
  );
  expect((await eventsIn(page)).filter((e) => e.startsWith("error"))).toEqual([]);
});

test("shell destroyed with calls in flight: every waiting call rejects with ShellUnavailableError", async ({
  page,
}) => {
  const frame = (await openHost(page, { prompt: "none", frame: true, sdkTimeout: 3000 }))!;
  await call(page, "getToken", "host-app");
  await call(page, "fetch", "host-fetch", TREES_QUERY); // anonymous 499, then waits for the sign-in
  await call(frame, "getToken", "frame-app");
  await call(frame, "fetch", "frame-fetch", TREES_QUERY);
  await page.evaluate(() => {
    type Fixture = {
      shell: { getToken(): Promise<string> };
      tracker: { track(l: string, p: Promise<unknown>): void };
    };
    const { shell, tracker } = (window as unknown as { fixture: Fixture }).fixture;
    tracker.track("shell", shell.getToken());
  });
  await expect.poll(() => eventsIn(page)).toContain("auth-required");
  await page.evaluate(() =>
    (window as unknown as { fixture: { shell: { destroy(): void } } }).fixture.shell.destroy(),
  );
  expect(await settledIn(page, 5_000)).toEqual({
    "host-app": "error shell-unavailable",
    "host-fetch": "error shell-unavailable",
    shell: "error shell-unavailable",
  });
  expect(await settledIn(frame, 5_000)).toEqual({
    "frame-app": "error shell-unavailable",
    "frame-fetch": "error shell-unavailable",
  });
  // Later calls fail at once too.
  await call(page, "getToken", "after");
  await call(frame, "getToken", "frame-after");
  expect((await settledIn(page, 5_000)).after).toBe("error shell-unavailable");
  expect((await settledIn(frame, 5_000))["frame-after"]).toBe("error shell-unavailable");
});
