/**
 * The ArcGIS Maps SDK (real, unmodified @arcgis/core 5.1) bound to the shell with
 * `bindIdentityManager` (README "Maps SDK"), on one page with an SDK fetch app and a rest-js app.
 * Every spec ends by checking that the Maps SDK never created its own sign-in dialog.
 */

import {
  answerSignIn,
  countPopups,
  expireTokens,
  type PortalLogEntry,
  portalLog,
  resetPortal,
  signInThroughPrompt,
} from "./support/portal.ts";
import { expect, type Page, test } from "./support/test.ts";

const HOST = "http://localhost:5173";
const TREES = "http://localhost:4200/arcgis/rest/services/Trees/FeatureServer/0";

type Fixture = Record<string, (...args: never[]) => unknown>;
/** What `fixture.attempt(name)` resolves to: the value, or the Maps SDK error and what it wraps. */
type Outcome = { value: unknown } | { error: string; message: string; cause: string | number | null };
/** Calls `window.fixture[name](...args)` in the page (see e2e/fixtures/maps-host.ts). */
const call = <T>(page: Page, name: string, ...args: unknown[]) =>
  page.evaluate(
    ([name, args]) => (window as unknown as { fixture: Fixture }).fixture[name]!(...(args as never[])),
    [name, args] as const,
  ) as Promise<T>;

const treesRequests = (log: PortalLogEntry[], since = 0) =>
  log.filter((e) => e.time >= since && e.host === "localhost:4200" && e.path.includes("/Trees/"));

/** The bodies of the page's requests to `path` on the portal, as they leave the browser. */
function formsSentTo(page: Page, path: string): URLSearchParams[] {
  const forms: URLSearchParams[] = [];
  page.on("request", (request) => {
    if (new URL(request.url()).pathname.endsWith(path))
      forms.push(new URLSearchParams(request.postData() ?? ""));
  });
  return forms;
}

test.beforeEach(() => resetPortal());
test.afterEach(async ({ page }) => {
  expect(await call<number>(page, "dialogCreates"), "Maps SDK dialog-create events").toBe(0);
});

/** How many trees the server holds, as the SDK fetch app reads them (a different client). */
async function treeCount(page: Page): Promise<number> {
  const count = await call<number>(page, "fetchTrees");
  expect(count).toBeGreaterThan(0);
  return count;
}

/** Opens the fixture (PKCE) and signs in through the shell's popup. */
async function openSignedIn(page: Page) {
  await page.goto(`${HOST}/e2e/fixtures/maps-host.html`);
  await expect(page.locator("#status")).toHaveText("ready", { timeout: 20_000 });
  const popup = page.waitForEvent("popup");
  await page.getByRole("button", { name: "Sign in" }).click();
  await answerSignIn(await popup);
  await expect(page.locator("#status")).toHaveText("signed in jsmith");
}

test("after sign-in the Maps SDK queries the federated layer with the shell's token, never generating one", async ({
  page,
}) => {
  const generateTokenForms = formsSentTo(page, "/sharing/rest/generateToken");
  await openSignedIn(page);
  const trees = await treeCount(page);
  const before = Date.now();
  expect(await call<number>(page, "mapTrees")).toBe(trees);
  const serverToken = await call<string>(page, "tokenFor", TREES);
  const log = await portalLog();
  // The Maps SDK's own first try goes out anonymously; its 499 asks the shell, and from then on
  // every request carries the shell's server token.
  const tokens = treesRequests(log, before).map((e) => e.token);
  expect(tokens[0]).toBeNull();
  expect(tokens.slice(1)).toEqual(Array(tokens.length - 1).fill(serverToken));
  expect(treesRequests(log, before).at(-1)?.path).toMatch(/\/query$/);
  // The one generateToken is the shell's (token + serverUrl); the Maps SDK's would say request=getToken.
  expect(log.filter((e) => e.path.endsWith("/generateToken"))).toHaveLength(1);
  expect(generateTokenForms.map((form) => form.get("request"))).toEqual([null]);
  await expect(page.getByRole("dialog")).toHaveCount(0);
});

test("after /__admin/expire with dead refresh tokens, the Maps SDK, fetch and rest-js apps recover through one popup", async ({
  page,
}) => {
  await openSignedIn(page);
  const trees = await treeCount(page);
  const apps = ["mapTrees", "fetchTrees", "restTrees"];
  for (const app of apps) expect(await call<number>(page, app)).toBe(trees);
  const popups = countPopups(page);
  await expireTokens(true);
  const results = Promise.all(apps.map((app) => call<number>(page, app)));
  await signInThroughPrompt(page, /session has expired/i);
  expect(await results).toEqual([trees, trees, trees]);
  expect(popups.count).toBe(1);
});

test("after /__admin/expire with live refresh tokens, the Maps SDK recovers silently and resends once", async ({
  page,
}) => {
  await openSignedIn(page);
  const trees = await treeCount(page);
  expect(await call<number>(page, "mapTrees")).toBe(trees);
  const stale = await call<string>(page, "tokenFor", TREES);
  const popups = countPopups(page);
  await expireTokens();
  const expiredAt = Date.now();
  expect(await call<number>(page, "mapTrees")).toBe(trees);
  const log = await portalLog();
  const fresh = await call<string>(page, "tokenFor", TREES);
  expect(fresh).not.toBe(stale);
  expect(treesRequests(log, expiredAt).map((e) => e.token)).toEqual([stale, fresh]);
  expect(log.filter((e) => e.time >= expiredAt && e.path.endsWith("/oauth2/token"))).toHaveLength(1);
  expect(popups.count).toBe(0);
  await expect(page.getByRole("dialog")).toHaveCount(0);
});

test("a 498 on a token the shell has already replaced gets the current token at once, with no second recovery", async ({
  page,
}) => {
  await openSignedIn(page);
  const trees = await treeCount(page);
  expect(await call<number>(page, "mapTrees")).toBe(trees);
  const stale = await call<string>(page, "tokenFor", TREES);
  await expireTokens();
  const expiredAt = Date.now();
  // The fetch app meets the expiry first: its report refreshes the session and the server token.
  expect(await call<number>(page, "fetchTrees")).toBe(trees);
  const fresh = await call<string>(page, "tokenFor", TREES);
  const recovered = (await portalLog()).length;
  // The Maps SDK still holds the old token: its 498 is stale, so it is answered without a report.
  expect(await call<number>(page, "mapTrees")).toBe(trees);
  const log = await portalLog();
  expect(log.filter((e) => e.time >= expiredAt && e.path.endsWith("/oauth2/token"))).toHaveLength(1);
  const afterRecovery = log.slice(recovered);
  expect(treesRequests(afterRecovery).map((e) => e.token)).toEqual([stale, fresh]);
  expect(afterRecovery.filter((e) => e.host === "localhost:4100")).toEqual([]);
});

test("a server that refuses every token gets one resend, then the Maps SDK request fails", async ({
  page,
}) => {
  await openSignedIn(page);
  expect(await call<number>(page, "mapTrees")).toBe(await treeCount(page));
  let refused = 0;
  await page.route(`${TREES}/query?*`, (route) => {
    refused++;
    return route.fulfill({ json: { error: { code: 498, message: "Invalid token.", details: [] } } });
  });
  // The server's own 498 comes back once the one resend has failed too; no third try.
  expect(await call<Outcome>(page, "attempt", "mapTrees")).toMatchObject({ cause: 498 });
  expect(refused).toBe(2);
});

test("an untrusted standalone layer rejects without any dialog and the standalone server never sees a token", async ({
  page,
}) => {
  await openSignedIn(page);
  expect(await call<Outcome>(page, "attempt", "mapParcels")).toMatchObject({ cause: "untrusted-server" });
  const standalone = (await portalLog()).filter((e) => e.host === "localhost:4300");
  expect(standalone.length).toBeGreaterThan(0);
  expect(standalone.map((e) => e.token)).toEqual(standalone.map(() => null));
  await expect(page.getByRole("dialog")).toHaveCount(0);
});

test("on sign-out the shell alone revokes, the Maps SDK keeps no token and its next request is anonymous", async ({
  page,
}) => {
  const revoked = formsSentTo(page, "/oauth2/revokeToken");
  await openSignedIn(page);
  expect(await call<number>(page, "mapTrees")).toBe(await treeCount(page));
  expect(await call<string[]>(page, "mapsTokens")).not.toEqual([]);
  await call(page, "signOut");
  await expect(page.locator("#status")).toHaveText("signed out");
  await expect.poll(() => call<string[]>(page, "mapsTokens")).toEqual([]);
  // The shell revokes its access and refresh tokens, each once; nothing else is revoked.
  await expect.poll(() => revoked.length).toBe(2);
  expect(new Set(revoked.map((form) => form.get("auth_token"))).size).toBe(2);
  const signedOutAt = Date.now();
  const next = call<Outcome>(page, "attempt", "mapTrees");
  // Anonymous, answered 499: the Maps SDK asks the shell, which asks the user (its own dialog).
  const dialog = page.getByRole("dialog", { name: /sign in/i });
  await expect(dialog).toBeVisible();
  expect(treesRequests(await portalLog(), signedOutAt).map((e) => e.token)).toEqual([null]);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  // The user's Cancel reaches the Maps SDK app as the shell's typed error.
  expect(await next).toMatchObject({ cause: "access-denied" });
  expect(revoked).toHaveLength(2);
});

test("unbind() gives the IdentityManager back its own methods and drops the shell's credentials", async ({
  page,
}) => {
  await openSignedIn(page);
  expect(await call<number>(page, "mapTrees")).toBe(await treeCount(page));
  const restored = await call<boolean>(page, "unbindAndCheck");
  expect(restored).toBe(true);
  expect(await call<string[]>(page, "mapsTokens")).toEqual([]);
});
