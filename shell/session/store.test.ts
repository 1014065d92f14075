import { describe, expect, it } from "vitest";
import { MemoryStorage } from "../testing/fakeHost.ts";
import { EXPIRY_SKEW_MS } from "./expiry.ts";
import { createSessionStore, sessionKey } from "./store.ts";

const portal = "http://localhost:4100/sharing/rest";
const now = 1_800_000_000_000;
const record = (expires = now + 600_000) => ({
  session: { token: "AT", expires, username: "jsmith", ssl: false, portal },
  refreshToken: "RT",
  refreshExpires: now + 10_000_000,
});

describe("session store", () => {
  it("keys the session per client id and portal", () => {
    expect(sessionKey(portal, "a")).not.toBe(sessionKey(portal, "b"));
    expect(sessionKey(portal, "a")).not.toBe(sessionKey("https://www.arcgis.com/sharing/rest", "a"));
  });

  it("writes, reads back and clears a usable record", () => {
    const area = new MemoryStorage();
    const store = createSessionStore(area, "k", portal, () => now);
    store.write(record());
    expect(createSessionStore(area, "k", portal, () => now).read()).toEqual(record());
    store.clear();
    expect(store.read()).toBeNull();
    expect(area.length).toBe(0);
  });

  it("does not restore an expired record (with skew) and deletes it", () => {
    const area = new MemoryStorage();
    const store = createSessionStore(area, "k", portal, () => now);
    store.write(record(now + EXPIRY_SKEW_MS));
    expect(store.read()).toBeNull();
    expect(area.getItem("k")).toBeNull();
  });

  it("drops malformed entries and another portal's record", () => {
    const area = new MemoryStorage();
    const store = createSessionStore(area, "k", portal, () => now);
    area.setItem("k", "{not json");
    expect(store.read()).toBeNull();
    area.setItem("k", JSON.stringify({ session: { token: "AT" } }));
    expect(store.read()).toBeNull();
    const other = record();
    other.session.portal = "https://evil.test/sharing/rest";
    area.setItem("k", JSON.stringify(other));
    expect(store.read()).toBeNull();
  });

  it("memory mode keeps nothing", () => {
    const store = createSessionStore(null, "k", portal, () => now);
    store.write(record());
    expect(store.read()).toBeNull();
  });

  it("survives a storage that throws", () => {
    const broken = new MemoryStorage();
    broken.setItem = () => {
      throw new Error("QuotaExceededError");
    };
    const store = createSessionStore(broken, "k", portal, () => now);
    expect(() => store.write(record())).not.toThrow();
    expect(store.read()).toBeNull();
  });
});
