/** The callback page leaves nothing behind: no token in the URL, history or Referer; no HTML from the URL. */

import { CODE, HOST, IMPLICIT, OPENER_PATH, receivedBeforeSettled, STATE } from "./support/callback.ts";
import { expect, test } from "./support/test.ts";

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
