import { describe, expect, it } from "vitest";
import { InvalidOptionsError } from "../protocol/errors.ts";
import { DEFAULT_PORTAL, DEFAULT_SIGN_IN_TIMEOUT_MS, resolveOptions } from "./options.ts";

const base = { clientId: "app", redirectUri: "http://localhost:5173/callback.html" };

describe("resolveOptions", () => {
  it("fills the documented defaults", () => {
    expect(resolveOptions(base)).toEqual({
      clientId: "app",
      redirectUri: "http://localhost:5173/callback.html",
      redirectOrigin: "http://localhost:5173",
      portal: DEFAULT_PORTAL,
      flow: "pkce",
      expiration: 20160,
      popup: true,
      storage: "session",
      childOrigins: [],
      signInTimeoutMs: DEFAULT_SIGN_IN_TIMEOUT_MS,
      prompt: "default",
      locale: "",
      style: "",
    });
  });

  it("strips a trailing slash from the portal and keeps given values", () => {
    const prompt = async () => {};
    const resolved = resolveOptions({
      ...base,
      portal: "http://localhost:4100/sharing/rest/",
      flow: "implicit",
      expiration: 1,
      popup: false,
      storage: "memory",
      childOrigins: ["http://127.0.0.1:5174"],
      signInTimeoutMs: 500,
      prompt,
      style: "dark",
      locale: "de",
    });
    expect(resolved).toMatchObject({
      portal: "http://localhost:4100/sharing/rest",
      flow: "implicit",
      expiration: 1,
      popup: false,
      storage: "memory",
      childOrigins: ["http://127.0.0.1:5174"],
      signInTimeoutMs: 500,
      prompt,
      style: "dark",
      locale: "de",
    });
    expect(resolveOptions({ ...base, prompt: false }).prompt).toBe(false);
  });

  it.each([
    ["expiration 0", { expiration: 0 }],
    ["expiration 20161", { expiration: 20161 }],
    ["expiration 1.5", { expiration: 1.5 }],
    ["expiration NaN", { expiration: Number.NaN }],
    ["expiration as string", { expiration: "60" }],
    ["empty clientId", { clientId: "" }],
    ["relative redirectUri", { redirectUri: "/callback.html" }],
    ["redirectUri with fragment", { redirectUri: "http://localhost:5173/callback.html#x" }],
    ["javascript: redirectUri", { redirectUri: "javascript:alert(1)" }],
    ["unknown flow", { flow: "password" }],
    ["unknown storage", { storage: "cookie" }],
    ["signInTimeoutMs 0", { signInTimeoutMs: 0 }],
    ["signInTimeoutMs beyond the longest timer", { signInTimeoutMs: 2 ** 31 }],
    ["prompt true", { prompt: true }],
    ["childOrigins with a path", { childOrigins: ["http://127.0.0.1:5174/app"] }],
    ["portal with a query", { portal: "https://www.arcgis.com/sharing/rest?x=1" }],
    ["style other", { style: "blue" }],
  ])("rejects %s with InvalidOptionsError", (_, bad) => {
    const attempt = () => resolveOptions({ ...base, ...(bad as object) } as never);
    expect(attempt).toThrow(InvalidOptionsError);
    try {
      attempt();
    } catch (error) {
      expect((error as InvalidOptionsError).code).toBe("invalid-options");
    }
  });

  it("accepts the bounds of expiration", () => {
    expect(resolveOptions({ ...base, expiration: 1 }).expiration).toBe(1);
    expect(resolveOptions({ ...base, expiration: 20160 }).expiration).toBe(20160);
  });
});
