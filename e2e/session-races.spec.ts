/**
 * Late answers from the portal (shell/session/epoch.ts): an answer that is still on its way back
 * when the user signs out, or when another user signs in, is dropped — not stored, not announced
 * to tabs or apps, not handed to anyone waiting — and the tokens it carries are revoked. Each
 * answer is held on its way back with route.fetch() and let go with route.fulfill() later.
 */

import { ADMIN, answerSignIn, PORTAL, portalLog, resetPortal, TREES_QUERY } from "./support/portal.ts";
import { type BrowserContext, expect, type Page, type Route, test } from "./support/test.ts";

const SHELL_HOST = "http://localhost:5173/e2e/fixtures/shell-host.html";
const FRAME = "http://127.0.0.1:5174/e2e/fixtures/sdk-frame.html?parent=http://localhost:5173";
const SDK_HOST = `http://localhost:5173/e2e/fixtures/sdk-host.html?frame=${encodeURIComponent(FRAME)}`;

test.beforeEach(() => resetPortal());
test.afterAll(() => resetPortal());

/** Access tokens of 40 s: usable for 10 s after the 30 s skew, so the shell refreshes after about 5 s. */
async function shortAccessTokens(seconds: number | null = 40) {
  const response = await fetch(`${ADMIN}/config`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ accessTokenSeconds: seconds }),
  });
  expect(response.ok).toBe(true);
}

/** A portal answer that has been produced but not yet delivered to the page. */
interface HeldAnswer {
  body: Record<string, string>;
  /** The page whose request it answers. */
  from: Page;
  release(): Promise<void>;
}

/** Holds the portal's answer to the first request to `path` whose form matches `grant`. */
async function holdAnswer(
  context: BrowserContext,
  path: string,
  grant: (form: URLSearchParams) => boolean = () => true,
): Promise<{ answer: Promise<HeldAnswer> }> {
  let deliver!: (held: HeldAnswer) => void;
  const held = new Promise<HeldAnswer>((resolve) => {
    deliver = resolve;
  });
  let taken = false;
  await context.route(`**/sharing/rest/${path}`, async (route: Route) => {
    const request = route.request();
    if (taken || request.method() !== "POST" || !grant(new URLSearchParams(request.postData() ?? ""))) {
      return route.fallback();
    }
    taken = true;
    const response = await route.fetch(); // the portal has acted; the page has not heard yet
    const text = await response.text();
    deliver({
      body: JSON.parse(text) as Record<string, string>,
      from: request.frame().page(),
      release: () => route.fulfill({ response, body: text }),
    });
  });
  return { answer: held }; // wrapped: awaiting the route setup must not wait for the answer
}

const grantIs = (type: string) => (form: URLSearchParams) => form.get("grant_type") === type;

/** Resolves once `page` has asked the portal to revoke `token`. */
const revocationOf = (page: Page, token: string) =>
  page.waitForRequest(
    (request) =>
      request.url().endsWith("/oauth2/revokeToken") &&
      new URLSearchParams(request.postData() ?? "").get("auth_token") === token,
    { timeout: 5_000 },
  );

/** What the portal says about an access token: the username, or the ArcGIS error code. */
async function accessTokenSays(token: string): Promise<string | number> {
  const response = await fetch(`${PORTAL}/community/self?f=json&token=${encodeURIComponent(token)}`);
  const body = (await response.json()) as { username?: string; error?: { code: number } };
  return body.username ?? body.error?.code ?? "nothing";
}

/** What the portal says to a refresh with `refreshToken`: a new token ("renewed"), or its error code. */
async function refreshTokenSays(refreshToken: string): Promise<string | number> {
  const response = await fetch(`${PORTAL}/oauth2/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "refresh_token",
      client_id: "arcgis-auth-shell-demo",
      refresh_token: refreshToken,
      f: "json",
    }).toString(),
  });
  const body = (await response.json()) as { access_token?: string; error?: { code: number } };
  return body.access_token ? "renewed" : (body.error?.code ?? "nothing");
}

async function signInWithButton(page: Page, username = "jsmith") {
  const popup = page.waitForEvent("popup");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await answerSignIn(await popup, "sign-in", username);
}

const storedSessions = (page: Page) =>
  page.evaluate(() => Object.keys(sessionStorage).filter((key) => key.includes(":session:")));

/** What a user of the shell-host fixture sees after the late answer was dealt with. */
async function expectSignedOutForGood(page: Page) {
  await expect(page.locator("#session")).toHaveText("signed out");
  await expect(page.locator("#events")).not.toContainText("refreshed");
  expect(await page.evaluate(() => window.shell.session)).toBeNull();
  expect(await storedSessions(page)).toEqual([]);
}

test("sign-out in this tab during a silent refresh: the late answer is dropped and its token revoked", async ({
  page,
  context,
}) => {
  await shortAccessTokens();
  const held = await holdAnswer(context, "oauth2/token", grantIs("refresh_token"));
  await page.goto(SHELL_HOST);
  await signInWithButton(page);
  await expect(page.locator("#session")).toHaveText("signed in as jsmith");
  const answer = await held.answer; // the timed refresh: the portal renewed, the page has not heard
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.locator("#session")).toHaveText("signed out");
  const revoked = revocationOf(page, answer.body.access_token!);
  await answer.release();
  await revoked;
  await expectSignedOutForGood(page);
  expect(await accessTokenSays(answer.body.access_token!)).toBe(498);
});

test("sign-out in another tab during a silent refresh: no tab signs back in", async ({ context }) => {
  await shortAccessTokens();
  const held = await holdAnswer(context, "oauth2/token", grantIs("refresh_token"));
  const first = await context.newPage();
  const second = await context.newPage();
  await first.goto(SHELL_HOST);
  await second.goto(SHELL_HOST);
  await signInWithButton(first);
  await expect(second.locator("#session")).toHaveText("signed in as jsmith");
  const answer = await held.answer;
  const other = answer.from === first ? second : first;
  await other.getByRole("button", { name: "Sign out" }).click();
  await expect(answer.from.locator("#session")).toHaveText("signed out");
  const revoked = revocationOf(answer.from, answer.body.access_token!);
  await answer.release();
  await revoked;
  await expectSignedOutForGood(answer.from);
  await expectSignedOutForGood(other);
  // The other tab's own timed refresh, queued behind the lock, found its session gone.
  const refreshes = (await portalLog()).filter((entry) => entry.path.endsWith("/oauth2/token"));
  expect(refreshes).toHaveLength(2); // jsmith's code exchange and the one held refresh
});

test("sign-out, then alee signs in while jsmith's refresh is in flight: every tab and app is alee", async ({
  context,
}) => {
  await shortAccessTokens();
  const held = await holdAnswer(context, "oauth2/token", grantIs("refresh_token"));
  const first = await context.newPage();
  const second = await context.newPage();
  for (const page of [first, second]) {
    await page.goto(SDK_HOST);
    await expect(page.locator("#status")).not.toHaveText("loading");
  }
  await signInWithButton(first);
  await expect(first.locator("#status")).toHaveText("signed in jsmith");
  const answer = await held.answer;
  const tab = answer.from;
  await tab.evaluate(() =>
    (window as unknown as { fixture: { shell: { signOut(): Promise<void> } } }).fixture.shell.signOut(),
  );
  await shortAccessTokens(null); // alee's session needs no refresh during this test
  await signInWithButton(tab, "alee");
  await expect(tab.locator("#status")).toHaveText("signed in alee");
  const revoked = revocationOf(tab, answer.body.access_token!);
  await answer.release();
  await revoked;

  for (const page of [first, second]) {
    const seen = await page.evaluate(async () => {
      type App = { getSession(): Promise<{ username: string } | null>; getToken(): Promise<string> };
      const { shell, app } = (
        window as unknown as { fixture: { shell: { session: { username: string } | null }; app: App } }
      ).fixture;
      return {
        shell: shell.session?.username,
        app: (await app.getSession())?.username,
        token: await app.getToken(),
      };
    });
    expect(seen).toMatchObject({ shell: "alee", app: "alee" });
    expect(await accessTokenSays(seen.token)).toBe("alee");
    const frame = page.frames().find((f) => f.url().startsWith("http://127.0.0.1:5174/"))!;
    const inFrame = await frame.evaluate(async () => {
      type App = { getSession(): Promise<{ username: string } | null>; getToken(): Promise<string> };
      const { app } = (window as unknown as { fixture: { app: App } }).fixture;
      return { app: (await app.getSession())?.username, token: await app.getToken() };
    });
    expect(inFrame).toEqual({ app: "alee", token: seen.token });
  }
});

test("sign-out during a code exchange: the sign-in fails and the new tokens are dead", async ({
  page,
  context,
}) => {
  const held = await holdAnswer(context, "oauth2/token", grantIs("authorization_code"));
  await page.goto(SHELL_HOST);
  await expect(page.locator("#session")).toHaveText("signed out");
  await signInWithButton(page);
  const answer = await held.answer; // the code was exchanged; the tokens have not reached the page
  await page.getByRole("button", { name: "Sign out" }).click();
  const revoked = revocationOf(page, answer.body.refresh_token!);
  await answer.release();
  await revoked;
  await expect(page.locator("#result")).toHaveText("error sign-in-failed");
  await expectSignedOutForGood(page);
  await expect(page.locator("#events")).not.toContainText("signed-in");
  expect(await accessTokenSays(answer.body.access_token!)).toBe(498);
  expect(await refreshTokenSays(answer.body.refresh_token!)).toBe(498);
});

test("sign-out during an exchange_refresh_token rotation: the rotated refresh token is dead", async ({
  page,
  context,
}) => {
  await shortAccessTokens();
  const held = await holdAnswer(context, "oauth2/token", grantIs("exchange_refresh_token"));
  await page.goto(`${SHELL_HOST}?expiration=60`); // a refresh token of an hour: rotated at each renewal
  await signInWithButton(page);
  await expect(page.locator("#session")).toHaveText("signed in as jsmith");
  const answer = await held.answer;
  expect(answer.body.refresh_token).toBeTruthy();
  await page.getByRole("button", { name: "Sign out" }).click();
  const revoked = revocationOf(page, answer.body.refresh_token!);
  await answer.release();
  await revoked;
  await expectSignedOutForGood(page);
  expect(await refreshTokenSays(answer.body.refresh_token!)).toBe(498);
  expect(await accessTokenSays(answer.body.access_token!)).toBe(498);
});

test("sign-out while a federated generateToken is in flight: the server token is never handed out", async ({
  page,
  context,
}) => {
  const held = await holdAnswer(context, "generateToken");
  await page.goto(SDK_HOST);
  await expect(page.locator("#status")).toHaveText("ready");
  await signInWithButton(page);
  await expect(page.locator("#status")).toHaveText("signed in jsmith");
  await page.evaluate((url) => {
    type App = { getToken(url: string): Promise<string> };
    const { app } = (window as unknown as { fixture: { app: App } }).fixture;
    const outcome = app.getToken(url).then(
      (token) => `token ${token}`,
      (error: { code?: string }) => `error ${error.code}`,
    );
    Object.assign(window, { serverTokenOutcome: outcome });
  }, TREES_QUERY);
  const answer = await held.answer;
  await page.evaluate(() =>
    (window as unknown as { fixture: { shell: { signOut(): Promise<void> } } }).fixture.shell.signOut(),
  );
  const revoked = revocationOf(page, answer.body.token!);
  await answer.release();
  await revoked;
  // The app still waits for a token: signed out, that means the re-sign-in prompt; the user declines.
  const dialog = page.getByRole("dialog", { name: "Sign in to ArcGIS" });
  await dialog.getByRole("button", { name: "Cancel" }).click();
  const outcome = await page.evaluate(
    () => (window as unknown as { serverTokenOutcome: Promise<string> }).serverTokenOutcome,
  );
  expect(outcome).toBe("error access-denied");
  const federated = (await portalLog()).filter((entry) => entry.host === "localhost:4200");
  expect(federated.some((entry) => entry.token === answer.body.token)).toBe(false);
  const query = await fetch(`${TREES_QUERY}&token=${encodeURIComponent(answer.body.token!)}`);
  expect(((await query.json()) as { error?: { code: number } }).error?.code).toBe(498);
});
