/**
 * App channels in a real browser (docs/protocol.md §2, §3): the iframe handshake and its refusals, a
 * Web Worker on a handed-over port, raw Comlink messages that must change nothing, and a shell
 * that goes away. The real shell (public entry) against the local portal; where a session is
 * needed the user signs in through the portal's form.
 */
import { answerSignIn, PORTAL, resetPortal, signInThroughPrompt } from "./support/portal.ts";
import { expect, type Page, test } from "./support/test.ts";

const HOST = "http://localhost:5173";
const CHILD = "http://127.0.0.1:5174";
const CONNECT = "arcgis-auth-shell/connect";
const frameUrl = (query: string) => `${CHILD}/e2e/fixtures/channels-frame.html?${query}`;

test.beforeEach(() => resetPortal());

async function openHost(page: Page, { child = [CHILD], frames = [] as string[] } = {}) {
  const query = new URLSearchParams();
  for (const origin of child) query.append("child", origin);
  for (const frame of frames) query.append("frame", frame);
  await page.goto(`${HOST}/e2e/fixtures/channels-host.html?${query}`);
  await expect(page.locator("#status")).toHaveText("ready");
}

/** Signs in with the host page's own button and the portal's form; resolves the session's token. */
async function signIn(page: Page): Promise<string> {
  const popup = page.waitForEvent("popup");
  await page.getByRole("button", { name: "Sign in" }).click();
  await answerSignIn(await popup);
  await expect.poll(() => page.evaluate(() => window.fixture.token())).not.toBeNull();
  return (await page.evaluate(() => window.fixture.token())) as string;
}

/** The session's token once the user signed in through the shell's re-sign-in dialog. */
async function signInWhenAsked(page: Page): Promise<string> {
  await signInThroughPrompt(page);
  await expect.poll(() => page.evaluate(() => window.fixture.token())).not.toBeNull();
  return (await page.evaluate(() => window.fixture.token())) as string;
}

const frameText = (page: Page, index = 0) => page.frameLocator("iframe").nth(index).locator("#out");

test("an allowed cross-origin iframe gets a private port and, once signed in, the session's token", async ({
  page,
}) => {
  await openHost(page, { frames: [frameUrl(`parent=${HOST}`)] });
  const token = await signInWhenAsked(page);
  await expect(frameText(page)).toHaveText(`connected ${token}`);
  expect(await page.evaluate(() => window.fixture.asks)).toContainEqual({ origin: CHILD, type: CONNECT });
});

test("an iframe from an origin not in childOrigins gets no answer and times out typed", async ({ page }) => {
  await openHost(page, { child: ["http://other.test"], frames: [frameUrl(`parent=${HOST}&timeout=1500`)] });
  await expect(frameText(page)).toHaveText("error shell-unavailable");
  // Its asks reached the page (the shell heard them) and started nothing.
  expect(await page.evaluate(() => window.fixture.asks)).toContainEqual({ origin: CHILD, type: CONNECT });
  expect(await page.evaluate(() => window.fixture.events)).toEqual([]);
});

test("an iframe that names the wrong parent origin never reaches the shell", async ({ page }) => {
  await openHost(page, { frames: [frameUrl("parent=http://evil.test&timeout=1500")] });
  await expect(frameText(page)).toHaveText("error shell-unavailable");
  expect(await page.evaluate(() => [window.fixture.asks, window.fixture.events])).toEqual([[], []]);
});

test("a window that is not a frame of the page is refused, even from an allowed origin", async ({ page }) => {
  await openHost(page);
  const popupPromise = page.waitForEvent("popup");
  await page.evaluate((url) => window.open(url), frameUrl(`parent=${HOST}&mode=raw`));
  const popup = await popupPromise;
  // The host page's marker, sent after the shell handled the ask, is all the popup heard: no port.
  await expect(popup.locator("#out")).toHaveText("heard channels-fixture/after-shell");
  expect(await page.evaluate(() => window.fixture.asks)).toEqual([{ origin: CHILD, type: CONNECT }]);
});

test("a frame nested in an allowed frame, asking the page itself, gets a port", async ({ page }) => {
  const inner = frameUrl(`parent=${HOST}&mode=raw&target=top`);
  await openHost(page, { frames: [frameUrl(`nest=${encodeURIComponent(inner)}`)] });
  const innerText = page.frameLocator("iframe").frameLocator("iframe").locator("#out");
  await expect(innerText).toContainText("arcgis-auth-shell/connected");
});

test("a Web Worker connects with a port handed to it", async ({ page }) => {
  await openHost(page);
  const token = await signIn(page);
  expect(await page.evaluate(() => window.fixture.workerToken())).toBe(`worker ${token}`);
});

test("raw SET, CONSTRUCT and prototype-path messages on a port change nothing", async ({ page }) => {
  await openHost(page);
  const result = await page.evaluate(async () => {
    const port = window.fixture.shell.connect("raw");
    const answers: string[] = [];
    let invalid: unknown;
    const probe = new Promise<void>((resolve) => {
      port.onmessage = (event) => {
        answers.push(String(event.data?.id));
        if (event.data?.id === "6") invalid = event.data.value?.error?.code;
        if (event.data?.id === "probe") resolve();
      };
    });
    const raw = [
      { id: "1", type: "SET", path: ["__proto__", "polluted"], value: { type: "RAW", value: "yes" } },
      { id: "2", type: "SET", path: ["getToken"], value: { type: "RAW", value: null } },
      { id: "3", type: "CONSTRUCT", path: ["getToken"], argumentList: [] },
      {
        id: "4",
        type: "APPLY",
        path: ["constructor", "constructor"],
        argumentList: [{ type: "RAW", value: "return 1" }],
      },
      { id: "5", type: "GET", path: ["__proto__"] },
      {
        id: "6",
        type: "APPLY",
        path: ["getToken"],
        argumentList: [
          { type: "RAW", value: 42 },
          { type: "RAW", value: true },
        ],
      },
    ];
    for (const message of raw) port.postMessage(message);
    port.postMessage({ id: "probe", type: "APPLY", path: ["ping"], argumentList: [] });
    await probe;
    const rawAnswers = [...answers];
    // The same port still serves an ordinary client: nothing on the exposed object changed.
    const client = await window.fixture.connectAuth(port, { timeoutMs: 3000 });
    return {
      polluted: ({} as Record<string, unknown>).polluted ?? null,
      answers: rawAnswers,
      invalid,
      session: await client.getSession(),
      events: window.fixture.events,
    };
  });
  // Only the malformed-argument call (6) is answered, with an InvalidRequestError from getToken's own
  // argument check; the rest are dropped before Comlink, and the shell started nothing.
  expect(result).toEqual({
    polluted: null,
    answers: ["6", "probe"],
    invalid: "invalid-request",
    session: null,
    events: [],
  });
});

test("a shell that closes its channels makes every client call fail with ShellUnavailableError", async ({
  page,
}) => {
  await openHost(page, { frames: [frameUrl(`parent=${HOST}`)] });
  const token = await signInWhenAsked(page);
  await expect(frameText(page)).toHaveText(`connected ${token}`);
  await page.evaluate(() => window.fixture.shell.destroy());
  const frame = page.frames().find((f) => f.url().startsWith(CHILD))!;
  const code = await frame.evaluate(() =>
    (window as unknown as { client: { getSession(): Promise<unknown> } }).client.getSession().then(
      () => "resolved",
      (error: { code?: string }) => error.code,
    ),
  );
  expect(code).toBe("shell-unavailable");
});

test("rest-js fromParent in an allowed iframe receives the ArcGIS credential", async ({ page }) => {
  await openHost(page, { frames: [frameUrl(`parent=${HOST}&mode=restjs`)] });
  // Signed out, the ask starts the coordinated sign-in and is answered when it ends.
  const token = await signInWhenAsked(page);
  await expect(frameText(page)).toHaveText(`credential jsmith ${token} ${PORTAL}`);
});

test("rest-js fromParent from an origin not allowed receives nothing", async ({ page }) => {
  await openHost(page, { child: ["http://other.test"], frames: [frameUrl(`parent=${HOST}&mode=restjs`)] });
  await expect
    .poll(() => page.evaluate(() => window.fixture.asks))
    .toEqual([{ origin: CHILD, type: "arcgis:auth:requestCredential" }]);
  await expect(frameText(page)).toHaveText("waiting");
  expect(await page.evaluate(() => window.fixture.events)).toEqual([]);
});

declare global {
  interface Window {
    fixture: import("./fixtures/channels-host.ts").ChannelsFixture;
  }
}
