/**
 * Security, a sign-in popup severed by Cross-Origin-Opener-Policy (docs/protocol.md §1): the
 * shell can no longer tell its popup by `event.source`, and the callback has no opener. Forged
 * answers must still change nothing, and an answer that falls back to the callback origin's
 * BroadcastChannel must be useless to any other page that catches it there.
 * The host fixture is served with the header through routing, as in e2e/shell-coop.spec.ts.
 */

import { CHILD_ORIGIN, HOST_ORIGIN, LOCAL_NETWORK_ACCESS_OFF } from "./fixtures/security-evil.ts";
import { ignoredCounts as ignored, pendingSignIn } from "./fixtures/security-signin.ts";
import { answerSignIn, PORTAL, resetPortal } from "./support/portal.ts";
import { expect, type Page, test } from "./support/test.ts";

test.use({ launchOptions: LOCAL_NETWORK_ACCESS_OFF });

const HOST = `${HOST_ORIGIN}/e2e/fixtures/shell-host.html`;
const CHANNEL = "arcgis-auth-shell/callback";

async function openWithCoop(page: Page, query = "") {
  await page.route(/\/e2e\/fixtures\/shell-host\.html/, async (route) => {
    const response = await route.fetch();
    await route.fulfill({
      response,
      headers: { ...response.headers(), "cross-origin-opener-policy": "same-origin" },
    });
  });
  await page.goto(`${HOST}${query}`);
}

/** A sign-in whose popup the browser has severed from the page (checked from inside the popup). */
async function severedSignIn(page: Page) {
  const pending = await pendingSignIn(page);
  expect(await pending.popup.evaluate(() => window.opener === null)).toBe(true);
  return pending;
}

test.beforeEach(() => resetPortal());

test("while the popup is severed, forged answers with the real state are still ignored", async ({ page }) => {
  await openWithCoop(page);
  const { popup, state } = await severedSignIn(page);
  const before = await ignored(page);
  await page.evaluate(
    ({ state, channelName }) => {
      const message = (s: string) => ({
        type: "arcgis-auth-shell/callback",
        version: 1,
        state: s,
        result: {
          kind: "token",
          token: "forged-token",
          expires: Date.now() + 3_600_000,
          username: "mallory",
          ssl: false,
        },
      });
      // The severed handle matches no window, so no window message can pass for the popup's …
      window.postMessage(message(state), location.origin);
      // … and on the channel the state is what counts.
      const channel = new BroadcastChannel(channelName);
      channel.postMessage(message("guessed-state"));
      channel.close();
    },
    { state, channelName: CHANNEL },
  );
  await expect
    .poll(() => ignored(page))
    .toEqual({ ...before, source: before.source + 1, state: before.state + 1 });
  await expect(page.locator("#result")).toHaveText("none");
  await answerSignIn(popup);
  await expect(page.locator("#result")).toHaveText("signed-in jsmith");
  expect(await page.evaluate(() => window.shell.session?.token)).not.toBe("forged-token");
});

test("a severed cross-origin callback's code, caught on its origin's channel, cannot be redeemed", async ({
  page,
  context,
}) => {
  // A compromised page on the callback's origin listens on the callback channel.
  const eavesdropper = await context.newPage();
  await eavesdropper.goto(`${CHILD_ORIGIN}/e2e/fixtures/security-frame.html`);
  await eavesdropper.evaluate((name) => {
    const caught: unknown[] = [];
    Object.assign(window, { caught });
    new BroadcastChannel(name).onmessage = (event) => caught.push(event.data);
  }, CHANNEL);

  await openWithCoop(page, "?callback=cross");
  const { popup } = await severedSignIn(page);
  await expect(page.locator("#result")).toHaveText("error popup-closed");
  await answerSignIn(popup); // the user signs in anyway in the popup that is still open
  type Caught = { result: { kind: string; code?: string } };
  await expect
    .poll(() => eavesdropper.evaluate(() => (window as unknown as { caught: Caught[] }).caught.length))
    .toBe(1);
  const caught = await eavesdropper.evaluate(() => (window as unknown as { caught: Caught[] }).caught[0]);
  expect(caught?.result.kind).toBe("code");
  // Without the PKCE verifier, which never left the shell, the code is worth nothing.
  const exchange = await eavesdropper.evaluate(
    async ({ portal, code, redirectUri }) => {
      const body = new URLSearchParams({
        client_id: "arcgis-auth-shell-demo",
        grant_type: "authorization_code",
        code,
        redirect_uri: redirectUri,
        code_verifier: "A".repeat(43),
      });
      return (await fetch(`${portal}/oauth2/token`, { method: "POST", body })).json();
    },
    { portal: PORTAL, code: caught?.result.code ?? "", redirectUri: `${CHILD_ORIGIN}/callback.html` },
  );
  expect(exchange.access_token).toBeUndefined();
  expect(JSON.stringify(exchange)).toMatch(/code_verifier/);
  await expect(page.locator("#session")).toHaveText("signed out");
});
