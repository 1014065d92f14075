import { describe, expect, it, vi } from "vitest";
import { PortalError } from "../errors.ts";
import type { SessionRecord } from "../types.ts";
import { createRefresher } from "./refresh.ts";

const portal = "http://localhost:4100/sharing/rest";
const now = 1_800_000_000_000;
const rec = (token: string, expires = now + 60_000): SessionRecord => ({
  session: { token, expires, username: "jsmith", ssl: false, portal },
  refreshToken: "RT",
  refreshExpires: now + 14 * 86_400_000,
});

function setup(current: () => SessionRecord | null, stored: () => SessionRecord | null = () => null) {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const refresh = vi.fn(async (record: SessionRecord, _grant: string) => {
    await gate;
    return { ...record, session: { ...record.session, token: "NEW", expires: now + 1_800_000 } };
  });
  const publish = vi.fn();
  const refresher = createRefresher({
    current,
    stored,
    tokens: { refresh },
    locks: null,
    lockName: "l",
    now: () => now,
    publish,
  });
  return { refresher, refresh, release, publish };
}

describe("refresher", () => {
  it("is single-flight: concurrent refreshes make one portal call", async () => {
    const { refresher, refresh, release, publish } = setup(() => rec("OLD"));
    const all = Promise.all([refresher.refresh("OLD"), refresher.refresh("OLD"), refresher.refresh("OLD")]);
    release();
    const outcomes = await all;
    expect(refresh).toHaveBeenCalledOnce();
    expect(refresh.mock.calls[0]?.[1]).toBe("refresh_token");
    expect(outcomes.map((o) => o.record.session.token)).toEqual(["NEW", "NEW", "NEW"]);
    expect(publish).toHaveBeenCalledOnce();
  });

  it("adopts a newer record another tab left in storage instead of asking the portal", async () => {
    const { refresher, refresh } = setup(
      () => rec("OLD"),
      () => rec("FROM-OTHER-TAB", now + 1_800_000),
    );
    await expect(refresher.refresh("OLD")).resolves.toMatchObject({
      adopted: true,
      record: { session: { token: "FROM-OTHER-TAB" } },
    });
    expect(refresh).not.toHaveBeenCalled();
  });

  it("publishes under the Web Lock and keeps it a moment longer", async () => {
    const events: string[] = [];
    const request = vi.fn(async (_name: string, _options: object, run: () => Promise<unknown>) => {
      events.push("lock");
      await run();
      events.push("release");
    });
    const refresher = createRefresher({
      publish: () => events.push("publish"),
      current: () => rec("OLD"),
      stored: () => null,
      tokens: { refresh: async (r) => r },
      locks: { request } as unknown as LockManager,
      lockName: "arcgis-auth-shell:refresh:x",
      now: () => now,
    });
    await refresher.refresh("OLD");
    expect(request).toHaveBeenCalledWith(
      "arcgis-auth-shell:refresh:x",
      expect.anything(),
      expect.any(Function),
    );
  });

  it("exchanges a refresh token near its end, and refuses without one", async () => {
    const nearEnd = { ...rec("OLD"), refreshExpires: now + 3_600_000 };
    const { refresher, refresh, release } = setup(() => nearEnd);
    release();
    await refresher.refresh("OLD");
    expect(refresh.mock.calls[0]?.[1]).toBe("exchange_refresh_token");
    const none = setup(() => ({ session: rec("OLD").session }));
    expect(none.refresher.canRefresh({ session: rec("OLD").session })).toBe(false);
    await expect(none.refresher.refresh("OLD")).rejects.toBeInstanceOf(PortalError);
  });
});
