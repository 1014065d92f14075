/**
 * Late answers against the session epoch, through the whole wiring: an answer the portal sends
 * after a sign-out, a sign-in or destroy() is dropped and its tokens revoked, in every tab.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { CALLBACK_MESSAGE_TYPE } from "../protocol/callbackMessage.ts";
import { TAB_CHANNEL_PREFIX } from "../protocol/tabs.ts";
import { type AuthShell, createAuthShell } from "./createAuthShell.ts";
import { sessionKey } from "./session/store.ts";
import { ChannelBus, createFakeHost, type FakeHost, json } from "./testing/fakeHost.ts";
import type { SessionRecord } from "./types.ts";

// The parts the shell loads on first use: loaded once here, so a first use is not slowed by the transform.
beforeAll(() => import("./later.ts"), 30_000);
const portal = "http://localhost:4100/sharing/rest";
const origin = "http://localhost:5173";
const base = { clientId: "app", redirectUri: `${origin}/callback.html`, portal, prompt: false as const };
const key = sessionKey(portal, "app");
const record = (token: string, username = "jsmith", refreshToken = "RT"): SessionRecord => ({
  session: { token, expires: Date.now() + 3_600_000, username, ssl: false, portal },
  refreshToken,
});

/** A token endpoint whose refresh answers wait for `release()`; a code "alee" signs alee in. */
function portalFetch() {
  let counter = 0;
  let release!: () => void;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  const fetch = async (url: string, init: RequestInit) => {
    const body = new URLSearchParams(String(init.body));
    if (url.endsWith("/oauth2/revokeToken")) return json({ success: true });
    counter += 1;
    const token = `AT${counter}`;
    if (body.get("grant_type") === "refresh_token") {
      await held;
      return json({ access_token: token, expires_in: 1800 });
    }
    const username = body.get("code") === "alee" ? "alee" : "jsmith";
    return json({ access_token: token, expires_in: 1800, username, refresh_token: `RT-${token}` });
  };
  return { fetch, release };
}

const revoked = (host: FakeHost) =>
  host.requests.filter((r) => r.url.endsWith("/oauth2/revokeToken")).map((r) => r.body.get("auth_token"));
const refreshes = (host: FakeHost) =>
  host.requests.filter((r) => r.body.get("grant_type") === "refresh_token").length;

const shells: AuthShell[] = [];
function make(host: FakeHost) {
  const shell = createAuthShell(base, host);
  shells.push(shell);
  return shell;
}
afterEach(() => {
  for (const shell of shells.splice(0)) shell.destroy();
});

async function signInAs(shell: AuthShell, host: FakeHost, code: string) {
  const signedIn = shell.signIn();
  const popup = host.popups.at(-1)!;
  await vi.waitFor(() => expect(popup.url).toContain("/oauth2/authorize"));
  const state = new URL(popup.url).searchParams.get("state");
  host.dispatch({
    origin,
    source: popup,
    data: { type: CALLBACK_MESSAGE_TYPE, version: 1, state, result: { kind: "code", code } },
  });
  return signedIn;
}

/** Two tabs on one bus; the first starts with jsmith's stored session, the second asks it. */
async function twoTabs() {
  const portal = portalFetch();
  const bus = new ChannelBus();
  const first = createFakeHost({ fetch: portal.fetch, bus });
  first.storage("session")!.setItem(key, JSON.stringify(record("AT0")));
  const second = createFakeHost({ fetch: portal.fetch, bus });
  const one = make(first);
  const two = make(second);
  await two.ready;
  expect(two.session?.token).toBe("AT0");
  return { portal, first, second, one, two };
}

describe("late answers and the session epoch", () => {
  it("sign-out during a silent refresh: the late answer is dropped everywhere and its access token revoked", async () => {
    const { portal, first, one, two } = await twoTabs();
    const refreshed = vi.fn();
    one.on("refreshed", refreshed);
    two.on("refreshed", refreshed);
    void one.reportAuthError({ token: "AT0" }).catch(() => {});
    await vi.waitFor(() => expect(refreshes(first)).toBe(1));
    await one.signOut();
    portal.release();
    // The sign-out revoked AT0 and RT; the late answer adds its own access token (its refresh
    // token is RT carried over, already revoked).
    await vi.waitFor(() => expect(revoked(first)).toEqual(["AT0", "RT", "AT1"]));
    expect([one.session, two.session]).toEqual([null, null]);
    expect(first.storage("session")!.getItem(key)).toBeNull();
    expect(refreshed).not.toHaveBeenCalled();
  });

  it("sign-out and alee's sign-in in another tab during jsmith's refresh: every tab ends as alee", async () => {
    const { portal, first, second, one, two } = await twoTabs();
    void one.reportAuthError({ token: "AT0" }).catch(() => {});
    await vi.waitFor(() => expect(refreshes(first)).toBe(1));
    await two.signOut();
    const alee = await signInAs(two, second, "alee");
    await vi.waitFor(() => expect(one.session?.username).toBe("alee"));
    portal.release();
    await vi.waitFor(() => expect(revoked(first)).toContain("AT1"));
    expect([one.session?.token, two.session?.token]).toEqual([alee.token, alee.token]);
    expect(JSON.parse(first.storage("session")!.getItem(key)!).session.username).toBe("alee");
  });

  it("destroy during a refresh: the late access token is revoked, the refresh token other tabs use is not", async () => {
    const { portal, first, one, two } = await twoTabs();
    void one.reportAuthError({ token: "AT0" }).catch(() => {});
    await vi.waitFor(() => expect(refreshes(first)).toBe(1));
    one.destroy();
    portal.release();
    await vi.waitFor(() => expect(revoked(first)).toEqual(["AT1"]));
    expect(two.session?.token).toBe("AT0");
  });

  it("a tab without a session, or with another user's, never adopts another tab's refreshed record", async () => {
    const portal = portalFetch();
    const bus = new ChannelBus();
    const host = createFakeHost({ fetch: portal.fetch, bus });
    const shell = make(host);
    await shell.ready;
    const late = { type: "session", kind: "refreshed", record: record("LATE", "jsmith") };
    bus.inject(TAB_CHANNEL_PREFIX + key, late, origin);
    expect(shell.session).toBeNull();
    await signInAs(shell, host, "alee");
    bus.inject(TAB_CHANNEL_PREFIX + key, late, origin);
    expect(shell.session?.username).toBe("alee");
    const renewal = {
      ...late,
      record: {
        ...record("NEWER", "alee"),
        session: { ...record("NEWER", "alee").session, expires: Date.now() + 7_200_000 },
      },
    };
    bus.inject(TAB_CHANNEL_PREFIX + key, renewal, origin);
    expect(shell.session?.token).toBe("NEWER"); // the same user's renewal still goes through
  });

  it("a new tab signed out before the other tabs answered does not take their session", async () => {
    const portal = portalFetch();
    const bus = new ChannelBus();
    const first = createFakeHost({ fetch: portal.fetch, bus });
    first.storage("session")!.setItem(key, JSON.stringify(record("AT0")));
    make(first);
    const fresh = make(createFakeHost({ fetch: portal.fetch, bus }));
    void fresh.signOut();
    await expect(fresh.ready).resolves.toBeNull();
    expect(fresh.session).toBeNull();
  });
});
