/**
 * The session: storage and restore, expiry, silent PKCE refresh,
 * sign-out with revocation, and the re-sign-in prompt.
 */

import {
  ADMIN,
  answerSignIn,
  countPopups,
  expireTokens,
  PORTAL,
  portalLog,
  resetPortal,
} from "./support/portal.ts";
import { expect, type Page, test } from "./support/test.ts";

const HOST = "http://localhost:5173/e2e/fixtures/shell-host.html";

async function signIn(page: Page) {
  const popupEvent = page.waitForEvent("popup");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await answerSignIn(await popupEvent);
  await expect(page.locator("#result")).toHaveText("signed-in jsmith");
}

const currentToken = (page: Page) => page.evaluate(() => window.shell.session?.token ?? null);

/** What the portal says about `token`: the username, or the ArcGIS error code. */
async function portalSays(token: string | null): Promise<string | number> {
  const response = await fetch(`${PORTAL}/community/self?f=json&token=${encodeURIComponent(token ?? "")}`);
  const body = (await response.json()) as { username?: string; error?: { code: number } };
  return body.username ?? body.error?.code ?? "nothing";
}

async function setAccessTokenSeconds(seconds: number | null) {
  const response = await fetch(`${ADMIN}/config`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ accessTokenSeconds: seconds }),
  });
  expect(response.ok).toBe(true);
}

test.beforeEach(async () => {
  await resetPortal();
});
test.afterAll(async () => {
  await resetPortal();
});

test("a reload restores the session from sessionStorage without a popup", async ({ page }) => {
  await page.goto(HOST);
  await signIn(page);
  const token = await currentToken(page);
  const popups = countPopups(page);
  await page.reload();
  await expect(page.locator("#session")).toHaveText("signed in as jsmith");
  expect(await currentToken(page)).toBe(token);
  expect(popups.count).toBe(0);
});

test("storage: local restores in a new page of the origin", async ({ page, context }) => {
  await page.goto(`${HOST}?storage=local`);
  await signIn(page);
  const second = await context.newPage();
  await second.goto(`${HOST}?storage=local`);
  await expect(second.locator("#session")).toHaveText("signed in as jsmith");
});

test("storage: memory does not survive a reload", async ({ page }) => {
  await page.goto(`${HOST}?storage=memory`);
  await signIn(page);
  await page.reload();
  await expect(page.locator("#session")).toHaveText("signed out");
});

test("an expired stored session is not restored", async ({ page }) => {
  await page.goto(HOST);
  await signIn(page);
  await page.evaluate(() => {
    for (let i = 0; i < sessionStorage.length; i += 1) {
      const key = sessionStorage.key(i)!;
      if (!key.startsWith("arcgis-auth-shell:session:")) continue;
      const record = JSON.parse(sessionStorage.getItem(key)!);
      record.session.expires = Date.now() + 10_000; // inside the skew: treated as expired
      sessionStorage.setItem(key, JSON.stringify(record));
    }
  });
  await page.reload();
  await expect(page.locator("#session")).toHaveText("signed out");
});

test("signOut revokes the access and refresh tokens, clears storage and says signed out", async ({
  page,
}) => {
  await page.goto(HOST);
  await signIn(page);
  const token = await currentToken(page);
  expect(await portalSays(token)).toBe("jsmith");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.locator("#session")).toHaveText("signed out");
  await expect(page.locator("#events")).toContainText("signed-out");
  await expect
    .poll(async () => (await portalLog()).filter((e) => e.path.endsWith("/oauth2/revokeToken")).length)
    .toBe(2);
  expect(await portalSays(token)).toBe(498);
  const stored = await page.evaluate(() =>
    Object.keys(sessionStorage).filter((k) => k.includes(":session:")),
  );
  expect(stored).toEqual([]);
});

test("PKCE: the shell refreshes a short-lived token silently before it ends", async ({ page }) => {
  await setAccessTokenSeconds(40); // usable for 10 s after the 30 s skew: refreshed after about 5 s
  await page.goto(HOST);
  await signIn(page);
  const first = await currentToken(page);
  const popups = countPopups(page);
  await expect(page.locator("#events")).toContainText("refreshed", { timeout: 15_000 });
  const second = await currentToken(page);
  expect(second).not.toBe(first);
  expect(await portalSays(second)).toBe("jsmith");
  expect(popups.count).toBe(0);
});

test("PKCE: a token the portal refuses is renewed silently once for every reporter", async ({ page }) => {
  await page.goto(HOST);
  await signIn(page);
  const stale = await currentToken(page);
  await expireTokens();
  expect(await portalSays(stale)).toBe(498);
  const popups = countPopups(page);
  const tokens = await page.evaluate(
    (token) =>
      Promise.all(
        Array.from({ length: 25 }, () => window.shell.reportAuthError({ token: token!, code: 498 })),
      ),
    stale,
  );
  expect(new Set(tokens).size).toBe(1);
  expect(await portalSays(tokens[0]!)).toBe("jsmith");
  expect(popups.count).toBe(0);
  const stillStale = await page.evaluate((token) => window.shell.reportAuthError({ token: token! }), stale);
  expect(stillStale).toBe(tokens[0]); // a report about an old token gets the current one at once
});

test("implicit: a refused token brings up the prompt; Sign in there gets everyone a new token", async ({
  page,
}) => {
  await page.goto(`${HOST}?flow=implicit`);
  await signIn(page);
  const stale = await currentToken(page);
  await expireTokens();
  await page.evaluate((token) => {
    const results: string[] = [];
    (window as unknown as { results: string[] }).results = results;
    for (let i = 0; i < 3; i += 1) {
      void window.shell.reportAuthError({ token: token! }).then(
        (fresh) => results.push(fresh === token ? "same" : "new"),
        (error: { code: string }) => results.push(error.code),
      );
    }
  }, stale);
  const dialog = page.getByRole("dialog", { name: "Your ArcGIS session has expired" });
  await expect(dialog).toBeVisible();
  const popupEvent = page.waitForEvent("popup");
  await dialog.getByRole("button", { name: "Sign in" }).click();
  await answerSignIn(await popupEvent);
  await expect(dialog).toBeHidden();
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { results: string[] }).results))
    .toEqual(["new", "new", "new"]);
  expect(await portalSays(await currentToken(page))).toBe("jsmith");
});

test("the prompt's Escape rejects every waiter with AccessDeniedError", async ({ page }) => {
  await page.goto(`${HOST}?flow=implicit`);
  await signIn(page);
  const stale = await currentToken(page);
  const outcome = page.evaluate(
    (token) =>
      window.shell.reportAuthError({ token: token! }).then(String, (error: { code: string }) => error.code),
    stale,
  );
  const dialog = page.getByRole("dialog", { name: "Your ArcGIS session has expired" });
  await expect(dialog.getByRole("button", { name: "Sign in" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  expect(await outcome).toBe("access-denied");
});

test("prompt: false — getToken while signed out raises auth-required and waits for the app's sign-in", async ({
  page,
}) => {
  await page.goto(`${HOST}?prompt=false`);
  await expect(page.locator("#session")).toHaveText("signed out");
  const token = page.evaluate(() => window.shell.getToken());
  await expect(page.locator("#events")).toContainText("auth-required");
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await signIn(page);
  expect(await portalSays(await token)).toBe("jsmith");
});

test("a session that cannot be renewed warns (expiring) and then ends (expired)", async ({ page }) => {
  await setAccessTokenSeconds(3);
  await page.goto(HOST);
  await signIn(page);
  await expireTokens(true); // refresh tokens too: the silent refresh is refused
  await expect(page.locator("#events")).toContainText("expired", { timeout: 15_000 });
  const events = await page.evaluate(() => window.shellEvents);
  expect(events).toContain("error"); // the refused refresh
  expect(events.indexOf("expiring")).toBeGreaterThan(-1);
  expect(events.indexOf("expiring")).toBeLessThan(events.indexOf("expired"));
  await expect(page.locator("#session")).toHaveText("signed out");
  await page.reload();
  await expect(page.locator("#session")).toHaveText("signed out");
});
