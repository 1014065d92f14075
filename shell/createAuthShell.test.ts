import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { CALLBACK_MESSAGE_TYPE } from "../protocol/callbackMessage.ts";
import { InvalidOptionsError } from "../protocol/errors.ts";
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
const stored = (token: string, refreshToken?: string): SessionRecord => ({
  session: { token, expires: Date.now() + 3_600_000, username: "jsmith", ssl: false, portal },
  refreshToken,
});

let counter = 0;
function portalFetch(url: string, init: RequestInit) {
  const body = new URLSearchParams(String(init.body));
  if (url.endsWith("/oauth2/revokeToken")) return json({ success: true });
  counter += 1;
  return json({
    access_token: `AT${counter}`,
    expires_in: 1800,
    username: "jsmith",
    ...(body.get("grant_type") === "authorization_code"
      ? { refresh_token: "RT", refresh_token_expires_in: 1209600 }
      : {}),
  });
}

const shells: AuthShell[] = [];
function make(host: FakeHost, options: object = {}) {
  const shell = createAuthShell({ ...base, ...options }, host);
  shells.push(shell);
  return shell;
}
afterEach(() => {
  for (const shell of shells.splice(0)) shell.destroy();
});

async function answerPopup(host: FakeHost, index = 0) {
  const popup = host.popups[index]!;
  await vi.waitFor(() => expect(popup.url).toContain("/oauth2/authorize"));
  const state = new URL(popup.url).searchParams.get("state");
  const data = { type: CALLBACK_MESSAGE_TYPE, version: 1, state, result: { kind: "code", code: "C" } };
  host.dispatch({ origin, source: popup, data });
}

describe("createAuthShell", () => {
  it("throws InvalidOptionsError before opening or listening", () => {
    const host = createFakeHost();
    const listen = vi.spyOn(host, "listen");
    expect(() => createAuthShell({ ...base, expiration: 0 }, host)).toThrow(InvalidOptionsError);
    expect(() =>
      createAuthShell({ ...base, popup: false, redirectUri: "http://127.0.0.1:5174/callback.html" }, host),
    ).toThrow(InvalidOptionsError);
    expect(listen).not.toHaveBeenCalled();
    expect(host.popups).toHaveLength(0);
  });

  it("restores a stored session and exposes it as session and credential", async () => {
    const host = createFakeHost({ fetch: portalFetch });
    host.storage("session")!.setItem(key, JSON.stringify(stored("AT0")));
    const shell = make(host);
    expect(shell.session?.token).toBe("AT0");
    expect(shell.toCredential()).toMatchObject({
      token: "AT0",
      userId: "jsmith",
      server: "http://localhost:4100",
    });
    await expect(shell.getToken()).resolves.toBe("AT0");
    await expect(shell.getToken(`${portal}/community/self`)).resolves.toBe("AT0");
    await expect(shell.getToken("http://localhost:4300/arcgis/rest/services")).rejects.toMatchObject({
      code: "untrusted-server",
    });
  });

  it("while signed out, getToken raises auth-required and waits for the app's sign-in", async () => {
    const host = createFakeHost({ fetch: portalFetch });
    const shell = make(host);
    const required = vi.fn();
    shell.on("auth-required", required);
    const waiting = shell.getToken();
    await vi.waitFor(() => expect(required).toHaveBeenCalledWith("signed-out"));
    const signedIn = shell.signIn();
    await answerPopup(host);
    const session = await signedIn;
    await expect(waiting).resolves.toBe(session.token);
  });

  it("reportAuthError: a stale token gets the current one, the current one is refreshed once for all", async () => {
    const host = createFakeHost({ fetch: portalFetch });
    host.storage("session")!.setItem(key, JSON.stringify(stored("AT0", "RT")));
    const shell = make(host);
    await expect(shell.reportAuthError({ token: "OLDER" })).resolves.toBe("AT0");
    const tokens = await Promise.all(
      Array.from({ length: 20 }, () => shell.reportAuthError({ token: "AT0", code: 498 })),
    );
    expect(new Set(tokens).size).toBe(1);
    expect(tokens[0]).not.toBe("AT0");
    expect(host.requests.filter((r) => r.body.get("grant_type") === "refresh_token")).toHaveLength(1);
  });

  it("signOut revokes both tokens, clears storage, and signs out the other tabs", async () => {
    const bus = new ChannelBus();
    const host = createFakeHost({ fetch: portalFetch, bus });
    const other = make(createFakeHost({ fetch: portalFetch, bus }));
    const shell = make(host);
    const signedIn = shell.signIn();
    await answerPopup(host);
    await signedIn;
    await vi.waitFor(() => expect(other.session?.token).toBe(shell.session?.token));
    const otherOut = vi.fn();
    other.on("signed-out", otherOut);
    await shell.signOut();
    const revoked = host.requests.filter((r) => r.url.endsWith("/oauth2/revokeToken"));
    expect(revoked.map((r) => r.body.get("token_type_hint"))).toEqual(["access_token", "refresh_token"]);
    expect(host.storage("session")!.getItem(key)).toBeNull();
    expect(shell.session).toBeNull();
    await vi.waitFor(() => expect(otherOut).toHaveBeenCalledWith("other-tab"));
  });

  it("a new tab with sessionStorage picks the session up from an open tab", async () => {
    const bus = new ChannelBus();
    const first = createFakeHost({ fetch: portalFetch, bus });
    first.storage("session")!.setItem(key, JSON.stringify(stored("AT0")));
    make(first);
    const fresh = make(createFakeHost({ fetch: portalFetch, bus }));
    await expect(fresh.ready).resolves.toMatchObject({ token: "AT0" });
  });

  it("a second signIn() while a blocked popup's sign-in leaves for the redirect opens no popup", async () => {
    const host = createFakeHost({ fetch: portalFetch });
    const shell = make(host);
    host.blockPopups = true;
    const first = shell.signIn({ redirectOnBlocked: true });
    first.catch(() => {});
    await vi.waitFor(() => expect(host.assigned[0]).toContain("/oauth2/authorize"));
    host.blockPopups = false; // the user clicks again while the page is leaving
    const second = shell.signIn();
    expect(second).toBe(first);
    // The flow is loaded (it sent the page away): one task later every step of the second call has run.
    await new Promise((resolve) => setTimeout(resolve));
    expect(host.popups).toHaveLength(0);
  });

  it("destroy rejects waits with ShellUnavailableError", async () => {
    const host = createFakeHost({ fetch: portalFetch });
    const shell = createAuthShell(base, host);
    const beforeReady = shell.getToken().catch((e: unknown) => e);
    shell.destroy();
    expect(await beforeReady).toMatchObject({ code: "shell-unavailable" });

    const other = createAuthShell(base, createFakeHost({ fetch: portalFetch }));
    await other.ready;
    const required = vi.fn();
    other.on("auth-required", required);
    const waitingForSignIn = other.getToken().catch((e: unknown) => e);
    await vi.waitFor(() => expect(required).toHaveBeenCalled());
    other.destroy();
    expect(await waitingForSignIn).toMatchObject({ code: "shell-unavailable" });
    await expect(other.signIn()).rejects.toMatchObject({ code: "shell-unavailable" });
  });
});
