/**
 * The coordinated retry (docs/behaviour.md "Re-sign-in prompt and coordinated re-authentication"): many micro-apps, one session, one
 * re-sign-in. Requests run in a same-window app and a cross-origin iframe at once.
 */

import type { BurstResult } from "./fixtures/sdk-burst.ts";
import {
  answerSignIn,
  countPopups,
  expireTokens,
  portalLog,
  resetPortal,
  TREES_QUERY,
} from "./support/portal.ts";
import { expect, type Frame, type Page, test } from "./support/test.ts";

const HOST = "http://localhost:5173";
const FRAME = "http://127.0.0.1:5174/e2e/fixtures/sdk-frame.html?parent=http://localhost:5173";

test.beforeEach(() => resetPortal());

async function openSignedIn(page: Page, flow: "pkce" | "implicit") {
  const popups = countPopups(page);
  await page.goto(`${HOST}/e2e/fixtures/sdk-host.html?flow=${flow}&frame=${encodeURIComponent(FRAME)}`);
  await expect(page.locator("#status")).toHaveText("ready");
  const popup = page.waitForEvent("popup");
  await page.getByRole("button", { name: "Sign in" }).click();
  await answerSignIn(await popup);
  await expect(page.locator("#status")).toHaveText("signed in jsmith");
  const frame = page.frames().find((f) => f.url().startsWith("http://127.0.0.1:5174"))!;
  await expect(frame.locator("#out")).toHaveText("connected");
  return { popups, frame };
}

/** Starts `n` fetches in the host app and `n` in the iframe app; resolves both summaries. */
function burstEverywhere(page: Page, frame: Frame, n: number): Promise<[BurstResult, BurstResult]> {
  type WithBurst = { fixture: { burst(n: number, url: string): Promise<BurstResult> } };
  const args = [n, TREES_QUERY] as const;
  return Promise.all([
    page.evaluate(([n, url]) => (window as unknown as WithBurst).fixture.burst(n, url), args),
    frame.evaluate(([n, url]) => (window as unknown as WithBurst).fixture.burst(n, url), args),
  ]);
}

test("implicit flow: 200 failing requests from two apps cost one prompt and one popup, then all succeed", async ({
  page,
}) => {
  const { popups, frame } = await openSignedIn(page, "implicit");
  await expireTokens();
  const results = burstEverywhere(page, frame, 100);
  const dialog = page.getByRole("dialog", { name: /session has expired/i });
  await expect(dialog).toBeVisible();
  const popup = page.waitForEvent("popup");
  await dialog.getByRole("button", { name: "Sign in" }).click();
  await answerSignIn(await popup);
  const [host, iframe] = await results;
  expect(host, host.messages.join("; ")).toMatchObject({ withFeatures: 100, errors: [] });
  expect(iframe, iframe.messages.join("; ")).toMatchObject({ withFeatures: 100, errors: [] });
  expect(popups.count).toBe(2); // the first sign-in and the one re-sign-in
});

test("implicit flow: Cancel on the portal rejects every waiting request with AccessDeniedError within 5 s", async ({
  page,
}) => {
  const { popups, frame } = await openSignedIn(page, "implicit");
  await expireTokens();
  const results = burstEverywhere(page, frame, 100);
  const popup = page.waitForEvent("popup");
  await page.getByRole("dialog").getByRole("button", { name: "Sign in" }).click();
  await answerSignIn(await popup, "cancel");
  const cancelledAt = Date.now();
  const [host, iframe] = await results;
  expect(Date.now() - cancelledAt).toBeLessThan(5000);
  expect(host.errors).toEqual(Array(100).fill("access-denied"));
  expect(iframe.errors).toEqual(Array(100).fill("access-denied"));
  expect(popups.count).toBe(2);
});

test("PKCE: after the access tokens expire, the same burst costs one silent refresh and no popup", async ({
  page,
}) => {
  const { popups, frame } = await openSignedIn(page, "pkce");
  await expireTokens();
  const expiredAt = Date.now();
  const [host, iframe] = await burstEverywhere(page, frame, 100);
  const refreshes = (await portalLog()).filter(
    (e) => e.time >= expiredAt && e.path.endsWith("/oauth2/token"),
  );
  expect(refreshes).toHaveLength(1);
  expect(host, host.messages.join("; ")).toMatchObject({ withFeatures: 100, errors: [] });
  expect(iframe, iframe.messages.join("; ")).toMatchObject({ withFeatures: 100, errors: [] });
  expect(popups.count).toBe(1);
  await expect(page.getByRole("dialog")).toHaveCount(0);
});

test("PKCE: when the refresh tokens are dead too, the burst costs exactly one popup", async ({ page }) => {
  const { popups, frame } = await openSignedIn(page, "pkce");
  await expireTokens(true);
  const results = burstEverywhere(page, frame, 100);
  const popup = page.waitForEvent("popup");
  await page.getByRole("dialog").getByRole("button", { name: "Sign in" }).click();
  await answerSignIn(await popup);
  const [host, iframe] = await results;
  expect(host, host.messages.join("; ")).toMatchObject({ withFeatures: 100, errors: [] });
  expect(iframe, iframe.messages.join("; ")).toMatchObject({ withFeatures: 100, errors: [] });
  expect(popups.count).toBe(2);
});

test("a report for a token that is no longer current resolves at once with the current one", async ({
  page,
}) => {
  await openSignedIn(page, "pkce");
  const result = await page.evaluate(async () => {
    const { app, shell } = (
      window as unknown as {
        fixture: {
          app: { getToken(): Promise<string>; reportAuthError(e: unknown, url?: string): Promise<string> };
          shell: { reportAuthError(r: { token: string; code: number }): Promise<string> };
        };
      }
    ).fixture;
    const current = await app.getToken();
    const answer = await shell.reportAuthError({ token: "an-old-token", code: 498 });
    return answer === current;
  });
  expect(result).toBe(true);
});

test("a sign-in finished in another tab releases every waiter of this one", async ({ context, page }) => {
  const { popups, frame } = await openSignedIn(page, "implicit");
  await expireTokens();
  const results = burstEverywhere(page, frame, 50);
  await expect(page.getByRole("dialog", { name: /session has expired/i })).toBeVisible();
  // The user signs in from a second tab of the same app instead of answering the dialog.
  const other = await context.newPage();
  await other.goto(`${HOST}/e2e/fixtures/sdk-host.html?flow=implicit`);
  await expect(other.locator("#status")).toHaveText("ready");
  const popup = other.waitForEvent("popup");
  await other.getByRole("button", { name: "Sign in", exact: true }).click();
  await answerSignIn(await popup);
  const [host, iframe] = await results;
  expect(host, host.messages.join("; ")).toMatchObject({ withFeatures: 50, errors: [] });
  expect(iframe, iframe.messages.join("; ")).toMatchObject({ withFeatures: 50, errors: [] });
  expect(popups.count).toBe(1); // this tab opened only its first sign-in's popup
  await expect(page.getByRole("dialog")).toHaveCount(0);
});
