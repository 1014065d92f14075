/**
 * The callback page in a real browser (SPEC §4.1): it hands the answer to the opener of an
 * allowed origin and to nobody else, falls back to a BroadcastChannel or the redirect hand-over,
 * shows untrusted text as text, and leaves no answer in its URL, history or Referer headers.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, expect, type Page, test } from "@playwright/test";
import { build } from "vite";

const HOST = "http://localhost:5173";
const OTHER = "http://127.0.0.1:5174";
const EVIL = "http://evil.test";
const OPENER_PATH = "/e2e/fixtures/callback-opener.html";
const TYPE = "arcgis-auth-shell/callback";
const PENDING_PREFIX = "arcgis-auth-shell:redirect:";
const RESULT_KEY = "arcgis-auth-shell:redirect-result";
/** What the probe below posts right before the callback closes itself. */
const CLOSING = "callback-closing";

const STATE = "state-0123456789abcdef0123456789abcdef";
const TOKEN = "tok+en/SECRET==";
const IMPLICIT = `#access_token=${encodeURIComponent(TOKEN)}&expires_in=7200&username=c%40sey&ssl=true&persist=false&state=${STATE}`;
const CODE = `?code=SECRETCODE&state=${STATE}`;

interface Received {
  via: "window" | "channel";
  origin: string;
  fromPopup: boolean;
  data: unknown;
}

/**
 * Cross-origin popups: makes the callback post CLOSING to its opener (exact origin) just before it
 * closes. Messages from one window to another arrive in the order they were posted, so once
 * CLOSING is in the log every message the callback posted before it has arrived too: that proves
 * non-delivery without a sleep. Only window.close is wrapped; the page's own code runs unchanged.
 * (Playwright does not run init scripts in a same-origin popup's first document; see settle().)
 */
async function announceClosing(context: BrowserContext, openerOrigin: string): Promise<void> {
  await context.addInitScript(
    ({ origin, closing }) => {
      if (location.pathname !== "/callback.html") return;
      const close = window.close.bind(window);
      window.close = () => {
        window.opener?.postMessage(closing, origin);
        close();
      };
    },
    { origin: openerOrigin, closing: CLOSING },
  );
}

/** Opens `callbackUrl` from the opener fixture like a shell's popup and waits until it has closed. */
async function openAndWaitForClose(opener: Page, callbackUrl: string, features?: string): Promise<void> {
  const popupEvent = opener.waitForEvent("popup");
  await opener.evaluate(([url, f]) => window.openCallback(url, f), [callbackUrl, features] as const);
  const popup = await popupEvent;
  if (!popup.isClosed()) await popup.waitForEvent("close");
}

const received = (page: Page) => page.evaluate(() => window.received as Received[]);

/** The log once the probe's CLOSING message arrived, without the probe's message. */
async function receivedBeforeClosing(page: Page): Promise<Received[]> {
  await expect.poll(async () => (await received(page)).some((entry) => entry.data === CLOSING)).toBe(true);
  const log = await received(page);
  expect(log.at(-1)?.data).toBe(CLOSING);
  return log.slice(0, -1);
}

/**
 * Same-origin popups share the opener's event loop: whatever the popup posted before it closed is
 * already queued there, so a message the opener posts to itself after the close arrives after it.
 * Returns the log up to that marker.
 */
async function receivedBeforeSettled(page: Page): Promise<Received[]> {
  await page.evaluate(() => window.postMessage("settled", location.origin));
  await expect.poll(async () => (await received(page)).some((entry) => entry.data === "settled")).toBe(true);
  const log = await received(page);
  expect(log.at(-1)?.data).toBe("settled");
  return log.slice(0, -1);
}

const tokenMessage = {
  type: TYPE,
  version: 1,
  state: STATE,
  result: { kind: "token", token: TOKEN, expires: expect.any(Number), username: "c@sey", ssl: true },
};
const codeMessage = { type: TYPE, version: 1, state: STATE, result: { kind: "code", code: "SECRETCODE" } };

test.describe("callback page hands the answer to its opener", () => {
  test("same-origin opener gets exactly one token message from the popup, which closes", async ({ page }) => {
    await page.goto(HOST + OPENER_PATH);
    const before = Date.now();
    await openAndWaitForClose(page, `${HOST}/callback.html${IMPLICIT}`);
    const log = await receivedBeforeSettled(page);
    expect(log).toEqual([{ via: "window", origin: HOST, fromPopup: true, data: tokenMessage }]);
    const expires = Number((log[0]?.data as { result?: { expires?: number } } | undefined)?.result?.expires);
    expect(expires).toBeGreaterThanOrEqual(before + 7_200_000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 7_200_000);
    await expect(page.getByRole("listitem")).toHaveCount(2);
  });

  test("same-origin opener gets a code-flow answer from the query", async ({ page }) => {
    await page.goto(HOST + OPENER_PATH);
    await openAndWaitForClose(page, `${HOST}/callback.html${CODE}`);
    expect(await receivedBeforeSettled(page)).toEqual([
      { via: "window", origin: HOST, fromPopup: true, data: codeMessage },
    ]);
  });

  test("allow-listed cross-origin opener gets it with the callback's origin", async ({ page, context }) => {
    await announceClosing(context, OTHER);
    await page.goto(OTHER + OPENER_PATH);
    await openAndWaitForClose(page, `${HOST}/callback.html${IMPLICIT}`);
    expect(await receivedBeforeClosing(page)).toEqual([
      { via: "window", origin: HOST, fromPopup: true, data: tokenMessage },
    ]);
  });

  test("opener of an origin not allow-listed gets nothing", async ({ page, context }) => {
    // evil.test serves the same opener fixture; its script comes from the dev server.
    await context.route(`${EVIL}/**`, async (route) => {
      const { pathname } = new URL(route.request().url());
      if (pathname === OPENER_PATH) {
        const response = await route.fetch({ url: HOST + OPENER_PATH });
        await route.fulfill({ response });
      } else if (pathname.startsWith("/e2e/fixtures/")) {
        await route.fulfill({ response: await route.fetch({ url: HOST + pathname }) });
      } else {
        await route.fulfill({ status: 404, body: "" });
      }
    });
    await announceClosing(context, EVIL);
    await page.goto(EVIL + OPENER_PATH);
    await openAndWaitForClose(page, `${HOST}/callback.html${IMPLICIT}`);
    // The probe's message came through, the callback's (posted before it) did not.
    expect(await receivedBeforeClosing(page)).toEqual([]);
    await expect(page.getByRole("listitem")).toHaveCount(1);
  });
});

test.describe("callback page without an opener", () => {
  test("hands the message to a same-origin page over the BroadcastChannel (noopener)", async ({ page }) => {
    await page.goto(HOST + OPENER_PATH);
    await openAndWaitForClose(page, `${HOST}/callback.html${IMPLICIT}`, "noopener");
    await expect
      .poll(() => received(page))
      .toEqual([{ via: "channel", origin: HOST, fromPopup: false, data: tokenMessage }]);
  });

  test("hands the message over the BroadcastChannel when COOP severed the opener", async ({
    page,
    context,
  }) => {
    await context.route(`${HOST}${OPENER_PATH}?coop`, async (route) => {
      const response = await route.fetch();
      await route.fulfill({
        response,
        headers: { ...response.headers(), "cross-origin-opener-policy": "same-origin" },
      });
    });
    await page.goto(`${HOST}${OPENER_PATH}?coop`);
    await openAndWaitForClose(page, `${HOST}/callback.html${CODE}`);
    await expect
      .poll(() => received(page))
      .toEqual([{ via: "channel", origin: HOST, fromPopup: false, data: codeMessage }]);
  });
});

test.describe("full-page redirect mode", () => {
  /** Records a pending redirect like the shell, then leaves for the callback in the same tab. */
  async function startRedirect(page: Page, returnTo: string, answer: string): Promise<void> {
    await page.goto(HOST + OPENER_PATH);
    await page.evaluate(
      ([key, record, url]) => {
        sessionStorage.setItem(key, record);
        location.assign(url);
      },
      [PENDING_PREFIX + STATE, JSON.stringify({ returnTo }), `${HOST}/callback.html${answer}`] as const,
    );
  }

  test("stores the result and returns to the page that started the sign-in", async ({ page }) => {
    await startRedirect(page, `${OPENER_PATH}?returned`, IMPLICIT);
    await page.waitForURL(`${HOST}${OPENER_PATH}?returned`);
    const storage = await page.evaluate(
      ([pending, result]) => ({
        pending: sessionStorage.getItem(pending),
        result: sessionStorage.getItem(result),
      }),
      [PENDING_PREFIX + STATE, RESULT_KEY] as const,
    );
    expect(storage.pending).toBeNull();
    expect(JSON.parse(storage.result ?? "null")).toEqual(tokenMessage);
    // location.replace: going back skips the callback.
    await page.goBack();
    expect(page.url()).toBe(HOST + OPENER_PATH);
  });

  test("refuses to return to another origin and stores nothing", async ({ page }) => {
    await startRedirect(page, `${OTHER}${OPENER_PATH}`, IMPLICIT);
    await page.waitForURL(`${HOST}/callback.html`);
    await expect(page.getByRole("status")).toHaveText(
      "Sign-in failed: the page to return to is not on this site. You can close this window.",
    );
    const storage = await page.evaluate(
      ([pending, result]) => [sessionStorage.getItem(pending), sessionStorage.getItem(result)],
      [PENDING_PREFIX + STATE, RESULT_KEY] as const,
    );
    expect(storage).toEqual([null, null]);
  });
});

test.describe("callback page leaves nothing behind", () => {
  test("script in error_description stays text", async ({ page }) => {
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const script = "<script>alert(1)</script><img src=x onerror=alert(2)>";
    // A tab with history cannot be closed by script: the page stays and shows its line.
    await page.goto(HOST + OPENER_PATH);
    await page.goto(
      `${HOST}/callback.html#error=x&error_description=${encodeURIComponent(script)}&state=${STATE}`,
    );
    await expect(page.getByRole("status")).toHaveText(
      `Sign-in failed: ${script}. You can close this window.`,
    );
    await expect(page.locator("img")).toHaveCount(0);
    await expect(page.locator("script", { hasText: "alert" })).toHaveCount(0);
    expect(dialogs).toEqual([]);
  });

  test("says sign-in failed and sends nothing without a state", async ({ page }) => {
    await page.goto(HOST + OPENER_PATH);
    const popupEvent = page.waitForEvent("popup");
    await page.evaluate(
      (url) => window.openCallback(url),
      `${HOST}/callback.html#access_token=t&expires_in=60&username=u`,
    );
    const popup = await popupEvent;
    await expect(popup.getByRole("status")).toHaveText("Sign-in failed. You can close this window.");
    // The popup stays open with its line; the opener got nothing.
    expect(popup.isClosed()).toBe(false);
    expect(await receivedBeforeSettled(page)).toEqual([]);
    await popup.close();
  });

  for (const [flow, answer] of [
    ["implicit", IMPLICIT],
    ["code", CODE],
  ] as const) {
    test(`${flow} answer: no secret in the URL, the history or any Referer`, async ({ page }) => {
      let referers: Array<Promise<string | null>> = [];
      const violations: string[] = [];
      page.on("request", (request) => void referers.push(request.headerValue("referer")));
      page.on("console", (message) => {
        if (message.text().includes("Content Security Policy")) violations.push(message.text());
      });
      await page.goto(HOST + OPENER_PATH);
      const historyLength = await page.evaluate(() => history.length);
      referers = [];
      await page.goto(`${HOST}/callback.html${answer}`);
      await expect(page.getByRole("status")).toHaveText("Signed in. You can close this window.");
      expect(page.url()).toBe(`${HOST}/callback.html`);
      expect(
        await page.evaluate(() => [location.href, history.length, JSON.stringify(history.state)]),
      ).toEqual([`${HOST}/callback.html`, historyLength + 1, "null"]);
      // The navigation itself is referred by the previous page; nothing after it may carry the answer.
      // The page and its scripts at least: the check looks at real requests.
      expect(referers.length).toBeGreaterThanOrEqual(2);
      for (const referer of await Promise.all(referers))
        expect(referer ?? "").not.toMatch(/SECRET|state-0123/);
      expect(violations).toEqual([]);
      await page.goBack();
      await page.goForward();
      expect(page.url()).toBe(`${HOST}/callback.html`);
    });
  }
});

test.describe("built callback page (dist/callback)", () => {
  const BUILT = "http://callback.test";
  let outDir = "";

  test.beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), "callback-build-"));
    await build({ configFile: "callback/vite.config.ts", logLevel: "silent", build: { outDir } });
  });

  test.afterAll(async () => {
    await rm(outDir, { recursive: true, force: true });
  });

  test("works from another origin with its relative script under its CSP", async ({ page, context }) => {
    // callback.test serves the build output as a static host would.
    await context.route(`${BUILT}/**`, async (route) => {
      const name = new URL(route.request().url()).pathname.slice(1);
      if (!/^[\w.-]+\.(html|js)$/.test(name)) return route.fulfill({ status: 404, body: "" });
      const body = await readFile(join(outDir, name)).catch(() => null);
      if (body === null) return route.fulfill({ status: 404, body: "" });
      const contentType = name.endsWith(".html") ? "text/html" : "text/javascript";
      return route.fulfill({ body, contentType });
    });
    const violations: string[] = [];
    context.on("console", (message) => {
      if (message.text().includes("Content Security Policy")) violations.push(message.text());
    });
    await announceClosing(context, HOST);
    await page.goto(HOST + OPENER_PATH);
    await openAndWaitForClose(page, `${BUILT}/callback.html${IMPLICIT}`);
    expect(await receivedBeforeClosing(page)).toEqual([
      { via: "window", origin: BUILT, fromPopup: true, data: tokenMessage },
    ]);
    expect(violations).toEqual([]);
  });
});
