/**
 * Security, the callback → shell hand-over (docs/protocol.md §1): forged, malformed,
 * replayed and misdirected answers against the real shell (shell-host), the real callback page
 * and the real portal. e2e/shell-forged.spec.ts already shows frames of both origins being
 * ignored; here the attacker also controls other windows, other tabs, and a page that opens or
 * frames the callback. Malformed answers from the popup itself: security-callback-schema.spec.ts;
 * a popup severed by COOP: security-popup.spec.ts.
 * "Changes nothing" is what the user sees (no session, the pending sign-in still works), the
 * shell's ignore counters, and the portal's log.
 */

import {
  CHILD_ORIGIN,
  EVIL,
  evilPage,
  HOST_ORIGIN,
  LOCAL_NETWORK_ACCESS_OFF,
  serveEvil,
} from "./fixtures/security-evil.ts";
import {
  forgedAnswer as forged,
  ignoredCounts as ignored,
  pendingSignIn,
  CALLBACK_TYPE as TYPE,
} from "./fixtures/security-signin.ts";
import { answerSignIn, portalLog, resetPortal } from "./support/portal.ts";
import { expect, type Page, test } from "./support/test.ts";

test.use({ launchOptions: LOCAL_NETWORK_ACCESS_OFF });

const HOST = `${HOST_ORIGIN}/e2e/fixtures/shell-host.html`;
const NEUTRAL = `${HOST_ORIGIN}/e2e/fixtures/security-frame.html`;

/** Nothing happened in the host: no result, signed out, no event. */
async function expectUntouched(page: Page) {
  await expect(page.locator("#result")).toHaveText("none");
  await expect(page.locator("#session")).toHaveText("signed out");
  expect(await page.evaluate(() => window.shellEvents)).toEqual([]);
}

test.beforeEach(() => resetPortal());

test("another window on another origin (opened by the host) forging the answer is ignored", async ({
  page,
  context,
}) => {
  await page.goto(HOST);
  const { popup, state } = await pendingSignIn(page);
  await serveEvil(context, {
    "/forge": evilPage(`window.opener.postMessage(${JSON.stringify(forged(state))}, "*");
      document.getElementById("out").textContent = "sent";`),
  });
  const before = await ignored(page);
  const evilWindow = page.waitForEvent("popup");
  await page.evaluate((url) => void window.open(url), `${EVIL}/forge`);
  await expect((await evilWindow).locator("#out")).toHaveText("sent");
  await expect.poll(async () => (await ignored(page)).origin).toBe(before.origin + 1);
  await expectUntouched(page);
  await answerSignIn(popup);
  await expect(page.locator("#result")).toHaveText("signed-in jsmith");
});

test("another same-origin window posting the pending state is ignored (it is not the popup)", async ({
  page,
}) => {
  await page.goto(HOST);
  const { popup, state } = await pendingSignIn(page);
  const before = await ignored(page);
  const otherEvent = page.waitForEvent("popup");
  await page.evaluate((url) => void window.open(url), NEUTRAL);
  const other = await otherEvent;
  await other.evaluate((message) => window.opener.postMessage(message, location.origin), forged(state));
  await expect.poll(async () => (await ignored(page)).source).toBe(before.source + 1);
  await expectUntouched(page);
  await answerSignIn(popup);
  await expect(page.locator("#result")).toHaveText("signed-in jsmith");
});

test("a same-origin frame nested in a cross-origin frame, posting to top with the pending state, is ignored", async ({
  page,
}) => {
  await page.goto(HOST);
  const { popup, state } = await pendingSignIn(page);
  const before = await ignored(page);
  // host (localhost) > frame (127.0.0.1) > frame (localhost): the inner one is same-origin with the shell.
  const addFrame = (src: string) =>
    new Promise<void>((resolve) => {
      const frame = document.createElement("iframe");
      frame.onload = () => resolve();
      frame.src = src;
      document.body.append(frame);
    });
  await page.evaluate(addFrame, `${CHILD_ORIGIN}/e2e/fixtures/security-frame.html`);
  const outer = page.frames().find((f) => f.url().startsWith(CHILD_ORIGIN));
  if (!outer) throw new Error("the outer frame is missing");
  await outer.evaluate(addFrame, NEUTRAL);
  const inner = page.frames().find((f) => f.parentFrame() === outer && f.url().startsWith(HOST_ORIGIN));
  if (!inner) throw new Error("the nested frame is missing");
  await inner.evaluate((message) => window.top?.postMessage(message, "http://localhost:5173"), forged(state));
  await expect.poll(async () => (await ignored(page)).source).toBe(before.source + 1);
  await expectUntouched(page);
  await answerSignIn(popup);
  await expect(page.locator("#result")).toHaveText("signed-in jsmith");
});

test("an answer carrying another tab's state fails this tab's sign-in and leaves the other one alone", async ({
  page,
  context,
}) => {
  const other = await context.newPage();
  await page.goto(HOST);
  await other.goto(HOST);
  const mine = await pendingSignIn(page);
  const theirs = await pendingSignIn(other);
  // The attacker steers this tab's popup to the real callback with the other tab's state.
  // (The callback answers and closes at once, and the shell closes its popup: the load is not awaited.)
  await mine.popup
    .goto(
      `${HOST_ORIGIN}/callback.html#access_token=forged-token&expires_in=3600&username=mallory&ssl=false&persist=false&state=${theirs.state}`,
      { waitUntil: "commit" },
    )
    .catch(() => {});
  await expect(page.locator("#result")).toHaveText("error state-mismatch");
  await expect(other.locator("#result")).toHaveText("none");
  await answerSignIn(theirs.popup);
  await expect(other.locator("#result")).toHaveText("signed-in jsmith");
  for (const tab of [page, other])
    expect(await tab.evaluate(() => window.shell.session?.username ?? null)).not.toBe("mallory");
});

test("a replayed answer (exact or altered) is ignored after use and during the next sign-in", async ({
  page,
}) => {
  await page.addInitScript((type) => {
    const captured: unknown[] = [];
    Object.assign(window, { captured });
    window.addEventListener("message", (event) => {
      if ((event.data as { type?: unknown })?.type === type) captured.push(event.data);
    });
  }, TYPE);
  await page.goto(`${HOST}?flow=implicit`);
  const first = await pendingSignIn(page);
  await answerSignIn(first.popup);
  await expect(page.locator("#result")).toHaveText("signed-in jsmith");
  const token = await page.evaluate(() => window.shell.session?.token);
  const before = await ignored(page);

  const replay = (how: "window" | "channel", alter: boolean) =>
    page.evaluate(
      ({ how, alter, type }) => {
        const real = (window as unknown as { captured: Array<{ result: object }> }).captured[0];
        if (!real) throw new Error("nothing captured");
        const message = alter
          ? { ...real, result: { ...real.result, token: "replayed", username: "mallory" } }
          : real;
        if (how === "window") window.postMessage(message, location.origin);
        else {
          const channel = new BroadcastChannel(type);
          channel.postMessage(message);
          channel.close();
        }
      },
      { how, alter, type: TYPE },
    );
  await replay("window", false);
  await replay("channel", false);
  await replay("channel", true);
  await expect
    .poll(() => ignored(page))
    .toEqual({ ...before, source: before.source + 1, state: before.state + 2 });
  expect(await page.evaluate(() => window.shell.session?.token)).toBe(token);

  // A new sign-in is pending: the spent state still matches nothing.
  const second = await pendingSignIn(page);
  await replay("channel", true);
  await expect.poll(async () => (await ignored(page)).state).toBe(before.state + 3);
  await answerSignIn(second.popup, "sign-in", "alee");
  await expect(page.locator("#result")).toHaveText("signed-in alee");
  expect(await page.evaluate(() => window.shell.session?.token)).not.toMatch(/^(replayed|forged-token)$/);
});

test("login CSRF: a page that opens the callback with the attacker's answer signs nobody in", async ({
  page,
  context,
}) => {
  await page.goto(HOST);
  const { popup } = await pendingSignIn(page);
  const before = await ignored(page);
  const answers = [
    "?code=attackers-code&state=guessed-state",
    "#access_token=attackers-token&expires_in=3600&username=mallory&ssl=false&state=guessed-state",
  ].map((answer) => `${HOST_ORIGIN}/callback.html${answer}`);
  // noopener: the callback has no opener and falls back to the BroadcastChannel of its origin.
  await serveEvil(context, {
    "/csrf": evilPage(`for (const url of ${JSON.stringify(answers)}) window.open(url, "_blank", "noopener");
      document.getElementById("out").textContent = "sent";`),
  });
  const attacker = await context.newPage();
  await attacker.goto(`${EVIL}/csrf`);
  await expect(attacker.locator("#out")).toHaveText("sent");
  await expect.poll(async () => (await ignored(page)).state).toBe(before.state + 2);
  await expectUntouched(page);
  // The attacker's code was never taken to the token endpoint.
  expect((await portalLog()).filter((e) => e.path.endsWith("/oauth2/token"))).toEqual([]);
  await answerSignIn(popup);
  await expect(page.locator("#result")).toHaveText("signed-in jsmith");
});

test("clickjacking: the callback framed by another origin hands nothing to its parent nor to the shell", async ({
  page,
  context,
}) => {
  await page.goto(HOST);
  const { popup, state } = await pendingSignIn(page);
  const before = await ignored(page);
  // Worst case: the framing page even knows the pending state.
  const framed = `${HOST_ORIGIN}/callback.html#access_token=forged-token&expires_in=3600&username=mallory&ssl=false&state=${state}`;
  await serveEvil(context, {
    "/frame": evilPage(`window.received = [];
      window.addEventListener("message", (e) => window.received.push(e.data));
      const frame = document.createElement("iframe");
      frame.src = ${JSON.stringify(framed)};
      document.body.append(frame);`),
  });
  const attacker = await context.newPage();
  await attacker.goto(`${EVIL}/frame`);
  // The framed callback ran to its end and refused to hand anything over.
  await expect(attacker.frameLocator("iframe").locator("#status")).toHaveText(
    "Sign-in failed: the sign-in page cannot run inside a frame. You can close this window.",
  );
  // Ordering: a message the callback frame posts now arrives after anything it posted before.
  const callbackFrame = attacker.frames().find((f) => f.url().startsWith(`${HOST_ORIGIN}/callback.html`));
  if (!callbackFrame) throw new Error("the callback frame is missing");
  await callbackFrame.evaluate(() => window.parent.postMessage("marker", "*"));
  await expect
    .poll(() => attacker.evaluate(() => (window as unknown as { received: unknown[] }).received))
    .toEqual(["marker"]);
  expect(callbackFrame.url()).toBe(`${HOST_ORIGIN}/callback.html`);
  // The shell tab heard nothing (the frame's BroadcastChannel is partitioned under evil.test) …
  await expectUntouched(page);
  // … and its real sign-in, with that same state, is the one that counts.
  await answerSignIn(popup);
  await expect(page.locator("#result")).toHaveText("signed-in jsmith");
  expect(await ignored(page)).toEqual(before);
});
