/**
 * Forged callback messages (docs/protocol.md §1): while a real sign-in waits, frames post
 * well-formed answers — from another origin, from a same-origin frame that is not the popup (even
 * with the real pending state), and on the callback BroadcastChannel with a wrong state. None of
 * them changes anything; each is counted; the real answer still signs the user in.
 */

import { answerSignIn, resetPortal } from "./support/portal.ts";
import { expect, type Page, test } from "./support/test.ts";

const HOST = "http://localhost:5173/e2e/fixtures/shell-host.html";

async function forge(page: Page, frameOrigin: string, query: Record<string, string>) {
  const src = `${frameOrigin}/e2e/fixtures/shell-forger.html?${new URLSearchParams(query)}`;
  await page.evaluate((url) => {
    const frame = document.createElement("iframe");
    frame.src = url;
    document.body.append(frame);
  }, src);
  await expect(page.frameLocator(`iframe[src="${src}"]`).locator("#status")).toHaveText("sent");
}

const ignored = (page: Page) => page.evaluate(() => window.shell.diagnostics.ignoredMessages);

test.beforeEach(async () => {
  await resetPortal();
});

test("forged answers from another origin, a same-origin frame and the channel change nothing", async ({
  page,
}) => {
  await page.goto(HOST);
  const popupEvent = page.waitForEvent("popup");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  const popup = await popupEvent;
  await popup.getByLabel("Username").waitFor();
  const state = new URL(popup.url()).searchParams.get("state")!;
  const before = await ignored(page);

  await forge(page, "http://127.0.0.1:5174", { state, target: "http://localhost:5173" });
  await expect.poll(async () => (await ignored(page)).origin).toBe(before.origin + 1);
  await forge(page, "http://localhost:5173", { state, target: "http://localhost:5173" });
  await expect.poll(async () => (await ignored(page)).source).toBe(before.source + 1);
  await forge(page, "http://localhost:5173", { state: "not-the-pending-state", via: "channel" });
  await expect.poll(async () => (await ignored(page)).state).toBe(before.state + 1);

  await expect(page.locator("#result")).toHaveText("none");
  await expect(page.locator("#session")).toHaveText("signed out");
  expect(await page.evaluate(() => window.shellEvents)).toEqual([]);

  await answerSignIn(popup);
  await expect(page.locator("#result")).toHaveText("signed-in jsmith");
  expect(await page.evaluate(() => window.shell.session?.username)).toBe("jsmith");
});

test("a forged answer with no sign-in pending is ignored", async ({ page }) => {
  await page.goto(HOST);
  await forge(page, "http://localhost:5173", { state: "anything", target: "http://localhost:5173" });
  await expect.poll(async () => (await ignored(page)).source).toBe(1);
  await expect(page.locator("#session")).toHaveText("signed out");
});
