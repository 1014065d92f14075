/**
 * Interop with the real @esri/arcgis-rest-request 4.10.2: `request()` with
 * `client.authentication`, and `ArcGISIdentityManager.fromParent` in a cross-origin iframe.
 */

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
const frameUrl = (mode: string) =>
  `http://127.0.0.1:5174/e2e/fixtures/sdk-frame.html?parent=http://localhost:5173&mode=${mode}`;

test.beforeEach(() => resetPortal());

async function open(page: Page, frames: string[] = []) {
  const query = frames.map((f) => `frame=${encodeURIComponent(f)}`).join("&");
  await page.goto(`${HOST}/e2e/fixtures/sdk-host.html?${query}`);
  await expect(page.locator("#status")).toHaveText("ready");
}

async function signIn(page: Page) {
  const popup = page.waitForEvent("popup");
  await page.getByRole("button", { name: "Sign in" }).click();
  await answerSignIn(await popup);
  await expect(page.locator("#status")).toHaveText("signed in jsmith");
}

const restRequest = (page: Page) =>
  page.evaluate(async (url) => {
    type Fixture = {
      app: { authentication: unknown };
      request(url: string, o: object): Promise<{ features: unknown[] }>;
    };
    const { app, request } = (window as unknown as { fixture: Fixture }).fixture;
    const answer = await request(url.split("?")[0]!, {
      authentication: app.authentication,
      params: { where: "1=1", outFields: "*" },
    });
    return answer.features.length;
  }, TREES_QUERY);

test("request() with client.authentication reads the federated layer and recovers from 498", async ({
  page,
}) => {
  await open(page);
  await signIn(page);
  const popups = countPopups(page);
  expect(await restRequest(page)).toBeGreaterThan(0);
  await expireTokens(); // PKCE: the coordinated retry refreshes silently
  expect(await restRequest(page)).toBeGreaterThan(0);
  expect(popups.count).toBe(0);
});

test("fromParent in an allowed cross-origin iframe receives the credential and can use it", async ({
  page,
}) => {
  await open(page);
  await signIn(page);
  await page.evaluate((src) => {
    const frame = document.createElement("iframe");
    frame.src = src;
    document.body.append(frame);
  }, frameUrl("restjs"));
  await expect(page.frameLocator("iframe").locator("#out")).toHaveText("credential jsmith jsmith");
});

test("with no session, the fromParent child waits for the coordinated sign-in instead of failing", async ({
  page,
}) => {
  await open(page, [frameUrl("restjs")]);
  const frameOut = page.frameLocator("iframe").locator("#out");
  await expect(frameOut).toHaveText("waiting");
  const dialog = page.getByRole("dialog", { name: /session has expired|sign in/i });
  await expect(dialog).toBeVisible();
  const popup = page.waitForEvent("popup");
  await dialog.getByRole("button", { name: "Sign in" }).click();
  await answerSignIn(await popup);
  await expect(frameOut).toHaveText("credential jsmith jsmith");
});

test("a fromParent child whose iframe reloads gets the same credential each time, no re-sign-in", async ({
  page,
}) => {
  await open(page);
  await signIn(page);
  const token = () =>
    page.evaluate(
      () =>
        (window as unknown as { fixture: { shell: { session: { token: string } | null } } }).fixture.shell
          .session?.token,
    );
  const before = await token();
  const popups = countPopups(page);
  await page.evaluate((src) => {
    const frame = document.createElement("iframe");
    frame.src = src;
    document.body.append(frame);
  }, frameUrl("restjs"));
  const frameOut = page.frameLocator("iframe").locator("#out");
  await expect(frameOut).toHaveText("credential jsmith jsmith");
  // The same iframe (the same window to the shell) asks again after each reload: the portal
  // confirms the token is still good, and the child gets it again.
  const child = page.frames().find((f) => f.url().includes("sdk-frame")) as Frame;
  for (let reload = 0; reload < 3; reload++) {
    await child.goto(child.url());
    await expect(frameOut).toHaveText("credential jsmith jsmith");
  }
  expect(await token()).toBe(before);
  expect(popups.count).toBe(0);
  const tokenCalls = (await portalLog()).filter((e) => e.path.endsWith("/oauth2/token"));
  expect(tokenCalls).toHaveLength(1); // the sign-in's code exchange: no refresh, no re-sign-in
});
