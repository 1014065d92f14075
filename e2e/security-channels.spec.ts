/**
 * Security, app channels (docs/protocol.md §2–§5): a hostile iframe on another origin trying the
 * SDK handshake and ArcGIS's embedded-app protocol, and a compromised micro-app on an allowed
 * origin sending raw Comlink messages on the real shell's port. Real shell (sdk-host), real
 * portal; silence is proven with the PROBE/CONTROL ordering of e2e/fixtures/security-frame.ts,
 * and every positive control shows the same probe does see an answer when there is one.
 */

import {
  CHILD_ORIGIN,
  EVIL,
  HOST_ORIGIN,
  LOCAL_NETWORK_ACCESS_OFF,
  serveEvil,
} from "./fixtures/security-evil.ts";
import { answerSignIn, portalLog, resetPortal } from "./support/portal.ts";
import { expect, type Page, test } from "./support/test.ts";

test.use({ launchOptions: LOCAL_NETWORK_ACCESS_OFF });

const FRAME_PATH = "/e2e/fixtures/security-frame.html";
const frameUrl = (origin: string, query: string) => `${origin}${FRAME_PATH}?parent=${HOST_ORIGIN}&${query}`;

type Fixture = {
  shell: import("../shell/index.ts").AuthShell;
  app: import("../sdk/index.ts").AuthClient;
};
declare global {
  interface Window {
    securityPolluted?: unknown;
  }
}

/**
 * Opens the real-shell host with `frames`, after installing the probe responder: a frame's PROBE
 * is answered with CONTROL (see security-frame.ts). Optionally signs in first.
 */
async function openHost(page: Page, frames: string[], { signIn = false } = {}) {
  await page.addInitScript(() => {
    if (window !== window.top) return;
    window.addEventListener("message", (event) => {
      if (event.data === "security-probe")
        (event.source as Window).postMessage("security-control", event.origin);
    });
  });
  const query = frames.map((f) => `frame=${encodeURIComponent(f)}`).join("&");
  await page.goto(`${HOST_ORIGIN}/e2e/fixtures/sdk-host.html?${query}`);
  await expect(page.locator("#status")).toHaveText("ready");
  if (signIn) {
    const popup = page.waitForEvent("popup");
    await page.getByRole("button", { name: "Sign in" }).click();
    await answerSignIn(await popup);
    await expect(page.locator("#status")).toHaveText("signed in jsmith");
  }
}

/** What the n-th frame saw, once its probe came back ("done …"), parsed. */
async function frameLog(page: Page, index: number): Promise<Array<Record<string, unknown>>> {
  const out = page.frameLocator("iframe").nth(index).locator("#out");
  await expect(out).toHaveText(/^done /);
  return JSON.parse(((await out.textContent()) ?? "").slice("done ".length));
}

const sessionToken = (page: Page) =>
  page.evaluate(() => (window as unknown as { fixture: Fixture }).fixture.shell.session?.token ?? null);

test.beforeEach(() => resetPortal());

test("a hostile iframe's SDK handshake gets silence, an allowed frame gets a port", async ({
  page,
  context,
}) => {
  await serveEvil(context);
  await openHost(page, [frameUrl(EVIL, "mode=connect"), frameUrl(CHILD_ORIGIN, "mode=connect")]);
  expect(await frameLog(page, 0)).toEqual([]);
  expect(await frameLog(page, 1)).toEqual([
    { origin: HOST_ORIGIN, type: "arcgis-auth-shell/connected", ports: 1 },
  ]);
});

test("a hostile iframe's ArcGIS requestCredential gets silence while an allowed one gets the credential", async ({
  page,
  context,
}) => {
  await serveEvil(context);
  await openHost(page, [], { signIn: true });
  // Signed in, so an allowed frame is answered within the same task: the probe would see it.
  await page.evaluate(
    (urls) => {
      for (const src of urls) {
        const frame = document.createElement("iframe");
        frame.src = src;
        document.body.append(frame);
      }
    },
    [frameUrl(EVIL, "mode=embedded"), frameUrl(CHILD_ORIGIN, "mode=embedded")],
  );
  expect(await frameLog(page, 0)).toEqual([]);
  expect(await frameLog(page, 1)).toEqual([
    { origin: HOST_ORIGIN, type: "arcgis:auth:credential", ports: 0 },
  ]);
  expect((await portalLog()).some((e) => e.host.includes("evil"))).toBe(false);
});

for (const variant of ["version", "extra", "type"]) {
  test(`an allowed frame's malformed handshake (${variant}) gets silence and no channel`, async ({
    page,
  }) => {
    await openHost(page, [frameUrl(CHILD_ORIGIN, `mode=connect&variant=${variant}`)]);
    expect(await frameLog(page, 0)).toEqual([]);
  });
}

/** Runs one raw-Comlink attack from a compromised app on the allowed origin; returns the answers by id. */
async function comlinkAttack(page: Page, attack: string) {
  await openHost(page, [frameUrl(CHILD_ORIGIN, `mode=comlink&attack=${attack}`)], { signIn: true });
  const before = await sessionToken(page);
  const answers = await frameLog(page, 0);
  return { before, answers };
}

test("raw SET, GET, CONSTRUCT, ENDPOINT, proxies and prototype paths on a real port change nothing", async ({
  page,
}) => {
  const { before, answers } = await comlinkAttack(page, "structure");
  // Every one of them was dropped before Comlink: only the closing ping is answered.
  expect(answers).toEqual([{ id: "probe", ok: true }]);
  const after = await page.evaluate(async () => {
    const { shell, app } = (window as unknown as { fixture: Fixture }).fixture;
    return {
      polluted: ({} as Record<string, unknown>).polluted ?? window.securityPolluted ?? null,
      shellToken: await shell.getToken(),
      appToken: await app.getToken(),
    };
  });
  expect(after).toEqual({ polluted: null, shellToken: before, appToken: before });
});

test("calls of methods outside the contract (signOut, destroy, toCredential, …) are dropped", async ({
  page,
}) => {
  const { before, answers } = await comlinkAttack(page, "unknown");
  expect(answers).toEqual([{ id: "probe", ok: true }]);
  await expect(page.locator("#status")).toHaveText("signed in jsmith");
  expect(await sessionToken(page)).toBe(before);
  // The token still works at the portal: nothing was revoked.
  const self = await page.evaluate(async () => {
    const { app } = (window as unknown as { fixture: Fixture }).fixture;
    return (await app.fetch("http://localhost:4100/sharing/rest/community/self?f=json")).json();
  });
  expect(self.username).toBe("jsmith");
});

test("wrong argument types are answered with InvalidRequestError and run nothing", async ({ page }) => {
  const { before, answers } = await comlinkAttack(page, "arguments");
  const invalid = { ok: false, code: "invalid-request" };
  expect(answers).toEqual([
    { id: "number-url", ...invalid },
    { id: "object-url", ...invalid },
    { id: "long-url", ...invalid },
    { id: "string-wait", ...invalid },
    { id: "extra-report-field", ...invalid },
    { id: "report-code", ...invalid },
    { id: "too-many", ...invalid },
    { id: "probe", ok: true },
  ]);
  // A malformed reportAuthError did not start a re-sign-in nor drop the token.
  expect(await sessionToken(page)).toBe(before);
  expect(page.context().pages()).toHaveLength(1);
});

test("a compromised app asking for look-alike and untrusted URLs gets UntrustedServerError", async ({
  page,
}) => {
  const { before, answers } = await comlinkAttack(page, "urls");
  const untrusted = { ok: false, code: "untrusted-server" };
  // Sorted in the order sent: the standalone server's answer waits for its rest/info, so it comes last.
  const order = ["standalone", "userinfo", "look-alike", "other-port", "https", "report-untrusted", "probe"];
  expect(answers.sort((a, b) => order.indexOf(String(a.id)) - order.indexOf(String(b.id)))).toEqual([
    { id: "standalone", ...untrusted },
    { id: "userinfo", ...untrusted },
    { id: "look-alike", ...untrusted },
    { id: "other-port", ...untrusted },
    { id: "https", ...untrusted },
    { id: "report-untrusted", ...untrusted },
    { id: "probe", ok: true },
  ]);
  expect(await sessionToken(page)).toBe(before);
  // No request with a token left for any of them (4300 was only asked for its rest/info, without one).
  const log = await portalLog();
  expect(log.filter((e) => e.host !== "localhost:4100" && e.token !== null)).toEqual([]);
});

test("RELEASE from a compromised app closes only its own port", async ({ page }) => {
  const { before, answers } = await comlinkAttack(page, "release");
  expect(answers).toEqual([{ id: "release", ok: undefined }]);
  // The same-window app and a new allowed frame still get the session's token.
  expect(await page.evaluate(() => (window as unknown as { fixture: Fixture }).fixture.app.getToken())).toBe(
    before,
  );
  await page.evaluate(
    (src) => {
      const frame = document.createElement("iframe");
      frame.src = src;
      document.body.append(frame);
    },
    frameUrl(CHILD_ORIGIN, "mode=comlink&attack=unknown"),
  );
  expect(await frameLog(page, 1)).toEqual([{ id: "probe", ok: true }]);
});
