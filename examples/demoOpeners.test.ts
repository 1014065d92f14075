import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { allowedOpenerOrigins, OPENERS_META_NAME } from "../callback/openers.ts";
import { DEMO_OPENERS, fillOpeners } from "./demoOpeners.ts";

const shipped = readFileSync(new URL("../callback/callback.html", import.meta.url), "utf8");

/** The meta's content as the page's script reads it (one attribute, HTML-unescaped enough here). */
function openersOf(html: string): string | null {
  const match = new RegExp(`<meta\\s+name="${OPENERS_META_NAME}"\\s+content="([^"]*)"`).exec(html);
  return match ? (match[1] ?? "") : null;
}

describe("demo openers", () => {
  it("ships a callback page whose list is present and empty", () => {
    expect(openersOf(shipped)).toBe("");
  });

  it("fills the demo's two origins into the callback page, which then trusts both", () => {
    const filled = fillOpeners(shipped, DEMO_OPENERS);
    expect(openersOf(filled)).toBe("http://localhost:5173 http://127.0.0.1:5174");
    expect(allowedOpenerOrigins(openersOf(filled), "http://127.0.0.1:5174")).toEqual([
      "http://127.0.0.1:5174",
      "http://localhost:5173",
    ]);
    expect(filled.replace(/content="[^"]*"/g, "")).toBe(shipped.replace(/content="[^"]*"/g, ""));
  });

  it("refuses a page without the meta, so the demo build cannot silently lose it", () => {
    expect(() => fillOpeners("<!doctype html><title>x</title>", DEMO_OPENERS)).toThrow(/openers meta/);
  });
});
