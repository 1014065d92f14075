/**
 * Security, the shell is no probe (shell/README.md "Federation"): an app that names servers makes
 * the shell ask their `rest/info`, so what the app learns from that, what the request carries,
 * and how many it can start are bounded. Real shell (sdk-host) with a same-window app and a
 * cross-origin iframe app; attacker hosts through routing (e2e/fixtures/security-evil.ts).
 * No sign-in is needed: the shell decides trust before it looks at the session.
 */

import {
  CHILD_ORIGIN,
  EVIL,
  type EvilAnswer,
  HOST_ORIGIN,
  LOCAL_NETWORK_ACCESS_OFF,
  serveEvil,
} from "./fixtures/security-evil.ts";
import type { Fixture } from "./fixtures/security-leaks.ts";
import { expect, type Frame, type Page, test } from "./support/test.ts";

test.use({ launchOptions: LOCAL_NETWORK_ACCESS_OFF });

const FRAME = `${CHILD_ORIGIN}/e2e/fixtures/sdk-frame.html?parent=${HOST_ORIGIN}`;

async function openHost(page: Page): Promise<Frame> {
  await page.goto(`${HOST_ORIGIN}/e2e/fixtures/sdk-host.html?frame=${encodeURIComponent(FRAME)}`);
  await expect(page.locator("#status")).toHaveText("ready");
  await expect(page.frameLocator("iframe").locator("#out")).toHaveText("connected");
  const frame = page.frames().find((f) => f.url().startsWith(CHILD_ORIGIN));
  if (!frame) throw new Error("the iframe app is missing");
  return frame;
}

/** Runs in a page: how `app.getToken(url)` (and the shell's, if there) fails, everything readable. */
async function failuresOf(urls: string[]) {
  const { shell, app } = (window as unknown as { fixture: Partial<Fixture> }).fixture;
  const describe = (error: Error & Record<string, unknown>) => ({
    name: error.name,
    code: error.code,
    message: error.message,
    keys: Object.keys(error).sort(),
    text: `${String(error)} ${error.stack ?? ""} ${JSON.stringify(error)}`,
  });
  const out = [];
  for (const url of urls) {
    if (shell) out.push(await shell.getToken(url).then(() => null, describe));
    out.push(await app?.getToken(url).then(() => null, describe));
  }
  return out;
}

test("an unknown server's odd status and text never reach the app: only UntrustedServerError", async ({
  page,
  context,
}) => {
  const banner = "Apache/2.4.1 (intranet) at 10.1.2.3 - internal-wiki";
  const answers: Record<string, EvilAnswer> = {
    "/teapot/rest/info": { status: 418, headers: { "content-type": "text/plain" }, body: banner },
    "/moved/rest/info": { status: 299, headers: { "content-type": "text/html" }, body: `<h1>${banner}</h1>` },
    "/down/rest/info": { status: 503, body: banner },
    "/envelope/rest/info": {
      json: { error: { code: 403, messageCode: "GWM_0003", message: banner, details: [banner] } },
    },
    "/page/rest/info": { html: `<title>${banner}</title>` },
  };
  const evil = await serveEvil(context, answers);
  const frame = await openHost(page);
  const urls = Object.keys(answers).map(
    (path) => `${EVIL}${path.replace("/rest/info", "")}/rest/services/X/FeatureServer/0`,
  );
  const fromHost = await page.evaluate(failuresOf, urls);
  const fromFrame = await frame.evaluate(failuresOf, urls);
  // Every rest/info was asked (the servers did answer), and each answer stayed in the shell.
  for (const path of Object.keys(answers)) expect(evil.some((r) => r.url === `${EVIL}${path}`)).toBe(true);
  expect(fromHost).toHaveLength(urls.length * 2);
  expect(fromFrame).toHaveLength(urls.length);
  for (const failure of [...fromHost, ...fromFrame]) {
    expect(failure).toMatchObject({
      name: "UntrustedServerError",
      code: "untrusted-server",
      message: "Untrusted server.",
      keys: ["code", "name"],
    });
    for (const leak of ["418", "299", "503", "403", "GWM", "Apache", "10.1.2.3", "wiki", "evil"])
      expect(failure?.text).not.toContain(leak);
  }
});

test("rest/info goes without cookies, even to a server on the page's own origin", async ({
  page,
  context,
}) => {
  await context.addCookies([{ name: "host-session", value: "cookie-value", url: HOST_ORIGIN }]);
  const cookies: Array<string | null> = [];
  await context.route(`${HOST_ORIGIN}/gis/rest/info`, async (route) => {
    cookies.push(await route.request().headerValue("cookie"));
    await route.fulfill({ json: { owningSystemUrl: "http://elsewhere.example" } });
  });
  await openHost(page);
  const outcome = await page.evaluate(async (url) => {
    const { app } = (window as unknown as { fixture: Fixture }).fixture;
    // The same request as the page's own code would send it: same-origin, so with the cookie.
    await fetch("/gis/rest/info", { method: "POST", body: new URLSearchParams({ f: "json" }) });
    return app.getToken(url).then(
      () => "token",
      (error: { code?: string }) => error.code,
    );
  }, `${HOST_ORIGIN}/gis/rest/services/X/FeatureServer/0`);
  expect(outcome).toBe("untrusted-server");
  expect(cookies).toEqual(["host-session=cookie-value", null]);
});

test("one app channel may look up 20 new servers a minute; the 21st is refused without a request", async ({
  page,
  context,
}) => {
  const evil = await serveEvil(context);
  const frame = await openHost(page);
  const serviceOf = (n: number) => `${EVIL}/r${n}/rest/services/X/FeatureServer/0`;
  const codes = await page.evaluate(
    async (urls) => {
      const { app } = (window as unknown as { fixture: Fixture }).fixture;
      const codeOf = (error: { code?: string }) => error.code;
      const out = [];
      for (const url of urls) out.push(await app.getToken(url).then(() => "token", codeOf));
      return out;
    },
    Array.from({ length: 21 }, (_, n) => serviceOf(n + 1)),
  );
  expect(codes).toEqual(Array(21).fill("untrusted-server"));
  const lookups = () => evil.filter((r) => r.url.endsWith("/rest/info")).map((r) => new URL(r.url).pathname);
  expect(lookups()).toEqual(Array.from({ length: 20 }, (_, n) => `/r${n + 1}/rest/info`));

  // The budget is the channel's own: the iframe app's lookup of the same root goes out.
  const fromFrame = await frame.evaluate(async (url) => {
    const { app } = (window as unknown as { fixture: Fixture }).fixture;
    return app.getToken(url).then(
      () => "token",
      (error: { code?: string }) => error.code,
    );
  }, serviceOf(21));
  expect(fromFrame).toBe("untrusted-server");
  expect(lookups().at(-1)).toBe("/r21/rest/info");
  expect(lookups()).toHaveLength(21);
});
