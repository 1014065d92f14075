import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createShellEvents } from "../events.ts";
import { createSignals } from "../signals.ts";
import { MemoryStorage } from "../testing/fakeHost.ts";
import type { SessionRecord } from "../types.ts";
import { createSessionHolder } from "./SessionHolder.ts";
import { createSessionStore } from "./store.ts";

const portal = "http://localhost:4100/sharing/rest";
const rec = (token: string, lifetimeMs: number, refreshToken?: string): SessionRecord => ({
  session: { token, expires: Date.now() + lifetimeMs, username: "jsmith", ssl: false, portal },
  refreshToken,
});

function setup(initial: SessionRecord | null = null) {
  const events = createShellEvents();
  const seen: string[] = [];
  for (const name of ["signed-in", "refreshed", "signed-out", "expiring", "expired"] as const) {
    events.on(name, () => seen.push(name));
  }
  const area = new MemoryStorage();
  const store = createSessionStore(area, "k", portal, () => Date.now());
  const onRefreshDue = vi.fn();
  const signals = createSignals();
  signals.on("refreshDue", onRefreshDue);
  const holder = createSessionHolder({ store, events, now: () => Date.now(), signals }, initial);
  return { holder, seen, area, onRefreshDue };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(1_800_000_000_000);
});
afterEach(() => vi.useRealTimers());

describe("session holder", () => {
  it("stores a sign-in, emits once, and hands the token out until the skew", () => {
    const { holder, seen, area } = setup();
    expect(holder.set(rec("AT", 60_000), "signed-in")).toBe(true);
    expect(holder.set(rec("AT", 60_000), "signed-in")).toBe(false);
    expect(seen).toEqual(["signed-in"]);
    expect(area.getItem("k")).toContain('"AT"');
    expect(holder.usableToken()).toBe("AT");
    vi.advanceTimersByTime(30_001);
    expect(holder.usableToken()).toBeNull();
  });

  it("emits expiring 5 minutes before the end, then expired, and forgets the session", () => {
    const { holder, seen, area } = setup();
    holder.set(rec("AT", 20 * 60_000), "signed-in");
    vi.advanceTimersByTime(15 * 60_000 - 1);
    expect(seen).toEqual(["signed-in"]);
    vi.advanceTimersByTime(1);
    expect(seen).toEqual(["signed-in", "expiring"]);
    vi.advanceTimersByTime(5 * 60_000);
    expect(seen).toEqual(["signed-in", "expiring", "expired"]);
    expect(holder.record).toBeNull();
    expect(holder.expired).toBe(true);
    expect(area.getItem("k")).toBeNull();
    // A clear with nothing held keeps why the last session ended; a new session's sign-out resets it.
    holder.clear("user");
    expect(holder.expired).toBe(true);
    holder.set(rec("AT2", 20 * 60_000), "signed-in");
    holder.clear("user");
    expect(holder.expired).toBe(false);
  });

  it("calls for a refresh before a refreshable session ends, and plans expiring after a refused refresh", () => {
    const { holder, seen, onRefreshDue } = setup();
    holder.set(rec("AT", 30 * 60_000, "RT"), "signed-in");
    vi.advanceTimersByTime(30 * 60_000 - 30_000 - 5 * 60_000);
    expect(onRefreshDue).toHaveBeenCalledWith("AT");
    holder.refreshFailed(true);
    expect(holder.record?.refreshToken).toBeUndefined();
    expect(seen).not.toContain("expiring");
    vi.advanceTimersByTime(30_000); // 5 minutes before the end
    expect(seen).toContain("expiring");
  });

  it("restores an initial record without an event, clears with signed-out, and honours invalidate", () => {
    const { holder, seen } = setup(rec("AT", 60_000));
    expect(holder.usableToken()).toBe("AT");
    holder.invalidate("AT");
    expect(holder.usableToken()).toBeNull();
    expect(holder.clear("user")?.session.token).toBe("AT");
    expect(holder.clear("user")).toBeNull();
    expect(seen).toEqual(["signed-out"]);
    expect(holder.expired).toBe(false);
  });
});
