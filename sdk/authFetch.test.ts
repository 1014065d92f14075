import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createAuthFetch, withToken } from "./authFetch.ts";

const URL_BASE = "http://localhost:4200/arcgis/rest/services/Trees/FeatureServer/0/query";
const invalidToken = () => Response.json({ error: { code: 498, message: "Invalid token.", details: [] } });
const tokenRequired = () => Response.json({ error: { code: 499, message: "Token Required", details: [] } });
const forbidden = () =>
  Response.json({ error: { code: 403, message: "You do not have permissions", details: [] } });
const data = () => Response.json({ features: [{ attributes: { id: 1 } }] });

let sent: Request[];
let answers: (() => Response)[];
beforeEach(() => {
  sent = [];
  answers = [];
  vi.stubGlobal("fetch", async (request: Request) => {
    sent.push(request);
    return (answers.shift() ?? data)();
  });
});
afterEach(() => vi.unstubAllGlobals());

function setup(token: string | null | undefined, fresh = "fresh") {
  const recovered: [string, string | null, number][] = [];
  const authFetch = createAuthFetch({
    tokenFor: async () => token,
    recover: async (url, failed, code) => {
      recovered.push([url, failed, code]);
      return fresh;
    },
  });
  return { authFetch, recovered };
}

describe("withToken", () => {
  it("puts the token in the query on GET, keeping other parameters", async () => {
    const request = await withToken(new Request(`${URL_BASE}?where=1%3D1&f=json`), "t+k");
    const url = new URL(request.url);
    expect(url.searchParams.get("token")).toBe("t+k");
    expect(url.searchParams.get("where")).toBe("1=1");
  });

  it("adds a form field to form bodies and a header to other bodies", async () => {
    const form = await withToken(
      new Request(URL_BASE, { method: "POST", body: new URLSearchParams({ f: "json" }) }),
      "tk",
    );
    expect(new URLSearchParams(await form.text()).get("token")).toBe("tk");
    expect(new URL(form.url).searchParams.has("token")).toBe(false);

    const body = new FormData();
    body.set("f", "json");
    const multipart = await withToken(new Request(URL_BASE, { method: "POST", body }), "tk");
    expect((await multipart.formData()).get("token")).toBe("tk");

    expect(form.redirect).toBe("error");
    expect((await withToken(new Request(`${URL_BASE}?f=json`), "tk")).redirect).toBe("follow");
    const json = await withToken(
      new Request(URL_BASE, { method: "POST", body: "{}", headers: { "content-type": "application/json" } }),
      "tk",
    );
    expect(json.headers.get("x-esri-authorization")).toBe("Bearer tk");
    expect(json.redirect).toBe("error");
    expect(multipart.redirect).toBe("error");
  });
});

describe("client.fetch", () => {
  it("sends the token and hands back the caller's body unread", async () => {
    const { authFetch, recovered } = setup("tk");
    const response = await authFetch(`${URL_BASE}?f=json`);
    expect(new URL(sent[0]!.url).searchParams.get("token")).toBe("tk");
    expect(response.bodyUsed).toBe(false);
    expect(await response.json()).toEqual({ features: [{ attributes: { id: 1 } }] });
    expect(recovered).toEqual([]);
  });

  it("recovers once from a 498 body with the new token", async () => {
    const { authFetch, recovered } = setup("old");
    answers = [invalidToken];
    const response = await authFetch(URL_BASE, { method: "POST", body: new URLSearchParams({ f: "json" }) });
    expect(recovered).toEqual([[URL_BASE, "old", 498]]);
    expect(sent).toHaveLength(2);
    expect(new URLSearchParams(await sent[1]!.text()).get("token")).toBe("fresh");
    expect((await response.json()).features).toHaveLength(1);
  });

  it("recovers from HTTP 499 status too, and retries only once", async () => {
    const { authFetch, recovered } = setup("old");
    answers = [() => new Response("", { status: 499 }), invalidToken];
    const response = await authFetch(URL_BASE);
    expect(recovered).toHaveLength(1);
    expect(sent).toHaveLength(2);
    expect((await response.json()).error.code).toBe(498);
  });

  it("hands a 403 with a token back as is", async () => {
    const { authFetch, recovered } = setup("tk");
    answers = [forbidden];
    const response = await authFetch(URL_BASE);
    expect((await response.json()).error.code).toBe(403);
    expect(recovered).toEqual([]);
  });

  it("signed out: tries anonymously, then signs in on 499 or 403", async () => {
    for (const answer of [tokenRequired, forbidden]) {
      sent = [];
      const { authFetch, recovered } = setup(null);
      answers = [answer];
      await authFetch(URL_BASE);
      expect(new URL(sent[0]!.url).searchParams.has("token")).toBe(false);
      expect(recovered[0]?.[1]).toBeNull();
      expect(new URL(sent[1]!.url).searchParams.get("token")).toBe("fresh");
    }
  });

  it("never sends a token to an untrusted server and starts nothing", async () => {
    const { authFetch, recovered } = setup(undefined);
    answers = [tokenRequired];
    const response = await authFetch(`${URL_BASE}?token=mine`);
    expect(sent).toHaveLength(1);
    expect(new URL(sent[0]!.url).searchParams.get("token")).toBe("mine");
    expect((await response.json()).error.code).toBe(499);
    expect(recovered).toEqual([]);
  });

  it("asks no token for a URL string whose %2e%2e segments the Request resolves away", async () => {
    const asked: string[] = [];
    const authFetch = createAuthFetch({
      tokenFor: async (url) => {
        asked.push(url);
        return "portal-token";
      },
      recover: async () => "fresh",
    });
    await authFetch("http://localhost:4100/sharing/rest/%2E%2e/rest/community/self?f=json");
    expect(new URL(sent[0]!.url).pathname).toBe("/sharing/rest/community/self");
    expect(new URL(sent[0]!.url).searchParams.has("token")).toBe(false);
    await authFetch("http://localhost:4100/sharing/rest/community/self?f=json&next=%2e%2e");
    expect(asked).toEqual(["http://localhost:4100/sharing/rest/community/self?f=json&next=%2e%2e"]);
  });

  it("passes the recovery's typed error to the caller", async () => {
    const authFetch = createAuthFetch({
      tokenFor: async () => "old",
      recover: async () => {
        throw new Error("cancelled");
      },
    });
    answers = [invalidToken];
    await expect(authFetch(URL_BASE)).rejects.toThrow("cancelled");
  });
});
