import { describe, expect, it, vi } from "vitest";
import { PortalError } from "../../protocol/errors.ts";
import type { ShellHost } from "../host.ts";
import type { Lifetime } from "../lifetime.ts";
import type { TokenEndpoint } from "../signin/tokenEndpoint.ts";
import type { SessionRecord } from "../types.ts";
import type { TokenDiscard } from "./discard.ts";
import { createSessionEpoch, type SessionEpoch } from "./epoch.ts";
import { isRefreshable } from "./expiry.ts";
import { createSessionRefresher, type RefreshOutcome } from "./refresh.ts";
import type { SessionHolder } from "./SessionHolder.ts";
import type { SessionStore } from "./store.ts";

const portal = "http://localhost:4100/sharing/rest";
const now = 1_800_000_000_000;
const rec = (token: string, expires = now + 60_000): SessionRecord => ({
  session: { token, expires, username: "jsmith", ssl: false, portal },
  refreshToken: "RT",
  refreshExpires: now + 14 * 86_400_000,
});

/** The refresher over fakes of what the session service hands it; `publish` gets what it adopts. */
async function createRefresher(deps: {
  current: () => SessionRecord | null;
  stored: () => SessionRecord | null;
  tokens: Pick<TokenEndpoint, "refresh">;
  locks: LockManager | null;
  key: string;
  now: () => number;
  publish: (outcome: RefreshOutcome) => void;
  epoch: SessionEpoch;
  discard: (record: SessionRecord) => void;
}) {
  const refresh = await createSessionRefresher(
    {
      host: { locks: deps.locks, now: deps.now } as ShellHost,
      life: { over: false } as Lifetime,
      epoch: deps.epoch,
      endpoint: async () => deps.tokens,
      discard: { revokeSession: async (record: SessionRecord) => deps.discard(record) } as TokenDiscard,
    },
    {
      key: deps.key,
      holder: {
        get record() {
          return deps.current();
        },
      } as SessionHolder,
      store: { read: deps.stored } as SessionStore,
      adopt: (_kind, record, announce) => deps.publish({ record, adopted: !announce }),
    },
  );
  return { refresh };
}

async function setup(current: () => SessionRecord | null, stored: () => SessionRecord | null = () => null) {
  let release!: () => void;
  let fail!: (error: Error) => void;
  const gate = new Promise<void>((resolve, reject) => {
    release = resolve;
    fail = reject;
  });
  const refresh = vi.fn(async (record: SessionRecord, grant: string) => {
    await gate;
    const rotated = grant === "exchange_refresh_token" ? { refreshToken: "RT2" } : {};
    return { ...record, ...rotated, session: { ...record.session, token: "NEW", expires: now + 1_800_000 } };
  });
  const publish = vi.fn();
  const discard = vi.fn();
  const epoch = createSessionEpoch();
  const refresher = await createRefresher({
    current,
    stored,
    tokens: { refresh },
    locks: null,
    key: "l",
    now: () => now,
    publish,
    epoch,
    discard,
  });
  return { refresher, refresh, release, fail, publish, discard, epoch };
}

describe("refresher", () => {
  it("is single-flight: concurrent refreshes make one portal call", async () => {
    const { refresher, refresh, release, publish } = await setup(() => rec("OLD"));
    const all = Promise.all([refresher.refresh("OLD"), refresher.refresh("OLD"), refresher.refresh("OLD")]);
    release();
    const outcomes = await all;
    expect(refresh).toHaveBeenCalledOnce();
    expect(refresh.mock.calls[0]?.[1]).toBe("refresh_token");
    expect(outcomes.map((o) => o?.record.session.token)).toEqual(["NEW", "NEW", "NEW"]);
    expect(publish).toHaveBeenCalledOnce();
  });

  it("adopts a newer record another tab left in storage instead of asking the portal", async () => {
    const { refresher, refresh } = await setup(
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
    const refresher = await createRefresher({
      publish: () => events.push("publish"),
      current: () => rec("OLD"),
      stored: () => null,
      tokens: { refresh: async (r) => r },
      locks: { request } as unknown as LockManager,
      key: "x",
      now: () => now,
      epoch: createSessionEpoch(),
      discard: () => {},
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
    const { refresher, refresh, release } = await setup(() => nearEnd);
    release();
    await refresher.refresh("OLD");
    expect(refresh.mock.calls[0]?.[1]).toBe("exchange_refresh_token");
    const withoutRefreshToken: SessionRecord = { session: rec("OLD").session };
    const none = await setup(() => withoutRefreshToken);
    expect(isRefreshable(withoutRefreshToken, now)).toBe(false);
    await expect(none.refresher.refresh("OLD")).rejects.toBeInstanceOf(PortalError);
  });

  it("drops an answer whose epoch ended meanwhile: not published, its new access token discarded", async () => {
    const { refresher, release, publish, discard, epoch } = await setup(() => rec("OLD"));
    const outcome = refresher.refresh("OLD");
    epoch.end(); // signed out while the portal answers
    release();
    await expect(outcome).resolves.toBeNull();
    expect(publish).not.toHaveBeenCalled();
    // refresh_token carries the spent refresh token over: only the new access token is the answer's.
    expect(discard).toHaveBeenCalledWith({ session: expect.objectContaining({ token: "NEW" }) });
  });

  it("discards a rotated refresh token (exchange_refresh_token) with the access token", async () => {
    const nearEnd = { ...rec("OLD"), refreshExpires: now + 3_600_000 };
    const { refresher, release, discard, epoch } = await setup(() => nearEnd);
    const outcome = refresher.refresh("OLD");
    epoch.end();
    release();
    await expect(outcome).resolves.toBeNull();
    expect(discard).toHaveBeenCalledWith(
      expect.objectContaining({ refreshToken: "RT2", session: expect.objectContaining({ token: "NEW" }) }),
    );
  });

  it("drops a failure whose epoch ended: the gone session's error reaches nobody", async () => {
    const { refresher, fail, epoch, discard } = await setup(() => rec("OLD"));
    const outcome = refresher.refresh("OLD");
    epoch.end();
    fail(new PortalError("refused", 400));
    await expect(outcome).resolves.toBeNull();
    expect(discard).not.toHaveBeenCalled();
  });

  it("does not ask the portal when the epoch ended before the refresh got its turn", async () => {
    let run: (() => Promise<unknown>) | undefined;
    const request = vi.fn(async (_name: string, _options: object, work: () => Promise<unknown>) => {
      run = work; // the lock is held elsewhere for now
    });
    const refresh = vi.fn();
    const epoch = createSessionEpoch();
    const refresher = await createRefresher({
      publish: vi.fn(),
      current: () => rec("OLD"),
      stored: () => null,
      tokens: { refresh },
      locks: { request } as unknown as LockManager,
      key: "l",
      now: () => now,
      epoch,
      discard: vi.fn(),
    });
    const outcome = refresher.refresh("OLD");
    await vi.waitFor(() => expect(run).toBeDefined());
    epoch.end();
    await run?.();
    await expect(outcome).resolves.toBeNull();
    expect(refresh).not.toHaveBeenCalled();
  });

  it("is single-flight per epoch: a refresh for the next session does not join the dropped one", async () => {
    let current = rec("OLD");
    const { refresher, refresh, release, epoch } = await setup(() => current);
    const first = refresher.refresh("OLD");
    epoch.end(); // signed out, then in again
    current = { ...rec("ALEE"), session: { ...rec("ALEE").session, username: "alee" } };
    const second = refresher.refresh("ALEE");
    expect(second).not.toBe(first);
    release();
    await expect(first).resolves.toBeNull();
    await expect(second).resolves.toMatchObject({ record: { session: { username: "alee", token: "NEW" } } });
    expect(refresh).toHaveBeenCalledTimes(2);
  });
});
