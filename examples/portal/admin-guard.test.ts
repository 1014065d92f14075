/**
 * The admin routes against cross-site requests: any page can POST a form or a text/plain fetch
 * to localhost without a preflight. Each refused request must change nothing.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { isJsonContentType, isLoopbackOrigin } from "./admin.ts";
import { admin, getJson, implicitToken, startTestPortal, type TestPortal } from "./test-support.ts";

let portal: TestPortal;
beforeAll(async () => {
  portal = await startTestPortal();
});
afterAll(() => portal.close());
beforeEach(async () => {
  await admin(portal, "reset");
});

const selfOf = (token: string) => getJson(`${portal.urls.portal}/community/self`, { f: "json", token });

/** A token, and a check that the portal still knows it and still has no pending failure. */
async function unchanged(run: () => Promise<void>): Promise<void> {
  const token = await implicitToken(portal);
  await run();
  expect((await selfOf(token)).username).toBe("jsmith");
  expect((await fetch(`${portal.urls.portal}/info?f=json`)).status).toBe(200);
}

describe("admin routes refuse cross-site requests", () => {
  it("answers 415 to a POST whose body is not JSON: a form, text/plain, no type at all", async () => {
    const bodies: Array<[string, RequestInit]> = [
      ["form", { body: new URLSearchParams({ refresh: "true" }) }],
      ["text/plain", { body: "{}", headers: { "content-type": "text/plain" } }],
      ["multipart", { body: new FormData() }],
      ["none", {}],
    ];
    await unchanged(async () => {
      for (const [what, init] of bodies) {
        for (const path of ["expire", "fail", "reset"]) {
          const response = await fetch(`${portal.origin}/__admin/${path}`, { method: "POST", ...init });
          expect(response.status, `${what} ${path}`).toBe(415);
          expect(((await response.json()) as { error: { code: number } }).error.code).toBe(415);
        }
      }
    });
  });

  it("answers 403 to a page on another origin, even with a JSON body", async () => {
    await unchanged(async () => {
      for (const origin of ["http://evil.example", "null", "https://localhost.evil.example", "file://"]) {
        const post = await fetch(`${portal.origin}/__admin/expire`, {
          method: "POST",
          headers: { "content-type": "application/json", origin },
          body: "{}",
        });
        expect(post.status, origin).toBe(403);
        const read = await fetch(`${portal.origin}/__admin/log`, { headers: { origin } });
        expect(read.status, origin).toBe(403);
      }
    });
  });

  it("still serves tools (no Origin) and pages on loopback origins with JSON", async () => {
    const token = await implicitToken(portal);
    const pages: Array<Record<string, string>> = [
      {},
      { origin: "http://localhost:5173" },
      { origin: "http://127.0.0.1:5174" },
    ];
    for (const headers of pages) {
      const response = await fetch(`${portal.origin}/__admin/config`, {
        method: "POST",
        headers: { "content-type": "application/json; charset=utf-8", ...headers },
        body: JSON.stringify({ accessTokenSeconds: 60 }),
      });
      expect(response.status).toBe(200);
    }
    await admin(portal, "expire");
    expect(await selfOf(token)).toEqual({ error: { code: 498, message: "Invalid token.", details: [] } });
  });
});

describe("isLoopbackOrigin / isJsonContentType", () => {
  it("tells loopback page origins from others", () => {
    for (const origin of [
      undefined,
      "http://localhost:5173",
      "https://a.localhost",
      "http://127.0.0.9",
      "http://[::1]:1",
    ])
      expect(isLoopbackOrigin(origin), String(origin)).toBe(true);
    for (const origin of [
      "null",
      "",
      "http://evil.example",
      "ftp://localhost",
      "http://localhost.evil.example",
    ])
      expect(isLoopbackOrigin(origin), origin).toBe(false);
  });

  it("accepts application/json with parameters, nothing else", () => {
    expect(isJsonContentType("application/json")).toBe(true);
    expect(isJsonContentType("Application/JSON ; charset=utf-8")).toBe(true);
    for (const type of [
      undefined,
      "",
      "text/plain",
      "application/jsonp",
      "application/x-www-form-urlencoded",
    ])
      expect(isJsonContentType(type), String(type)).toBe(false);
  });
});
