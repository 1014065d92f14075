/**
 * The local portal's sign-in form in a real browser (examples/portal/README.md, docs/arcgis.md §1): a user signs in
 * through the labelled form with response_type=token and =code, cancels, mistypes the password,
 * and an unregistered redirect_uri never leaves the portal.
 *
 * The answer is read from the URL the browser navigated to (the first main-frame navigation to
 * the callback), because the real callback page strips it from its URL right away. Intercepting
 * the callback with page.route does not work here: Playwright does not route the navigation a
 * 303 redirect starts, so the callback would still be served by Vite.
 * These tests use the shared portal on :4100 and never reset it (other specs may be running).
 */
import { randomBytes } from "node:crypto";
import { expect, type Page, test } from "./support/test.ts";

const PORTAL = "http://localhost:4100/sharing/rest";
const CALLBACK = "http://localhost:5173/callback.html";
const CLIENT_ID = "arcgis-auth-shell-demo";
/** docs/arcgis.md §7: the verifier 43 × "A" and its S256 challenge. */
const VERIFIER = "A".repeat(43);
const CHALLENGE = "DwBzhbb51LfusnSGBa_hqYSgo7-j8BTQnip4TOnlzRo";

function newState(): string {
  return randomBytes(16).toString("hex");
}

function authorizeUrl(params: Record<string, string>): string {
  return `${PORTAL}/oauth2/authorize?${new URLSearchParams({ client_id: CLIENT_ID, redirect_uri: CALLBACK, ...params })}`;
}

/** Fills the form by its labels and presses a button. */
async function submit(
  page: Page,
  username: string,
  password: string,
  button: "Sign In" | "Cancel",
): Promise<void> {
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: button, exact: true }).click();
}

/** Every URL the main frame commits, in order (same-document changes such as replaceState too). */
function recordNavigations(page: Page): string[] {
  const urls: string[] = [];
  page.on("framenavigated", (frame) => {
    if (frame === page.mainFrame()) urls.push(frame.url());
  });
  return urls;
}

/** The URL the redirect brought the browser to, as the portal sent it (before the callback strips it). */
async function callbackUrl(navigations: string[]): Promise<URL> {
  const arrived = () => navigations.find((url) => url.startsWith(CALLBACK));
  await expect.poll(arrived).toBeDefined();
  return new URL(arrived() ?? "");
}

test("response_type=token: signing in lands on the callback with the token in the fragment", async ({
  page,
  request,
}) => {
  const state = newState();
  const navigations = recordNavigations(page);
  await page.goto(authorizeUrl({ response_type: "token", expiration: "60", state }));
  await expect(page.getByRole("heading", { name: "Sign in to ArcGIS" })).toBeVisible();
  await submit(page, "jsmith", "arcgis123", "Sign In");

  const url = await callbackUrl(navigations);
  expect(url.search).toBe("");
  const answer = new URLSearchParams(url.hash.slice(1));
  expect([...answer.keys()]).toEqual(["access_token", "expires_in", "username", "ssl", "persist", "state"]);
  expect(answer.get("access_token")).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(answer.get("expires_in")).toBe("3600");
  expect(answer.get("username")).toBe("jsmith");
  expect(answer.get("ssl")).toBe("false");
  expect(answer.get("persist")).toBe("false");
  expect(answer.get("state")).toBe(state);

  const self = await request.get(`${PORTAL}/community/self`, {
    params: { f: "json", token: answer.get("access_token") ?? "" },
  });
  expect(await self.json()).toMatchObject({ username: "jsmith", fullName: "Jane Smith" });
});

test("response_type=code: signing in gives a code that the token endpoint exchanges with the verifier", async ({
  page,
  request,
}) => {
  const state = newState();
  const navigations = recordNavigations(page);
  await page.goto(
    authorizeUrl({ response_type: "code", state, code_challenge: CHALLENGE, code_challenge_method: "S256" }),
  );
  await submit(page, "alee", "arcgis123", "Sign In");

  const url = await callbackUrl(navigations);
  expect(url.hash).toBe("");
  expect([...url.searchParams.keys()]).toEqual(["code", "state"]);
  expect(url.searchParams.get("state")).toBe(state);
  const code = url.searchParams.get("code") ?? "";
  expect(code).toMatch(/^[A-Za-z0-9_-]{43}$/);

  const tokenResponse = await request.post(`${PORTAL}/oauth2/token`, {
    form: {
      client_id: CLIENT_ID,
      grant_type: "authorization_code",
      code,
      redirect_uri: CALLBACK,
      code_verifier: VERIFIER,
      f: "json",
    },
  });
  const tokens = (await tokenResponse.json()) as Record<string, unknown>;
  expect(tokens).toMatchObject({ username: "alee", ssl: false, refresh_token_expires_in: 1_209_600 });
  expect(tokens.access_token).toEqual(expect.any(String));
  expect(tokens.refresh_token).toEqual(expect.any(String));

  const self = await request.get(`${PORTAL}/community/self`, {
    params: { f: "json", token: String(tokens.access_token) },
  });
  expect(await self.json()).toMatchObject({ username: "alee", role: "org_user" });
});

test("Cancel answers access_denied with the state, in the fragment and in the query", async ({ page }) => {
  const state = newState();
  const navigations = recordNavigations(page);
  await page.goto(authorizeUrl({ response_type: "token", state }));
  await page.getByRole("button", { name: "Cancel", exact: true }).click();
  expect((await callbackUrl(navigations)).hash).toBe(
    `#error=access_denied&error_description=The%20user%20has%20denied%20your%20request.&state=${state}`,
  );

  await page.goto(
    authorizeUrl({ response_type: "code", state, code_challenge: CHALLENGE, code_challenge_method: "S256" }),
  );
  navigations.length = 0;
  await submit(page, "jsmith", "", "Cancel");
  const query = (await callbackUrl(navigations)).searchParams;
  expect(query.get("error")).toBe("access_denied");
  expect(query.get("error_description")).toBe("The user has denied your request.");
  expect(query.get("state")).toBe(state);
});

test("a wrong password shows the form again with a message and stays on the portal", async ({ page }) => {
  const state = newState();
  const navigations = recordNavigations(page);
  await page.goto(authorizeUrl({ response_type: "token", state }));
  await submit(page, "jsmith", "not-the-password", "Sign In");
  await expect(page.getByRole("alert")).toHaveText("Invalid username or password.");
  expect(page.url().startsWith(`${PORTAL}/oauth2/authorize`)).toBe(true);
  await expect(page.getByLabel("Username")).toHaveValue("jsmith");
  await expect(page.getByLabel("Password")).toHaveValue("");

  expect(navigations.some((url) => url.startsWith(CALLBACK))).toBe(false);
  await submit(page, "jsmith", "arcgis123", "Sign In");
  const answer = new URLSearchParams((await callbackUrl(navigations)).hash.slice(1));
  expect(answer.get("state")).toBe(state);
  expect(answer.get("username")).toBe("jsmith");
});

for (const redirectUri of ["http://evil.test/callback.html", "http://localhost:5173/other.html"]) {
  test(`an unregistered redirect_uri (${redirectUri}) shows the error page and never navigates away`, async ({
    page,
  }) => {
    const navigations = recordNavigations(page);
    const target = `${PORTAL}/oauth2/authorize?${new URLSearchParams({
      client_id: CLIENT_ID,
      response_type: "token",
      redirect_uri: redirectUri,
      state: newState(),
    })}`;
    const response = await page.goto(target);
    expect(response?.status()).toBe(400);
    expect(await response?.headerValue("location")).toBeNull();
    await expect(page.getByRole("alert")).toContainText("Invalid redirect_uri");
    await expect(page.getByLabel("Username")).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Sign In" })).toHaveCount(0);
    expect(page.url()).toBe(target);
    expect(navigations).toEqual([target]);
  });
}
