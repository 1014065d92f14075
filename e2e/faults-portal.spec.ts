/**
 * Faults on the portal's side: the portal down (HTTP 503 from
 * `/__admin/fail`) or slow, the token endpoint failing in the middle of a PKCE code exchange,
 * and the tokens expiring in the middle of a burst. Each ends in the portal's own answer handed
 * back, a typed error, or a recovery — and no call is left pending.
 */

import {
  call,
  distinct,
  eventsIn,
  failNext,
  failNextTokenRequest,
  openHost,
  settledIn,
  signInByClick,
} from "./fixtures/faults-support.ts";
import {
  answerSignIn,
  countPopups,
  expireTokens,
  portalLog,
  resetPortal,
  TREES_QUERY,
} from "./support/portal.ts";
import { expect, test } from "./support/test.ts";

const TREES_SERVER = "http://localhost:4200/arcgis/rest/services/Trees/FeatureServer";

test.beforeEach(() => resetPortal());

test("portal down: its 503 reaches the caller as is, each request is sent once, the next one succeeds", async ({
  page,
}) => {
  await openHost(page);
  await signInByClick(page);
  await call(page, "fetch", "warm-up", TREES_QUERY); // the federated token is in hand
  expect(await settledIn(page)).toMatchObject({ "warm-up": "features" });
  const since = Date.now();
  await failNext(3);
  await call(page, "burst", "down", 3, TREES_QUERY);
  const down = await settledIn(page);
  expect(distinct(down, "down")).toEqual(["http 503"]);
  await call(page, "fetch", "after", TREES_QUERY);
  expect(await settledIn(page)).toMatchObject({ after: "features" });
  const sent = (await portalLog()).filter((e) => e.time >= since && e.path.endsWith("/query"));
  expect(sent).toHaveLength(4); // 3 failed once each (no retry of a 503), 1 succeeded
});

test("federated server down while its token is made: UntrustedServerError, and the next call gets the token", async ({
  page,
}) => {
  await openHost(page);
  await signInByClick(page);
  await failNext(1); // rest/info of the federated server answers 503
  await call(page, "getToken", "during", TREES_SERVER);
  // An app learns nothing of a server's status from the shell; the failure is not remembered.
  expect(await settledIn(page)).toMatchObject({ during: "error untrusted-server" });
  await call(page, "getToken", "after", TREES_SERVER);
  expect(await settledIn(page)).toMatchObject({ after: "token" });
});

test("portal slow: sign-in, federation and requests wait for it and succeed", async ({ context, page }) => {
  await context.route("http://localhost:4100/**", async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await route.continue();
  });
  await openHost(page, { sdkTimeout: 5000 });
  await signInByClick(page);
  await expect(page.locator("#status")).toHaveText("signed in jsmith", { timeout: 15_000 });
  await call(page, "burst", "slow", 5, TREES_QUERY);
  expect(distinct(await settledIn(page, 20_000), "slow")).toEqual(["features"]);
});

test("token endpoint 503 in the middle of the PKCE code exchange: PortalError for the sign-in and its waiters, then a new sign-in works", async ({
  context,
  page,
}) => {
  let failed = false;
  await context.route("http://localhost:4100/sharing/rest/oauth2/token", async (route) => {
    if (!failed) {
      failed = true;
      await failNext(1); // the exchange itself is answered 503 by the portal
    }
    await route.continue();
  });
  await openHost(page, { prompt: "none" });
  await call(page, "getToken", "waiting");
  await expect.poll(() => eventsIn(page)).toContain("auth-required");
  const popup = page.waitForEvent("popup");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await answerSignIn(await popup);
  const outcomes = await settledIn(page);
  expect(outcomes).toEqual({ waiting: "error portal-error", "sign-in 1": "error portal-error" });
  await expect(page.locator("#status")).toHaveText("ready");
  await signInByClick(page);
  await call(page, "getToken", "after");
  expect(await settledIn(page)).toMatchObject({ "sign-in 2": "jsmith", after: "token" });
});

test("refresh failing (503 on grant_type=refresh_token): the waiters get PortalError, no prompt, and the next refresh is silent", async ({
  context,
  page,
}) => {
  const popups = countPopups(page);
  await openHost(page);
  await signInByClick(page);
  await call(page, "fetch", "warm-up", TREES_QUERY);
  await settledIn(page);
  await failNextTokenRequest(context); // the silent refresh gets the 503
  await expireTokens();
  await call(page, "burst", "blip", 20, TREES_QUERY);
  // A blip is not a refusal: the refresh token stays, the callers get the portal's typed error.
  const blip = distinct(await settledIn(page), "blip");
  expect(blip.filter((o) => o !== "features" && o !== "error portal-error")).toEqual([]);
  await expect(page.getByRole("dialog")).toHaveCount(0);
  const since = Date.now();
  await call(page, "burst", "after", 20, TREES_QUERY);
  expect(distinct(await settledIn(page), "after")).toEqual(["features"]);
  const refreshes = (await portalLog()).filter((e) => e.time >= since && e.path.endsWith("/oauth2/token"));
  expect(refreshes.length).toBeLessThanOrEqual(1);
  await expect(page.getByRole("dialog")).toHaveCount(0);
  expect(popups.count).toBe(1);
});

test("tokens expiring in the middle of a burst (PKCE): one silent refresh, every request succeeds", async ({
  page,
}) => {
  const frame = (await openHost(page, { frame: true }))!;
  const popups = countPopups(page);
  await signInByClick(page);
  await call(page, "fetch", "warm-up", TREES_QUERY);
  await settledIn(page);
  const start = Date.now();
  await call(page, "burst", "host", 300, TREES_QUERY);
  await call(frame, "burst", "frame", 300, TREES_QUERY);
  // Expire once the burst is under way.
  await expect
    .poll(async () => (await portalLog()).filter((e) => e.time >= start && e.path.endsWith("/query")).length)
    .toBeGreaterThan(40);
  const expiredAt = Date.now();
  await expireTokens();
  const [host, inFrame] = [await settledIn(page, 30_000), await settledIn(frame, 30_000)];
  expect(distinct(host, "host")).toEqual(["features"]);
  expect(distinct(inFrame, "frame")).toEqual(["features"]);
  const log = await portalLog();
  expect(log.filter((e) => e.time >= expiredAt && e.path.endsWith("/oauth2/token"))).toHaveLength(1);
  const queries = log.filter((e) => e.time >= start && e.path.endsWith("/query"));
  expect(queries.length).toBeGreaterThan(600); // some were sent twice: after the expiry…
  expect(queries.length).toBeLessThanOrEqual(1200); // …but none more than twice
  expect(popups.count).toBe(1);
  await expect(page.getByRole("dialog")).toHaveCount(0);
});
