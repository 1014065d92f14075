/**
 * Security of the local portal on a developer's machine (examples/portal/README.md): web pages
 * the developer visits while it runs must not read its tokens or drive its test controls.
 * Chromium's Local Network Access checks are off, as in browsers that have none.
 */

import { EVIL, LOCAL_NETWORK_ACCESS_OFF, serveEvil } from "./fixtures/security-evil.ts";
import { ADMIN, PORTAL, resetPortal } from "./support/portal.ts";
import { expect, test } from "./support/test.ts";

/**
 * A name of the attacker's that its DNS now answers with 127.0.0.1 (DNS rebinding). The browser
 * reaches the servers through the worker's proxy (e2e/support/test.ts), which plays that DNS.
 */
const REBOUND_NAME = "rebind.test";

test.use({ launchOptions: LOCAL_NETWORK_ACCESS_OFF, loopbackNames: [REBOUND_NAME] });

test.beforeEach(() => resetPortal());

/** Signs jsmith in through the portal's form, as the browser would post it: the access token. */
async function signInToken(): Promise<string> {
  const response = await fetch(`${PORTAL}/oauth2/authorize`, {
    method: "POST",
    redirect: "manual",
    body: new URLSearchParams({
      client_id: "arcgis-auth-shell-demo",
      response_type: "token",
      redirect_uri: "http://localhost:5173/callback.html",
      state: "state-1",
      username: "jsmith",
      password: "arcgis123",
      action: "signin",
    }),
  });
  const token = new URLSearchParams(new URL(response.headers.get("location") ?? "").hash.slice(1)).get(
    "access_token",
  );
  expect(token).toBeTruthy();
  return token ?? "";
}

const usernameOf = async (token: string) =>
  ((await (await fetch(`${PORTAL}/community/self?f=json&token=${token}`)).json()) as { username?: string })
    .username;

test("a page on a rebound name reads nothing from any server: 403 for its Host", async ({
  page,
  context,
}) => {
  const token = await signInToken();
  expect(await usernameOf(token)).toBe("jsmith"); // the request log now holds the token
  for (const port of [4100, 4200, 4300]) {
    const origin = `http://${REBOUND_NAME}:${port}`;
    // The attacker's page, served while the name still pointed at the attacker; every request
    // after it goes to 127.0.0.1, same-origin for the page.
    await context.route(`${origin}/attack`, (route) =>
      route.fulfill({ contentType: "text/html", body: "<!doctype html><title>attack</title>" }),
    );
    await page.goto(`${origin}/attack`);
    const read = await page.evaluate(async () => {
      const paths = ["/__admin/log", "/sharing/rest/info?f=json", "/arcgis/rest/info?f=json"];
      return Promise.all(
        paths.map(async (path) => {
          const response = await fetch(path);
          return { status: response.status, body: await response.text() };
        }),
      );
    });
    for (const { status, body } of read) {
      expect(status, origin).toBe(403);
      expect(JSON.parse(body)).toMatchObject({ error: { code: 403 } });
      expect(body).not.toContain(token);
    }
  }
});

test("a page on another site cannot expire or reset the portal through its test controls", async ({
  page,
  context,
}) => {
  const token = await signInToken();
  await serveEvil(context, { "/csrf": { html: "<!doctype html><title>csrf</title>" } });
  await page.goto(`${EVIL}/csrf`);
  const sent = await page.evaluate(async (admin) => {
    const simple: RequestInit = { method: "POST", mode: "no-cors" };
    const attempts = [
      // No preflight for these: the browser sends them as they are.
      fetch(`${admin}/expire`, { ...simple, body: JSON.stringify({ refresh: true }) }),
      fetch(`${admin}/expire`, { ...simple, body: new URLSearchParams({ refresh: "true" }) }),
      fetch(`${admin}/reset`, simple),
      // A JSON body needs a preflight, which the portal refuses this origin.
      fetch(`${admin}/expire`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{}",
      }).catch(() => "refused"),
    ];
    return (await Promise.all(attempts)).map((answer) => (typeof answer === "string" ? answer : answer.type));
  }, ADMIN);
  expect(sent).toEqual(["opaque", "opaque", "opaque", "refused"]);
  expect(await usernameOf(token)).toBe("jsmith");
});
