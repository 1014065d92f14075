/**
 * Security, where tokens go (docs/behaviour.md "Federation", SECURITY.md): look-alike URLs asked of
 * `shell.getToken`, of a micro-app's `getToken` and of its `fetch`. Real shell (sdk-host), real
 * portal, attacker hosts through routing (servers that lie or redirect: security-servers.spec.ts).
 * Every request the browser sends is recorded; no token may reach anything but the portal and its
 * federated server, and the portal's own log says who got a token.
 */

import { EVIL, LOCAL_NETWORK_ACCESS_OFF, serveEvil } from "./fixtures/security-evil.ts";
import {
  expectNoTokenOutside,
  type Fixture,
  openSignedIn,
  recordRequests,
} from "./fixtures/security-leaks.ts";
import { PORTAL, portalLog, resetPortal } from "./support/portal.ts";
import { expect, type Page, test } from "./support/test.ts";

test.use({ launchOptions: LOCAL_NETWORK_ACCESS_OFF });

/** What `shell.getToken`, the app's `getToken` and the app's `fetch` do with `url`. */
function attempt(page: Page, url: string) {
  return page.evaluate(async (url) => {
    const { shell, app } = (window as unknown as { fixture: Fixture }).fixture;
    const outcome = (p: Promise<unknown>) =>
      p.then(
        () => "token",
        (error: { code?: string; name?: string }) => error.code ?? error.name ?? "error",
      );
    const fetched = await app.fetch(url).then(
      (response) => `answered ${response.status}`,
      (error: Error) => error.name,
    );
    return {
      url,
      shell: await outcome(shell.getToken(url)),
      app: await outcome(app.getToken(url)),
      fetch: fetched,
    };
  }, url);
}

test.beforeEach(() => resetPortal());

test("URLs with userinfo or an @ before the portal's host get no token", async ({ page, context }) => {
  const seen = recordRequests(context);
  const evil = await serveEvil(context);
  await openSignedIn(page);
  const results = [];
  for (const url of [
    "http://localhost:4100@evil.test/sharing/rest/community/self?f=json",
    "http://jsmith:arcgis123@localhost:4100/sharing/rest/community/self?f=json",
    "http://evil.test\\@localhost:4100/sharing/rest/community/self?f=json",
  ])
    results.push(await attempt(page, url));
  expect(results.map(({ url, ...r }) => r)).toEqual([
    // fetch itself refuses URLs with credentials; the backslash makes evil.test the host.
    { shell: "untrusted-server", app: "untrusted-server", fetch: "TypeError" },
    { shell: "untrusted-server", app: "untrusted-server", fetch: "TypeError" },
    { shell: "untrusted-server", app: "untrusted-server", fetch: "answered 404" },
  ]);
  expect(evil.map((r) => new URL(r.url).pathname)).toEqual(["/@localhost:4100/sharing/rest/community/self"]);
  await expectNoTokenOutside(page, seen);
});

test("look-alike and percent-encoded hosts get no token; the real host in another spelling does", async ({
  page,
  context,
}) => {
  const seen = recordRequests(context);
  await serveEvil(context);
  await openSignedIn(page);
  const results = [];
  for (const url of [
    "http://localhost.evil.test:4100/sharing/rest/community/self?f=json",
    "http://localhost%2Eevil.test:4100/sharing/rest/community/self?f=json",
    "http://%6C%6F%63%61%6C%68%6F%73%74%2E%65%76%69%6C%2E%74%65%73%74/sharing/rest/community/self?f=json",
    "http://127.0.0.1:4100/sharing/rest/community/self?f=json",
  ])
    results.push(await attempt(page, url));
  expect(results.map(({ url, ...r }) => r)).toEqual([
    { shell: "untrusted-server", app: "untrusted-server", fetch: "answered 404" },
    { shell: "untrusted-server", app: "untrusted-server", fetch: "answered 404" },
    { shell: "untrusted-server", app: "untrusted-server", fetch: "answered 404" },
    // The same machine under another origin: sent, but anonymously (the portal answers 499 in its body).
    { shell: "untrusted-server", app: "untrusted-server", fetch: "answered 200" },
  ]);
  // Control: URL parsing decides, as fetch does, so the real portal spelled differently is the portal.
  for (const url of [
    "http://LOCALHOST:4100/sharing/rest/community/self?f=json",
    "http://%6Cocalhost:4100/sharing/rest/community/self?f=json",
  ])
    expect(await attempt(page, url)).toEqual({ url, shell: "token", app: "token", fetch: "answered 200" });
  await expectNoTokenOutside(page, seen);
  const anonymous = (await portalLog()).filter((e) => e.host === "127.0.0.1:4100");
  expect(anonymous.map((e) => e.token)).toEqual([null]);
});

test("the portal's host on another port, or its path on another server, gets no token", async ({
  page,
  context,
}) => {
  const seen = recordRequests(context);
  await openSignedIn(page);
  const results = [];
  for (const url of [
    "http://localhost:4101/sharing/rest/community/self?f=json",
    "http://localhost/sharing/rest/community/self?f=json",
    "http://localhost:4300/sharing/rest/community/self?f=json",
    "http://localhost:4200/sharing/rest/community/self?f=json",
  ])
    results.push((await attempt(page, url)).shell);
  expect(results).toEqual(["untrusted-server", "untrusted-server", "untrusted-server", "untrusted-server"]);
  await expectNoTokenOutside(page, seen);
});

test("https instead of http, and non-web schemes, get no token", async ({ page, context }) => {
  const seen = recordRequests(context);
  await openSignedIn(page);
  const results = [];
  for (const url of [
    "https://localhost:4100/sharing/rest/community/self?f=json",
    "blob:http://localhost:4100/0b0e8a62-5bd3-4a8e-9a0b-000000000000",
    "ws://localhost:4100/sharing/rest/community/self",
    "javascript:fetch('http://localhost:4100/sharing/rest')",
  ])
    results.push({ shell: (await attempt(page, url)).shell });
  expect(results).toEqual(Array(4).fill({ shell: "untrusted-server" }));
  await expectNoTokenOutside(page, seen);
});

test("a URL that only contains the portal's path or address gets no token", async ({ page, context }) => {
  const seen = recordRequests(context);
  const evil = await serveEvil(context);
  await openSignedIn(page);
  const results = [];
  for (const url of [
    `${EVIL}/sharing/rest/community/self?f=json`,
    `${EVIL}/localhost:4100/sharing/rest/community/self?f=json`,
    `${EVIL}/?next=${encodeURIComponent(`${PORTAL}/community/self`)}`,
    `${EVIL}/#${PORTAL}/community/self`,
  ])
    results.push(await attempt(page, url));
  for (const result of results)
    expect(result).toEqual({
      url: result.url,
      shell: "untrusted-server",
      app: "untrusted-server",
      fetch: "answered 404",
    });
  // The app's fetch still went out (the caller asked for it), each time without a token.
  expect(evil).toHaveLength(4);
  await expectNoTokenOutside(page, seen);
});

test("a path with %2f, %5c or %2e gets no token, not even one the app already holds for that root", async ({
  page,
}) => {
  await openSignedIn(page);
  // The app now holds the portal token and the federated server's token in its cache.
  await page.evaluate(async (url) => {
    const { app } = (window as unknown as { fixture: Fixture }).fixture;
    await app.getToken(`${url}/community/self`);
  }, PORTAL);
  const since = Date.now();
  const results = [];
  for (const url of [
    `${PORTAL}/..%2f..%2fcommunity/self?f=json`,
    `${PORTAL}/community%2Fself?f=json`,
    `${PORTAL}/%2e%2e/rest/community/self?f=json`,
    "http://localhost:4200/arcgis/rest/services/Trees%5cFeatureServer/0/query?where=1%3D1&f=json",
    "http://localhost:4200/arcgis/rest/services/%2E%2E/Trees/FeatureServer/0/query?where=1%3D1&f=json",
  ])
    results.push(await attempt(page, url));
  for (const { shell, app, fetch } of results) {
    expect([shell, app]).toEqual(["untrusted-server", "untrusted-server"]);
    expect(fetch).toMatch(/^answered \d+$/); // the app's fetch went out, anonymously
  }
  const sent = (await portalLog()).filter((e) => e.time >= since);
  expect(sent).toHaveLength(5);
  expect(sent.map((e) => e.token)).toEqual(Array(5).fill(null));
});
