/** The callback page in full-page redirect mode: back to the starting page, never to another origin. */

import {
  HOST,
  IMPLICIT,
  OPENER_PATH,
  OTHER,
  PENDING_PREFIX,
  RESULT_KEY,
  receivedBeforeSettled,
  STATE,
  TOKEN,
  tokenMessage,
} from "./support/callback.ts";
import { expect, type Page, test } from "./support/test.ts";

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

  test("a redirect's marked state returns to its page even in a tab that has an opener, which hears nothing", async ({
    page,
  }) => {
    // The shell marks a redirect's state ("r." never begins a popup's base64url state); the tab
    // below was opened by another page of the site, so the callback also sees an opener.
    const state = `r.${STATE}`;
    const answer = `#access_token=${encodeURIComponent(TOKEN)}&expires_in=7200&username=c%40sey&ssl=true&persist=false&state=${state}`;
    await page.goto(HOST + OPENER_PATH);
    const tabEvent = page.waitForEvent("popup");
    await page.evaluate((url) => window.openCallback(url), HOST + OPENER_PATH);
    const tab = await tabEvent;
    await tab.waitForLoadState();
    await tab.evaluate(
      ([key, record, url]) => {
        sessionStorage.setItem(key, record);
        location.assign(url);
      },
      [
        PENDING_PREFIX + state,
        JSON.stringify({ returnTo: `${OPENER_PATH}?returned` }),
        `${HOST}/callback.html${answer}`,
      ] as const,
    );
    await tab.waitForURL(`${HOST}${OPENER_PATH}?returned`);
    const result = await tab.evaluate((key) => sessionStorage.getItem(key), RESULT_KEY);
    expect(JSON.parse(result ?? "null")).toEqual({ ...tokenMessage, state });
    expect(await receivedBeforeSettled(page)).toEqual([]);
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
