/**
 * App channels in a real browser (SPEC §4.3, §4.4): the iframe handshake and its refusals, a
 * Web Worker on a handed-over port, raw Comlink messages that must change nothing, and a shell
 * that goes away. The backend is a stand-in; the session behind it is tested in the shell specs.
 */
import { expect, type Page, test } from "./support/test.ts";

const HOST = "http://localhost:5173";
const CHILD = "http://127.0.0.1:5174";
const frameUrl = (query: string) => `${CHILD}/e2e/fixtures/channels-frame.html?${query}`;

async function openHost(page: Page, { child = [CHILD], frames = [] as string[] } = {}) {
  const query = new URLSearchParams();
  for (const origin of child) query.append("child", origin);
  for (const frame of frames) query.append("frame", frame);
  await page.goto(`${HOST}/e2e/fixtures/channels-host.html?${query}`);
  await expect(page.locator("#status")).toHaveText("ready");
}

const frameText = (page: Page, index = 0) => page.frameLocator("iframe").nth(index).locator("#out");

test("an allowed cross-origin iframe gets a private port and a token", async ({ page }) => {
  await openHost(page, { frames: [frameUrl(`parent=${HOST}`)] });
  await expect(frameText(page)).toHaveText("connected fake-token-1");
  expect(await page.evaluate(() => window.fixture.channels.list().map((c) => c.name))).toEqual([
    `frame ${CHILD}`,
  ]);
});

test("an iframe from an origin not in childOrigins gets no answer and times out typed", async ({ page }) => {
  await openHost(page, { child: ["http://other.test"], frames: [frameUrl(`parent=${HOST}&timeout=1500`)] });
  await expect(frameText(page)).toHaveText("error shell-unavailable");
  expect(await page.evaluate(() => window.fixture.channels.list())).toEqual([]);
  expect(await page.evaluate(() => window.fixture.refused)).toContain(CHILD);
});

test("an iframe that names the wrong parent origin never reaches the shell", async ({ page }) => {
  await openHost(page, { frames: [frameUrl("parent=http://evil.test&timeout=1500")] });
  await expect(frameText(page)).toHaveText("error shell-unavailable");
  expect(await page.evaluate(() => [window.fixture.channels.list(), window.fixture.refused])).toEqual([
    [],
    [],
  ]);
});

test("a window that is not a frame of the page is refused, even from an allowed origin", async ({ page }) => {
  await openHost(page);
  const popupPromise = page.waitForEvent("popup");
  await page.evaluate((url) => window.open(url), frameUrl(`parent=${HOST}&mode=raw`));
  const popup = await popupPromise;
  await expect(popup.locator("#out")).toHaveText("sent");
  await expect.poll(() => page.evaluate(() => window.fixture.refused)).toEqual([CHILD]);
  expect(await page.evaluate(() => window.fixture.channels.list())).toEqual([]);
});

test("a Web Worker connects with a port handed to it", async ({ page }) => {
  await openHost(page);
  expect(await page.evaluate(() => window.fixture.workerToken())).toBe("worker fake-token-1");
});

test("raw SET, CONSTRUCT and prototype-path messages on a port change nothing", async ({ page }) => {
  await openHost(page);
  const result = await page.evaluate(async () => {
    const port = window.fixture.channels.open("raw");
    const answers: string[] = [];
    const probe = new Promise<void>((resolve) => {
      port.onmessage = (event) => {
        answers.push(String(event.data?.id));
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
    return {
      polluted: ({} as Record<string, unknown>).polluted ?? null,
      answers,
      dropped: window.fixture.channels.list().find((c) => c.name === "raw")?.droppedMessages,
      calls: window.fixture.calls,
    };
  });
  // Only the malformed-argument call (6) is answered, with an InvalidRequestError; the rest are dropped.
  expect(result).toEqual({ polluted: null, answers: ["6", "probe"], dropped: 6, calls: [] });
});

test("a shell that closes its channels makes every client call fail with ShellUnavailableError", async ({
  page,
}) => {
  await openHost(page, { frames: [frameUrl(`parent=${HOST}`)] });
  await expect(frameText(page)).toHaveText("connected fake-token-1");
  await page.evaluate(() => window.fixture.channels.closeAll());
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
  await expect(frameText(page)).toHaveText(
    "credential jsmith fake-token-1 http://localhost:4100/sharing/rest",
  );
});

test("rest-js fromParent from an origin not allowed receives nothing", async ({ page }) => {
  await openHost(page, { child: ["http://other.test"], frames: [frameUrl(`parent=${HOST}&mode=restjs`)] });
  await expect.poll(() => page.evaluate(() => window.fixture.refused)).toEqual([CHILD]);
  await expect(frameText(page)).toHaveText("waiting");
});

declare global {
  interface Window {
    fixture: {
      channels: import("../shell/channels/appChannels.ts").AppChannels;
      refused: string[];
      calls: string[];
      workerToken(): Promise<string>;
    };
  }
}
