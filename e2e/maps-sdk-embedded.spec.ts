/**
 * An unmodified ArcGIS Maps SDK app (`@arcgis/core`) in a cross-origin iframe, embedded with a URL
 * from `embeddedAppUrl`, against the real shell and the local portal (README "Embedded ArcGIS
 * apps"). The SDK's own embedded protocol asks the parent for a credential and asks again after
 * every portal 498: the shell takes such a repeat as a report, so the app recovers with the
 * page's one sign-in (or silent refresh), and a child whose requests keep failing meets a few
 * `arcgis:auth:error`s instead of a loop. Requests are counted at the browser, per frame.
 */

import {
  answerSignIn,
  countPopups,
  expireTokens,
  portalLog,
  resetPortal,
  signInThroughPrompt,
} from "./support/portal.ts";
import { expect, type Frame, type Page, type Route, test } from "./support/test.ts";

/** Asks per frame and 10 s that may start a re-authentication (docs/behaviour.md "Embedded apps"). */
const REPORTS_PER_WINDOW = 2;

const HOST = "http://localhost:5173/e2e/fixtures/embedded-maps-host.html";
const PORTAL_REST = "http://localhost:4100/sharing/rest/";
/** Far above what a recovery costs (2–4 requests), far below what a loop sends (~90 a second). */
const MAX_CHILD_REQUESTS = 10;

interface AppFixture {
  whoAmI(): Promise<string>;
  dialogs: string[];
  fromParent: string[];
}
interface HostFixture {
  shell: { session: { token: string } | null };
  embed(): void;
  probe(): void;
  asks: string[];
}
/** The page's or the app's `window`, as the fixtures leave it (for `evaluate`). */
type FixtureWindow = { fixture: AppFixture & HostFixture };

test.beforeEach(() => resetPortal());

async function openHost(page: Page, query = "") {
  await page.goto(`${HOST}${query}`);
  await expect(page.locator("#status")).toHaveText("ready");
}

async function signIn(page: Page) {
  const popup = page.waitForEvent("popup");
  await page.getByRole("button", { name: "Sign in" }).click();
  await answerSignIn(await popup);
  await expect(page.locator("#status")).toHaveText("signed in jsmith");
}

/** Embeds the app; returns its frame and a live count of its requests to the portal. */
async function embedApp(page: Page) {
  const requests: string[] = [];
  page.on("request", (request) => {
    if (request.frame().url().includes("embedded-maps-app") && request.url().startsWith(PORTAL_REST)) {
      requests.push(new URL(request.url()).pathname);
    }
  });
  await page.evaluate(() => (window as unknown as FixtureWindow).fixture.embed());
  const out = page.frameLocator("iframe").locator("#out");
  await expect(out).toHaveText("ready", { timeout: 20_000 }); // the SDK's modules load on a cold server
  const frame = page.frames().find((f) => f.url().includes("embedded-maps-app")) as Frame;
  return { frame, out, requests };
}

/** Starts the app's portal request (the SDK handles auth); its outcome shows in the app's `#out`. */
const startRequest = (frame: Frame) =>
  frame.evaluate(() => void (window as unknown as FixtureWindow).fixture.whoAmI());
const dialogsIn = (frame: Frame) =>
  frame.evaluate(() => (window as unknown as FixtureWindow).fixture.dialogs);
const sessionToken = (page: Page) =>
  page.evaluate(() => (window as unknown as FixtureWindow).fixture.shell.session?.token ?? null);

test("an unmodified Maps SDK app in an allowed iframe gets the session, no dialog", async ({ page }) => {
  await openHost(page);
  await signIn(page);
  const popups = countPopups(page);
  const { frame, out, requests } = await embedApp(page);
  await startRequest(frame);
  await expect(out).toHaveText("user jsmith");
  expect(await dialogsIn(frame)).toEqual([]);
  expect(popups.count).toBe(0);
  expect(requests.length).toBeLessThanOrEqual(MAX_CHILD_REQUESTS);
});

test("signed out, the app's ask waits for the page's one sign-in, then it gets the session", async ({
  page,
}) => {
  await openHost(page);
  const { frame, out } = await embedApp(page);
  await startRequest(frame);
  await expect(out).toHaveText("waiting");
  await signInThroughPrompt(page);
  await expect(out).toHaveText("user jsmith");
  expect(await dialogsIn(frame)).toEqual([]);
});

test("a token revoked with its refresh token: the app recovers through exactly one popup, no loop", async ({
  page,
}) => {
  await openHost(page);
  await signIn(page);
  const { frame, out, requests } = await embedApp(page);
  await startRequest(frame);
  await expect(out).toHaveText("user jsmith");
  await expireTokens(true);
  const popups = countPopups(page);
  requests.length = 0;
  await startRequest(frame);
  await signInThroughPrompt(page);
  await expect(out).toHaveText("user jsmith");
  expect(popups.count).toBe(1);
  expect(await dialogsIn(frame)).toEqual([]);
  // The 498 with the revoked token, then the retry with the new one.
  expect(requests.filter((path) => path.endsWith("/community/self"))).toHaveLength(2);
  expect(requests.length).toBeLessThanOrEqual(MAX_CHILD_REQUESTS);
});

test("a token revoked while its refresh token is good: the app recovers silently, no popup", async ({
  page,
}) => {
  await openHost(page);
  await signIn(page);
  const { frame, out, requests } = await embedApp(page);
  await startRequest(frame);
  await expect(out).toHaveText("user jsmith");
  const before = await sessionToken(page);
  await expireTokens();
  const popups = countPopups(page);
  requests.length = 0;
  await startRequest(frame);
  await expect(out).toHaveText("user jsmith");
  expect(popups.count).toBe(0);
  expect(await dialogsIn(frame)).toEqual([]);
  expect(requests.filter((path) => path.endsWith("/community/self"))).toHaveLength(2);
  const refreshes = (await portalLog()).filter(
    (e) => e.path.endsWith("/oauth2/token") && e.method === "POST",
  );
  expect(refreshes.length).toBe(2); // the sign-in's code exchange, and the one refresh
  expect(await sessionToken(page)).not.toBe(before);
});

test("a portal that refuses every token: the app gets a few arcgis:auth:error answers, no loop", async ({
  page,
}) => {
  await openHost(page);
  await signIn(page);
  const { frame, out, requests } = await embedApp(page);
  await startRequest(frame);
  await expect(out).toHaveText("user jsmith");
  // From now on the portal refuses every token it is shown (the app's requests and the shell's
  // check alike), as behind a misconfigured proxy; only its token endpoint still works.
  const refuse = (route: Route) =>
    route.fulfill({ json: { error: { code: 498, message: "Invalid token.", details: [] } } });
  await page.route(`${PORTAL_REST}community/self?**`, refuse);
  await page.route(`${PORTAL_REST}portals/self`, refuse);
  requests.length = 0;
  await startRequest(frame);
  await expect(out).toHaveText(/^error identity-manager:credential-request-failed/);
  // The app's token failed, and so did each of the two it got for its reports (each one silent
  // refresh); its next ask was refused.
  expect(requests.filter((path) => path.endsWith("/community/self"))).toHaveLength(1 + REPORTS_PER_WINDOW);
  const tokenCalls = (await portalLog()).filter((e) => e.path.endsWith("/oauth2/token"));
  expect(tokenCalls).toHaveLength(1 + REPORTS_PER_WINDOW); // the sign-in's code exchange, the refreshes
  // Asked again at once: one request, one refusal, nothing more.
  requests.length = 0;
  await startRequest(frame);
  await expect(out).toHaveText(/^error identity-manager:credential-request-failed/);
  expect(requests).toEqual(["/sharing/rest/community/self"]);
  expect(await dialogsIn(frame)).toEqual([]);
  expect(await sessionToken(page)).not.toBeNull();
});

test("the same app on an origin not in childOrigins gets silence, and sends nothing more", async ({
  page,
}) => {
  await openHost(page, "?listed=no");
  await signIn(page);
  const { frame, out, requests } = await embedApp(page);
  await startRequest(frame);
  await expect
    .poll(() => page.evaluate(() => (window as unknown as FixtureWindow).fixture.asks))
    .toEqual(["http://127.0.0.1:5174"]);
  const sent = requests.length;
  await page.evaluate(() => (window as unknown as FixtureWindow).fixture.probe());
  await expect
    .poll(() => frame.evaluate(() => (window as unknown as FixtureWindow).fixture.fromParent))
    .toEqual(["embedded-probe"]);
  await expect(out).toHaveText("waiting");
  expect(requests.length).toBe(sent);
  expect(sent).toBeLessThanOrEqual(2); // the anonymous request (499) and the SDK's portals/self
  expect(await dialogsIn(frame)).toEqual([]);
});
