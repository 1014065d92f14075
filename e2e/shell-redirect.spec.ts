/**
 * Full-page redirect sign-in: `popup: false` leaves the page for the portal,
 * the callback page brings the browser back, `handleRedirect()` finishes; no token in any URL.
 */

import { answerSignIn, resetPortal } from "./support/portal.ts";
import { expect, type Page, test } from "./support/test.ts";

const HOST = "http://localhost:5173/e2e/fixtures/shell-host.html";

async function redirectSignIn(page: Page, url: string, action: "sign-in" | "cancel" = "sign-in") {
  const visited: string[] = [];
  page.on("framenavigated", (frame) => {
    if (frame === page.mainFrame()) visited.push(frame.url());
  });
  await page.goto(url);
  await expect(page.locator("#result")).toHaveText("nothing pending");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL(/\/oauth2\/authorize/);
  await answerSignIn(page, action);
  await page.waitForURL(url.replace(/#.*/, ""));
  return visited;
}

test.beforeEach(async () => {
  await resetPortal();
});

for (const flow of ["pkce", "implicit"]) {
  test(`${flow}: popup: false signs in through the full page and comes back without a token in the URL`, async ({
    page,
  }) => {
    const url = `${HOST}?popup=false&flow=${flow}#/some/route`;
    const visited = await redirectSignIn(page, url);
    await expect(page.locator("#result")).toHaveText("signed-in jsmith");
    await expect(page.locator("#session")).toHaveText("signed in as jsmith");
    const token = await page.evaluate(() => window.shell.session!.token);
    const back = visited.filter((u) => u.startsWith(HOST));
    for (const seen of back) expect(seen).not.toContain(token);
    expect(page.url()).not.toContain("code=");
    expect(page.url()).not.toContain("access_token");
    const leftovers = await page.evaluate(() =>
      Object.keys(sessionStorage).filter((k) => k.includes("redirect")),
    );
    expect(leftovers).toEqual([]);
  });
}

test("Cancel in redirect mode: handleRedirect rejects with AccessDeniedError", async ({ page }) => {
  await redirectSignIn(page, `${HOST}?popup=false`, "cancel");
  await expect(page.locator("#result")).toHaveText("error access-denied");
  await expect(page.locator("#session")).toHaveText("signed out");
});

test("a planted redirect result with an unknown state is ignored", async ({ page }) => {
  await page.goto(`${HOST}?popup=false`);
  await page.evaluate(() => {
    sessionStorage.setItem(
      "arcgis-auth-shell:redirect-result",
      JSON.stringify({
        type: "arcgis-auth-shell/callback",
        version: 1,
        state: "planted-state",
        result: {
          kind: "token",
          token: "forged",
          expires: Date.now() + 3_600_000,
          username: "mallory",
          ssl: false,
        },
      }),
    );
  });
  await page.reload();
  await expect(page.locator("#result")).toHaveText("nothing pending");
  await expect(page.locator("#session")).toHaveText("signed out");
  expect(await page.evaluate(() => window.shell.diagnostics.ignoredMessages.state)).toBe(1);
});
