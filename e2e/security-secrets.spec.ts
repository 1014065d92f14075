/**
 * Security, where secrets show up (SECURITY.md): after a real sign-in (code flow
 * and implicit flow) and real use by a same-window app and a cross-origin iframe app, the token,
 * the authorization code and the state appear in no page URL, no history entry, no Referer
 * header, no console line and no error message; the token travels in request URLs only to the
 * portal and its federated server (the ArcGIS way), the code only to the callback page and the
 * portal's token endpoint.
 */

import {
  CHILD_ORIGIN,
  EVIL,
  HOST_ORIGIN,
  LOCAL_NETWORK_ACCESS_OFF,
  serveEvil,
} from "./fixtures/security-evil.ts";
import {
  answerSignIn,
  PARCELS_QUERY,
  PORTAL,
  portalLog,
  resetPortal,
  TREES_QUERY,
} from "./support/portal.ts";
import { expect, test } from "./support/test.ts";

test.use({ launchOptions: LOCAL_NETWORK_ACCESS_OFF });

type Fixture = {
  shell: import("../shell/index.ts").AuthShell;
  app: import("../sdk/index.ts").AuthClient;
};
const FRAME = `${CHILD_ORIGIN}/e2e/fixtures/sdk-frame.html?parent=${HOST_ORIGIN}`;
const TRUSTED_HOSTS = new Set(["localhost:4100", "localhost:4200"]);

test.beforeEach(() => resetPortal());

for (const flow of ["pkce", "implicit"] as const) {
  test(`${flow}: no token, code or state in page URLs, history, Referer headers or the console`, async ({
    page,
    context,
  }) => {
    const requests: Array<{ url: string; referer: string; body: string }> = [];
    context.on("request", (request) =>
      requests.push({
        url: request.url(),
        referer: request.headers().referer ?? "",
        body: request.postData() ?? "",
      }),
    );
    const consoleLines: string[] = [];
    context.on("console", (message) => consoleLines.push(message.text()));
    context.on("weberror", (error) => consoleLines.push(String(error.error())));

    await page.goto(
      `${HOST_ORIGIN}/e2e/fixtures/sdk-host.html?flow=${flow}&frame=${encodeURIComponent(FRAME)}`,
    );
    await expect(page.locator("#status")).toHaveText("ready");
    await expect(page.frameLocator("iframe").locator("#out")).toHaveText("connected");
    const historyBefore = await page.evaluate(() => history.length);
    const popup = page.waitForEvent("popup");
    await page.getByRole("button", { name: "Sign in" }).click();
    await answerSignIn(await popup);
    await expect(page.locator("#status")).toHaveText("signed in jsmith");

    // Use the session the ways apps do: portal, federated server, standalone server, from both apps.
    await page.evaluate(
      async (urls) => {
        const { app } = (window as unknown as { fixture: Fixture }).fixture;
        for (const url of urls) await (await app.fetch(url)).text();
      },
      [`${PORTAL}/community/self?f=json`, TREES_QUERY, PARCELS_QUERY],
    );
    const frame = page.frames().find((f) => f.url().startsWith(CHILD_ORIGIN));
    if (!frame) throw new Error("the iframe app is missing");
    await frame.evaluate(async (url) => {
      const { app } = (window as unknown as { fixture: Fixture }).fixture;
      await (await app.fetch(url)).text();
    }, TREES_QUERY);

    const token = await page.evaluate(
      () => (window as unknown as { fixture: Fixture }).fixture.shell.session?.token,
    );
    expect(token).toBeTruthy();
    const tokens = [
      ...new Set([
        token as string,
        ...(await portalLog()).map((e) => e.token).filter((t): t is string => !!t),
      ]),
    ];
    const urlOf = (prefix: string) => new URL(requests.find((r) => r.url.startsWith(prefix))?.url ?? prefix);
    const state = urlOf(`${PORTAL}/oauth2/authorize?`).searchParams.get("state") ?? "";
    const code = urlOf(`${HOST_ORIGIN}/callback.html`).searchParams.get("code");
    const secrets = [...tokens, state, ...(code ? [code] : [])];
    expect(state).toHaveLength(43);
    expect(code === null).toBe(flow === "implicit");

    // Page URLs and history: the sign-in added no entry and left nothing in any address.
    expect(await page.evaluate(() => history.length)).toBe(historyBefore);
    for (const f of page.frames()) for (const secret of secrets) expect(f.url()).not.toContain(secret);
    for (const request of requests) {
      for (const secret of secrets)
        expect(request.referer, `Referer of ${request.url}`).not.toContain(secret);
      const host = new URL(request.url).host;
      const isAuthorize = request.url.startsWith(`${PORTAL}/oauth2/authorize`);
      const isCallback = request.url.startsWith(`${HOST_ORIGIN}/callback.html`);
      for (const t of tokens)
        if (!TRUSTED_HOSTS.has(host)) expect(request.url + request.body).not.toContain(t);
      if (!isAuthorize && !isCallback) expect(request.url, request.url).not.toContain(state);
      if (code && !isCallback) {
        expect(request.url).not.toContain(code);
        if (!request.url.endsWith("/oauth2/token")) expect(request.body).not.toContain(code);
      }
    }
    // The console saw the shell's events and the browser's notes, never a secret.
    expect(consoleLines.some((line) => line.includes("shell event: signed-in"))).toBe(true);
    for (const line of consoleLines) for (const secret of secrets) expect(line).not.toContain(secret);
  });
}

/**
 * Runs in a page (serialized by Playwright, so nothing from outside): every failure of the shell's
 * (if the page has one) and the app's getToken and reportAuthError for each URL.
 */
async function collectFailures({ urls, token }: { urls: string[]; token: string }) {
  const { shell, app } = (window as unknown as { fixture: Partial<Fixture> }).fixture;
  const failures: Array<{ code?: string; message: string }> = [];
  const keep = (error: { code?: string; message: string }) => {
    failures.push({ code: error.code, message: error.message });
  };
  const resolved = () => keep({ message: "resolved" });
  for (const url of urls) {
    if (shell) {
      await shell.getToken(url).then(resolved, keep);
      await shell.reportAuthError({ url, token, code: 498 }).then(resolved, keep);
    }
    await app?.getToken(url).then(resolved, keep);
    await app?.reportAuthError({ code: 498 }, url).then(resolved, keep);
  }
  return failures;
}

test("error messages never repeat a token, even one the caller put in the URL", async ({ page, context }) => {
  await serveEvil(context, {
    "/arcgis/rest/info": { json: { owningSystemUrl: "http://localhost:4100" } },
  });
  await page.goto(`${HOST_ORIGIN}/e2e/fixtures/sdk-host.html?frame=${encodeURIComponent(FRAME)}`);
  await expect(page.frameLocator("iframe").locator("#out")).toHaveText("connected");
  const popup = page.waitForEvent("popup");
  await page.getByRole("button", { name: "Sign in" }).click();
  await answerSignIn(await popup);
  await expect(page.locator("#status")).toHaveText("signed in jsmith");
  const token = await page.evaluate(
    () => (window as unknown as { fixture: Fixture }).fixture.shell.session?.token ?? "",
  );
  const urls = [
    `${PARCELS_QUERY}&token=${token}`,
    `${EVIL}/sharing/rest/community/self?token=${token}`,
    `${EVIL}/arcgis/rest/services/X/FeatureServer/0/query?token=${token}`, // lies about its owner
  ];
  const fromHost = await page.evaluate(collectFailures, { urls, token });
  const frame = page.frames().find((f) => f.url().startsWith(CHILD_ORIGIN));
  if (!frame) throw new Error("the iframe app is missing");
  const fromFrame = await frame.evaluate(collectFailures, { urls, token });
  expect(fromHost.map((f) => f.code)).toEqual([
    ...["untrusted-server", "untrusted-server", "untrusted-server", "untrusted-server"],
    ...["untrusted-server", "untrusted-server", "untrusted-server", "untrusted-server"],
    ...["portal-error", "portal-error", "portal-error", "portal-error"],
  ]);
  expect(fromFrame.map((f) => f.code)).toEqual([
    ...["untrusted-server", "untrusted-server"],
    ...["untrusted-server", "untrusted-server"],
    ...["portal-error", "portal-error"],
  ]);
  for (const failure of [...fromHost, ...fromFrame]) expect(failure.message).not.toContain(token);
  // And nobody lost the session over it.
  await expect(page.locator("#status")).toHaveText("signed in jsmith");
});

test("a token endpoint that echoes the code and verifier: every waiter gets a fixed PortalError without them", async ({
  page,
  context,
}) => {
  const carried: string[] = [];
  // The real portal answers the exchange; its answer is replaced by an envelope that repeats
  // everything the request carried, in every field an ArcGIS error has.
  await context.route(`${PORTAL}/oauth2/token`, async (route) => {
    const form = new URLSearchParams(route.request().postData() ?? "");
    const code = form.get("code") ?? "";
    const verifier = form.get("code_verifier") ?? "";
    carried.push(code, verifier);
    await route.fetch();
    const said = `Invalid code ${code} for verifier ${verifier}`;
    await route.fulfill({
      json: {
        error: {
          code: 400,
          error: "invalid_grant",
          error_description: said,
          message: said,
          messageCode: `OAUTH_${code}`,
          details: [said, code, verifier],
        },
      },
      headers: { "access-control-allow-origin": HOST_ORIGIN },
    });
  });
  const consoleLines: string[] = [];
  context.on("console", (message) => consoleLines.push(message.text()));
  await page.goto(`${HOST_ORIGIN}/e2e/fixtures/sdk-host.html?frame=${encodeURIComponent(FRAME)}`);
  await expect(page.frameLocator("iframe").locator("#out")).toHaveText("connected");
  const frame = page.frames().find((f) => f.url().startsWith(CHILD_ORIGIN));
  if (!frame) throw new Error("the iframe app is missing");
  const popup = page.waitForEvent("popup");
  await page.getByRole("button", { name: "Sign in" }).click();
  // Both apps wait for that sign-in (it is under way, so no prompt), and share its outcome.
  const waitForToken = () => {
    const { app } = (window as unknown as { fixture: Fixture }).fixture;
    const describe = (error: Error & Record<string, unknown>) =>
      `${error.name}|${error.message}|${error.arcgisCode}|${error.messageCode}|${error.stack}|${JSON.stringify(error)}`;
    (window as unknown as { outcome: Promise<string> }).outcome = app
      .getToken()
      .then(() => "token", describe);
  };
  await page.evaluate(waitForToken);
  await frame.evaluate(waitForToken);
  await answerSignIn(await popup);
  await expect(page.locator("#status")).toHaveText("sign-in error portal-error");
  const outcomeOf = () => (window as unknown as { outcome: Promise<string> }).outcome;
  const outcomes = [await page.evaluate(outcomeOf), await frame.evaluate(outcomeOf)];
  expect(carried).toHaveLength(2);
  for (const outcome of outcomes) {
    expect(outcome).toMatch(/^PortalError\|The portal refused the request\.\|400\|undefined\|/);
    for (const secret of carried) expect(outcome).not.toContain(secret);
  }
  for (const line of consoleLines) for (const secret of carried) expect(line).not.toContain(secret);
});
