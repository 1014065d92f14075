/**
 * Security, open redirects through the full-page redirect hand-over (docs/protocol.md §1): the
 * callback goes back to the `returnTo` recorded for the answer's state, and only to a URL of its
 * own origin. Every spelling below resolves, in the browser's URL parser, to another origin or a
 * non-web scheme; the callback must stay, store nothing and send no request there. The last
 * variant is the control: a same-origin path is followed.
 */

import { EVIL, HOST_ORIGIN, LOCAL_NETWORK_ACCESS_OFF, serveEvil } from "./fixtures/security-evil.ts";
import { expect, type Page, test } from "./support/test.ts";

test.use({ launchOptions: LOCAL_NETWORK_ACCESS_OFF });

const OPENER = `${HOST_ORIGIN}/e2e/fixtures/callback-opener.html`;
const STATE = "state-redirect-0123456789abcdef0123456789";
const PENDING_KEY = `arcgis-auth-shell:redirect:${STATE}`;
const RESULT_KEY = "arcgis-auth-shell:redirect-result";
const ANSWER = `#access_token=SECRET-TOKEN&expires_in=3600&username=jsmith&ssl=false&persist=false&state=${STATE}`;

/** Records a pending redirect like the shell would, with `returnTo`, then leaves for the callback. */
async function returnThrough(page: Page, returnTo: string, answer = ANSWER) {
  await page.goto(OPENER);
  await page.evaluate(
    ([key, record, url]) => {
      sessionStorage.setItem(key, record);
      location.assign(url);
    },
    [PENDING_KEY, JSON.stringify({ returnTo }), `${HOST_ORIGIN}/callback.html${answer}`] as const,
  );
}

const storage = (page: Page) =>
  page.evaluate(([pending, result]) => [sessionStorage.getItem(pending), sessionStorage.getItem(result)], [
    PENDING_KEY,
    RESULT_KEY,
  ] as const);

const hostile = [
  "//evil.test/steal",
  "/\\evil.test/steal",
  "\\\\evil.test/steal",
  "\thttp://evil.test/steal",
  "HTTP://EVIL.TEST/steal",
  "http://localhost:5173@evil.test/steal",
  "http://localhost.evil.test:5173/steal",
  "javascript:alert(document.domain)",
  "data:text/html,<script>alert(document.domain)</script>",
];

for (const returnTo of hostile) {
  test(`redirect mode refuses to return to ${JSON.stringify(returnTo)}`, async ({ page, context }) => {
    const evil = await serveEvil(context);
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await returnThrough(page, returnTo);
    await expect(page.getByRole("status")).toHaveText(
      "Sign-in failed: the page to return to is not on this site. You can close this window.",
    );
    expect(page.url()).toBe(`${HOST_ORIGIN}/callback.html`);
    // The record is spent and no result waits for anyone; nothing went to the attacker.
    expect(await storage(page)).toEqual([null, null]);
    expect(evil).toEqual([]);
    expect(dialogs).toEqual([]);
  });
}

test("control: redirect mode returns to a same-origin page, without the answer in its URL", async ({
  page,
}) => {
  await returnThrough(page, "/e2e/fixtures/callback-opener.html?returned");
  await page.waitForURL(`${OPENER}?returned`);
  const [pending, result] = await storage(page);
  expect(pending).toBeNull();
  expect(JSON.parse(result ?? "{}").state).toBe(STATE);
});

test("a return address written into the callback URL itself is never followed", async ({ page, context }) => {
  const evil = await serveEvil(context);
  await page.goto(OPENER);
  const target = encodeURIComponent(`${EVIL}/steal`);
  // No pending record: the page has nowhere to return to, whatever its URL says.
  await page.goto(
    `${HOST_ORIGIN}/callback.html#access_token=SECRET-TOKEN&expires_in=3600&username=jsmith&state=${STATE}&returnTo=${target}&redirect_uri=${target}&next=${target}`,
  );
  await expect(page.getByRole("status")).toHaveText("Signed in. You can close this window.");
  expect(page.url()).toBe(`${HOST_ORIGIN}/callback.html`);
  expect(evil).toEqual([]);
  expect(await storage(page)).toEqual([null, null]);
});
