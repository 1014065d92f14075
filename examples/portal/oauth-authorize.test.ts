import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  answerOf,
  authorizeParams,
  getJson,
  REDIRECT_URI,
  startTestPortal,
  submitSignIn,
  type TestPortal,
} from "./test-support.ts";

let portal: TestPortal;
beforeAll(async () => {
  portal = await startTestPortal();
});
afterAll(() => portal.close());

function authorizeGet(params: Record<string, string>): Promise<Response> {
  const url = new URL(`${portal.urls.portal}/oauth2/authorize`);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return fetch(url, { redirect: "manual" });
}

describe("GET oauth2/authorize", () => {
  it("renders a sign-in form with labelled fields, both buttons and the parameters in hidden fields", async () => {
    const response = await authorizeGet(
      authorizeParams("code", { expiration: "60", locale: "", style: "dark" }),
    );
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/html");
    expect(html).toContain('<label for="username">Username</label>');
    expect(html).toContain('<input id="username" name="username"');
    expect(html).toContain('<label for="password">Password</label>');
    expect(html).toContain('<input id="password" name="password" type="password"');
    expect(html).toMatch(/<button[^>]*value="signin">Sign In<\/button>/);
    expect(html).toMatch(/<button[^>]*value="cancel">Cancel<\/button>/);
    for (const [name, value] of Object.entries({
      client_id: "arcgis-auth-shell-demo",
      response_type: "code",
      redirect_uri: REDIRECT_URI,
      state: "state-123",
      expiration: "60",
      code_challenge_method: "S256",
      style: "dark",
      locale: "",
    })) {
      expect(html).toContain(`<input type="hidden" name="${name}" value="${value}">`);
    }
  });

  it("escapes a state carrying HTML", async () => {
    const html = await (
      await authorizeGet(authorizeParams("token", { state: `"><script>alert(1)</script>` }))
    ).text();
    expect(html).not.toContain("<script>");
    expect(html).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
  });

  it.each([
    ["an unknown client_id", { client_id: "someone-else" }, "Invalid client_id"],
    [
      "an unregistered redirect_uri",
      { redirect_uri: "https://evil.example/callback.html" },
      "Invalid redirect_uri",
    ],
    ["a redirect_uri with an extra query", { redirect_uri: `${REDIRECT_URI}?x=1` }, "Invalid redirect_uri"],
    ["a redirect_uri with a trailing slash", { redirect_uri: `${REDIRECT_URI}/` }, "Invalid redirect_uri"],
    ["a redirect_uri in other case", { redirect_uri: REDIRECT_URI.toUpperCase() }, "Invalid redirect_uri"],
    ["no redirect_uri", { redirect_uri: "" }, "Invalid redirect_uri"],
    ["an unknown response_type", { response_type: "id_token" }, "Invalid response_type"],
  ])("answers %s with an error page and no redirect", async (_, overrides, message) => {
    const response = await authorizeGet(authorizeParams("token", overrides));
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
    expect(await response.text()).toContain(message);
  });

  it("redirects a code request without code_challenge with invalid_request in the query", async () => {
    const params = authorizeParams("code");
    delete params.code_challenge;
    const response = await authorizeGet(params);
    const answer = answerOf(response.headers.get("location"), "query");
    expect(answer.get("error")).toBe("invalid_request");
    expect(answer.get("state")).toBe("state-123");
  });
});

describe("POST oauth2/authorize (the form)", () => {
  it("signs in with response_type=token: 303 to the fragment ArcGIS sends", async () => {
    const response = await submitSignIn(portal, authorizeParams("token", { expiration: "60" }));
    expect(response.status).toBe(303);
    const location = response.headers.get("location") ?? "";
    expect(location.startsWith(`${REDIRECT_URI}#access_token=`)).toBe(true);
    const answer = answerOf(location, "fragment");
    expect([...answer.keys()]).toEqual(["access_token", "expires_in", "username", "ssl", "persist", "state"]);
    expect(answer.get("access_token")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(answer.get("expires_in")).toBe("3600");
    expect(answer.get("username")).toBe("jsmith");
    expect(answer.get("ssl")).toBe("false");
    expect(answer.get("persist")).toBe("false");
    expect(answer.get("state")).toBe("state-123");
    const self = await getJson(`${portal.urls.portal}/community/self`, {
      f: "json",
      token: answer.get("access_token") ?? "",
    });
    expect(self.username).toBe("jsmith");
  });

  it.each([
    ["missing", undefined, 1_209_600],
    ["1", "1", 60],
    ["20160", "20160", 1_209_600],
    ["above the maximum (clamped)", "99999", 1_209_600],
    ["zero (default)", "0", 1_209_600],
    ["not a number (default)", "soon", 1_209_600],
  ])("turns expiration %s into expires_in %d", async (_, expiration, expiresIn) => {
    const params = authorizeParams("token", expiration === undefined ? {} : { expiration });
    const response = await submitSignIn(portal, params);
    expect(answerOf(response.headers.get("location"), "fragment").get("expires_in")).toBe(String(expiresIn));
  });

  it("echoes state exactly, percent-encoded", async () => {
    const state = "a b+c&d=é#<x>/%";
    const location =
      (await submitSignIn(portal, authorizeParams("token", { state }))).headers.get("location") ?? "";
    expect(location).toContain(`&state=${encodeURIComponent(state)}`);
    expect(answerOf(location, "fragment").get("state")).toBe(state);
  });

  it("signs in with response_type=code: 303 to ?code=…&state=…", async () => {
    const response = await submitSignIn(portal, authorizeParams("code"), { username: "alee" });
    expect(response.status).toBe(303);
    const location = response.headers.get("location") ?? "";
    expect(location).toMatch(
      /^http:\/\/localhost:5173\/callback\.html\?code=[A-Za-z0-9_-]{43}&state=state-123$/,
    );
  });

  it("answers Cancel with access_denied in the fragment (implicit) or the query (code)", async () => {
    const implicit = await submitSignIn(portal, authorizeParams("token"), { action: "cancel", password: "" });
    expect(implicit.status).toBe(303);
    expect(implicit.headers.get("location")).toBe(
      `${REDIRECT_URI}#error=access_denied&error_description=The%20user%20has%20denied%20your%20request.&state=state-123`,
    );
    const code = await submitSignIn(portal, authorizeParams("code"), { action: "cancel" });
    expect(code.headers.get("location")).toBe(
      `${REDIRECT_URI}?error=access_denied&error_description=The%20user%20has%20denied%20your%20request.&state=state-123`,
    );
  });

  it("shows the form again with a message after a wrong password, and does not redirect", async () => {
    const response = await submitSignIn(portal, authorizeParams("token", { state: "<b>s</b>" }), {
      username: "jsmith",
      password: "wrong",
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("location")).toBeNull();
    const html = await response.text();
    expect(html).toContain('role="alert">Invalid username or password.</p>');
    expect(html).toContain(
      'name="username" type="text" autocomplete="username" autocapitalize="none" value="jsmith"',
    );
    expect(html).toContain('value="&lt;b&gt;s&lt;/b&gt;"');
  });

  it("rejects a tampered redirect_uri in the hidden fields with the error page", async () => {
    const response = await submitSignIn(
      portal,
      authorizeParams("token", { redirect_uri: "https://evil.example/cb" }),
    );
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
  });

  it("signs in the second registered redirect URI too", async () => {
    const redirect = "http://127.0.0.1:5174/callback.html";
    const response = await submitSignIn(portal, authorizeParams("token", { redirect_uri: redirect }));
    expect(response.headers.get("location")?.startsWith(`${redirect}#access_token=`)).toBe(true);
  });
});
