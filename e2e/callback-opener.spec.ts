/** The callback page hands the answer to its opener, and to no other origin (docs/protocol.md §1). */

import {
  announceClosing,
  CODE,
  codeMessage,
  EVIL,
  HOST,
  IMPLICIT,
  OPENER_PATH,
  OTHER,
  openAndWaitForClose,
  receivedBeforeClosing,
  receivedBeforeSettled,
  tokenMessage,
} from "./support/callback.ts";
import { expect, test } from "./support/test.ts";

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
