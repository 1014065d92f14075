/**
 * Security, servers that try to get a token (docs/behaviour.md "Federation"): one that claims the
 * portal as its owner in `rest/info`, and a trusted server that redirects a request elsewhere.
 * Real shell (sdk-host), real portal; the standalone server on :4300 stands in for the attacker
 * where the browser must really send a request (Playwright's router does not see requests that
 * follow a fulfilled redirect), since the portal logs every token any of its servers receives.
 */

import { EVIL, HOST_ORIGIN, LOCAL_NETWORK_ACCESS_OFF, serveEvil } from "./fixtures/security-evil.ts";
import {
  expectNoTokenOutside,
  type Fixture,
  openSignedIn,
  recordRequests,
} from "./fixtures/security-leaks.ts";
import { PARCELS_QUERY, PORTAL, portalLog, resetPortal, TREES_QUERY } from "./support/portal.ts";
import { expect, test } from "./support/test.ts";

test.use({ launchOptions: LOCAL_NETWORK_ACCESS_OFF });

test.beforeEach(() => resetPortal());

test("a server that claims the portal as its owner gets no token: the portal refuses to issue one", async ({
  page,
  context,
}) => {
  const seen = recordRequests(context);
  const evil = await serveEvil(context, {
    "/arcgis/rest/info": {
      json: {
        currentVersion: 11.3,
        owningSystemUrl: "http://localhost:4100",
        authInfo: { isTokenBasedSecurity: true, tokenServicesUrl: `${PORTAL}/generateToken` },
      },
    },
  });
  await openSignedIn(page);
  const url = `${EVIL}/arcgis/rest/services/Steal/FeatureServer/0/query?where=1%3D1&f=json`;
  const outcome = await page.evaluate(async (url) => {
    const { shell, app } = (window as unknown as { fixture: Fixture }).fixture;
    const describe = (error: { code?: string; message?: string }) => ({
      code: error.code,
      message: error.message,
    });
    return {
      shell: await shell.getToken(url).then(() => null, describe),
      app: await app.getToken(url).then(() => null, describe),
      fetch: await app.fetch(url).then(() => null, describe),
      token: shell.session?.token ?? "",
    };
  }, url);
  expect([outcome.shell?.code, outcome.app?.code, outcome.fetch?.code]).toEqual([
    "portal-error",
    "portal-error",
    "portal-error",
  ]);
  for (const failure of [outcome.shell, outcome.app, outcome.fetch])
    expect(failure?.message).not.toContain(outcome.token);
  // The lying server was only asked who owns it (once; the verdict is cached), never sent the query.
  expect(evil.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual(["POST /arcgis/rest/info"]);
  const generate = (await portalLog()).filter((e) => e.path.endsWith("/generateToken"));
  expect(generate.length).toBeGreaterThan(0);
  await expectNoTokenOutside(page, seen);
  // The session survived: a refused generateToken for a foreign server is not a failed portal token.
  await expect(page.locator("#status")).toHaveText("signed in jsmith");
  expect(
    await page.evaluate(() => (window as unknown as { fixture: Fixture }).fixture.shell.session?.token),
  ).toBe(outcome.token);
});

test("a trusted server redirecting a GET elsewhere does not take the token along", async ({
  page,
  context,
}) => {
  // The federated server answers 307 to the standalone (untrusted) server, which logs any token it gets.
  await context.route(/localhost:4200\/arcgis\/rest\/services\/Trees\/FeatureServer\/0\/query/, (route) =>
    route.fulfill({
      status: 307,
      headers: { location: PARCELS_QUERY, "access-control-allow-origin": HOST_ORIGIN },
    }),
  );
  await openSignedIn(page);
  const token = await page.evaluate(async (url) => {
    const { app } = (window as unknown as { fixture: Fixture }).fixture;
    await app.fetch(url).catch(() => null);
    return app.getToken(url);
  }, TREES_QUERY);
  const standalone = (await portalLog()).filter((e) => e.host === "localhost:4300");
  expect(standalone.map((e) => e.token)).toEqual([null]);
  expect(token).toBeTruthy();
});
