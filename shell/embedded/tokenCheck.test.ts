import { describe, expect, it, vi } from "vitest";
import { portalAccepts } from "./tokenCheck.ts";

const PORTAL = "http://localhost:4100/sharing/rest";
const answer = (body: unknown, status = 200) => vi.fn(async () => Response.json(body, { status }));

describe("portalAccepts", () => {
  it("asks portals/self by POST with the token in the body only, and says yes to a normal answer", async () => {
    const fetchFn = answer({ id: "org", user: { username: "jsmith" } });
    expect(await portalAccepts(fetchFn, PORTAL, "tk+/=")).toBe(true);
    const [url, init] = fetchFn.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe(`${PORTAL}/portals/self`);
    expect(url).not.toContain("tk");
    expect(init.method).toBe("POST");
    expect(new URLSearchParams(init.body as URLSearchParams).get("token")).toBe("tk+/=");
    expect(init.signal).toBeInstanceOf(AbortSignal);
  });

  it.each([
    ["an ArcGIS 498 body", answer({ error: { code: 498, message: "Invalid token.", details: [] } })],
    ["an ArcGIS 499 body", answer({ error: { code: 499, message: "Token Required", details: [] } })],
    ["an HTTP 498", answer({}, 498)],
    ["an HTTP 503", answer({}, 503)],
    ["a body that is not JSON", vi.fn(async () => new Response("<html>"))],
    ["a network failure", vi.fn(async () => Promise.reject(new TypeError("Failed to fetch")))],
  ])("says no to %s", async (_, fetchFn) => {
    expect(await portalAccepts(fetchFn as unknown as typeof fetch, PORTAL, "tk")).toBe(false);
  });

  it("says yes to another ArcGIS error (a permission problem is no token problem)", async () => {
    expect(await portalAccepts(answer({ error: { code: 403, message: "No." } }), PORTAL, "tk")).toBe(true);
  });
});
