/** The callback page without an opener: the BroadcastChannel hand-over (noopener, COOP). */

import {
  CODE,
  codeMessage,
  HOST,
  IMPLICIT,
  OPENER_PATH,
  openAndWaitForClose,
  received,
  tokenMessage,
} from "./support/callback.ts";
import { expect, test } from "./support/test.ts";

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
