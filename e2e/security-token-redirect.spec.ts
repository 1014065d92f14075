/**
 * A token never follows a redirect (SECURITY.md): `client.fetch` sends a token in a POST body or
 * in the `X-Esri-Authorization` header only with `redirect: "error"`, so a trusted server's
 * 307/308 to another origin cannot carry it there. (A GET's token stays in the URL that was
 * redirected; see security-servers.spec.ts.)
 */

import { HOST_ORIGIN, LOCAL_NETWORK_ACCESS_OFF } from "./fixtures/security-evil.ts";
import { answerSignIn, PARCELS_QUERY, portalLog, resetPortal, TREES_QUERY } from "./support/portal.ts";
import { expect, test } from "./support/test.ts";

test.use({ launchOptions: LOCAL_NETWORK_ACCESS_OFF });

type Fixture = { app: import("../sdk/index.ts").AuthClient; shell: import("../shell/index.ts").AuthShell };

test.beforeEach(() => resetPortal());

for (const [name, init] of [
  [
    "form POST",
    {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "where=1%3D1&f=json",
    },
  ],
  ["JSON POST", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }],
] as const) {
  test(`a trusted server's 307 to another origin does not carry the token there (${name})`, async ({
    page,
    context,
  }) => {
    await context.route(/localhost:4200\/arcgis\/rest\/services\/Trees\/FeatureServer\/0\/query/, (route) =>
      route.request().method() === "OPTIONS"
        ? route.fallback()
        : route.fulfill({
            status: 307,
            headers: { location: PARCELS_QUERY, "access-control-allow-origin": HOST_ORIGIN },
          }),
    );
    await page.goto(`${HOST_ORIGIN}/e2e/fixtures/sdk-host.html`);
    const popup = page.waitForEvent("popup");
    await page.getByRole("button", { name: "Sign in" }).click();
    await answerSignIn(await popup);
    await expect(page.locator("#status")).toHaveText("signed in jsmith");
    const outcome = await page.evaluate(
      async ({ url, init }) => {
        const { app } = (window as unknown as { fixture: Fixture }).fixture;
        const token = await app.getToken(url);
        const status = await app.fetch(url, init).then(
          (r) => `answered ${r.status}`,
          (e: Error) => e.name,
        );
        return { token, status };
      },
      { url: TREES_QUERY, init },
    );
    expect(outcome.token).toBeTruthy();
    // The untrusted server logs every token it receives (it stands in for the attacker's server:
    // Playwright's router does not see requests that follow a fulfilled redirect).
    const standalone = (await portalLog()).filter((e) => e.host === "localhost:4300");
    expect(standalone.map((e) => e.token)).not.toContain(outcome.token);
  });
}
