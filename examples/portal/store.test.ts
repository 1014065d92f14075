/** The store forgets what has expired and never grows past its limits (a fake clock drives time). */
import { afterEach, describe, expect, it, vi } from "vitest";
import { PortalStore, STORE_LIMITS, SWEEP_INTERVAL_MS } from "./store.ts";

const ADDRESSES = { portalOrigin: "", federatedOrigin: "", standaloneOrigin: "" };
const CODE = {
  username: "jsmith",
  clientId: "arcgis-auth-shell-demo",
  redirectUri: "http://localhost:5173/callback.html",
  codeChallenge: "c",
  codeChallengeMethod: "plain" as const,
  refreshSeconds: 60,
};

/** A store whose clock only moves when the test says so. */
function storeWithClock() {
  const clock = { now: 1_000_000 };
  return { clock, store: new PortalStore(ADDRESSES, null, () => clock.now) };
}

const sizes = (store: PortalStore) => [
  store.codes.size,
  store.accessTokens.size,
  store.refreshTokens.size,
  store.serverTokens.size,
];

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("PortalStore purge", () => {
  it("sweep removes expired codes and tokens of every kind and keeps live ones", () => {
    const { clock, store } = storeWithClock();
    store.issueCode(CODE); // lives 10 minutes
    store.issueAccessToken("jsmith", 60);
    store.issueRefreshToken("jsmith", CODE.clientId, 60);
    store.issueServerToken("jsmith", "http://localhost:4200", clock.now + 60_000);
    const longAccess = store.issueAccessToken("jsmith", 3600);
    const longRefresh = store.issueRefreshToken("jsmith", CODE.clientId, 3600);
    clock.now += 60_000;
    store.sweep();
    expect(sizes(store)).toEqual([1, 1, 1, 0]);
    expect(store.validAccessToken(longAccess)).toBeDefined();
    expect(store.refreshTokens.has(longRefresh)).toBe(true);
    clock.now += 10 * 60_000;
    store.sweep();
    expect(sizes(store)).toEqual([0, 1, 1, 0]);
    clock.now += 3600_000;
    store.sweep();
    expect(sizes(store)).toEqual([0, 0, 0, 0]);
  });

  it("forgets an expired access or server token the first time it is presented", () => {
    const { clock, store } = storeWithClock();
    const access = store.issueAccessToken("jsmith", 60);
    const server = store.issueServerToken("jsmith", "http://localhost:4200", clock.now + 60_000);
    expect(store.validAccessToken(access)).toBeDefined();
    clock.now += 60_000;
    expect(store.validAccessToken(access)).toBeUndefined();
    expect(store.validServerToken(server)).toBeUndefined();
    expect(store.accessTokens.has(access)).toBe(false);
    expect(store.serverTokens.has(server)).toBe(false);
  });

  it("sweeps on a timer that does not keep Node alive, until stopped", () => {
    vi.useFakeTimers();
    const { clock, store } = storeWithClock();
    const interval = vi.spyOn(globalThis, "setInterval");
    const stop = store.startSweeping();
    expect((interval.mock.results[0]!.value as NodeJS.Timeout).hasRef()).toBe(false);
    store.issueAccessToken("jsmith", 30);
    clock.now += 30_000;
    vi.advanceTimersByTime(SWEEP_INTERVAL_MS);
    expect(store.accessTokens.size).toBe(0);
    stop();
    store.issueAccessToken("jsmith", 30);
    clock.now += 30_000;
    vi.advanceTimersByTime(SWEEP_INTERVAL_MS * 2);
    expect(store.accessTokens.size).toBe(1);
  });
});

describe("PortalStore limits", () => {
  it(`keeps at most ${STORE_LIMITS.accessTokens} access tokens, dropping the oldest first`, () => {
    const { store } = storeWithClock();
    const first = store.issueAccessToken("jsmith", 3600);
    const second = store.issueAccessToken("jsmith", 3600);
    for (let i = 2; i < STORE_LIMITS.accessTokens; i += 1) store.issueAccessToken("alee", 3600);
    expect(store.validAccessToken(first)).toBeDefined();
    const newest = store.issueAccessToken("jsmith", 3600);
    expect(store.accessTokens.size).toBe(STORE_LIMITS.accessTokens);
    expect(store.validAccessToken(first)).toBeUndefined();
    expect(store.validAccessToken(second)).toBeDefined();
    expect(store.validAccessToken(newest)).toBeDefined();
  });

  it("caps codes, refresh tokens and server tokens the same way", () => {
    const { clock, store } = storeWithClock();
    const kinds = [
      { limit: STORE_LIMITS.codes, map: store.codes, issue: () => store.issueCode(CODE) },
      {
        limit: STORE_LIMITS.refreshTokens,
        map: store.refreshTokens,
        issue: () => store.issueRefreshToken("jsmith", CODE.clientId, 3600),
      },
      {
        limit: STORE_LIMITS.serverTokens,
        map: store.serverTokens,
        issue: () => store.issueServerToken("jsmith", "http://localhost:4200", clock.now + 60_000),
      },
    ];
    for (const { limit, map, issue } of kinds) {
      const oldest = issue();
      for (let i = 0; i < limit; i += 1) issue();
      expect(map.size).toBe(limit);
      expect(map.has(oldest)).toBe(false);
    }
  });
});
