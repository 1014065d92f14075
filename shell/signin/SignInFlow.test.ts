import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CALLBACK_CHANNEL, REDIRECT_RESULT_KEY } from "../../protocol/callbackHandover.ts";
import { CALLBACK_MESSAGE_TYPE } from "../../protocol/callbackMessage.ts";
import { resolveOptions } from "../options.ts";
import { createSessionEpoch } from "../session/epoch.ts";
import { createFakeHost, type FakeHost, type FakePopup, json } from "../testing/fakeHost.ts";
import { createCallbackInbox } from "./callbackInbox.ts";
import { POPUP_FEATURES } from "./PopupWindow.ts";
import { createSignInFlow, type SignInFlow } from "./SignInFlow.ts";
import { createTokenEndpoint } from "./tokenEndpoint.ts";

const portal = "http://localhost:4100/sharing/rest";
const origin = "http://localhost:5173";

async function setup(overrides: Record<string, unknown> = {}) {
  const options = resolveOptions({
    clientId: "app",
    redirectUri: `${origin}/callback.html`,
    portal,
    signInTimeoutMs: 10_000,
    ...overrides,
  });
  const host = createFakeHost({
    origin,
    fetch: () =>
      json({
        access_token: "AT",
        expires_in: 1800,
        username: "jsmith",
        refresh_token: "RT",
        refresh_token_expires_in: 600,
      }),
  });
  const opened: string[][] = [];
  const open = host.open;
  host.open = (url, target, features) => {
    opened.push([url, target, features]);
    return open(url, target, features);
  };
  const tokens = createTokenEndpoint({ ...options, fetch: host.fetch, now: () => 0 });
  const epoch = createSessionEpoch();
  const discard = vi.fn();
  const inbox = createCallbackInbox(options, host);
  const flow = await createSignInFlow({
    opts: options,
    host,
    endpoint: { get: async () => tokens },
    epoch,
    discard: { revokeSession: discard },
    inbox,
  });
  return { host, flow, opened, options, epoch, discard, ignored: inbox.ignored };
}

async function navigated(popup: FakePopup): Promise<URL> {
  await vi.waitFor(() => expect(popup.url).toContain("/oauth2/authorize"));
  return new URL(popup.url);
}

const answer = (state: string, result: object = { kind: "code", code: "C" }) => ({
  type: CALLBACK_MESSAGE_TYPE,
  version: 1,
  state,
  result,
});

function reply(host: FakeHost, popup: FakePopup, data: unknown, from = origin) {
  host.dispatch({ origin: from, source: popup, data });
}

let flow: SignInFlow | undefined;
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  flow?.destroy(new Error("test over"));
  vi.useRealTimers();
});

describe("SignInFlow (popup)", () => {
  it("opens about:blank synchronously, then navigates to the PKCE authorize URL and exchanges the code", async () => {
    const t = await setup();
    flow = t.flow;
    const done = t.flow.start(false);
    expect(t.opened).toEqual([["about:blank", "_blank", POPUP_FEATURES]]);
    const popup = t.host.popups[0]!;
    const url = await navigated(popup);
    expect(url.searchParams.get("response_type")).toBe("code");
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(url.searchParams.get("state")).toMatch(/^[A-Za-z0-9_-]{43}$/); // not a redirect's
    reply(t.host, popup, answer(url.searchParams.get("state")!));
    await expect(done).resolves.toMatchObject({
      session: { token: "AT", username: "jsmith" },
      refreshToken: "RT",
    });
    expect(t.host.requests[0]?.body.get("code")).toBe("C");
    expect(t.host.requests[0]?.body.get("code_verifier")).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("implicit flow: response_type=token and the token answer is the session", async () => {
    const t = await setup({ flow: "implicit" });
    flow = t.flow;
    const done = t.flow.start(false);
    const popup = t.host.popups[0]!;
    const url = await navigated(popup);
    expect(url.searchParams.get("response_type")).toBe("token");
    expect(url.searchParams.has("code_challenge")).toBe(false);
    const token = { kind: "token", token: "T", expires: 123, username: "u", ssl: false };
    reply(t.host, popup, answer(url.searchParams.get("state")!, token));
    await expect(done).resolves.toEqual({
      session: { token: "T", expires: 123, username: "u", ssl: false, portal },
    });
  });

  it("shares one popup and one promise between concurrent starts", async () => {
    const t = await setup();
    flow = t.flow;
    const first = t.flow.start(false);
    const second = t.flow.start(false);
    first.catch(() => {});
    expect(second).toBe(first);
    expect(t.host.popups).toHaveLength(1);
    expect(t.host.popups[0]!.focused).toBe(1);
  });

  it("rejects with PopupBlockedError when window.open returns null, or redirects when asked", async () => {
    const t = await setup();
    flow = t.flow;
    t.host.blockPopups = true;
    await expect(t.flow.start(false)).rejects.toMatchObject({ code: "popup-blocked" });
    void t.flow.start(true).catch(() => {});
    await vi.waitFor(() => expect(t.host.assigned).toHaveLength(1));
    expect(t.host.assigned[0]).toContain("/oauth2/authorize?client_id=app");
  });

  it("rejects with PopupClosedError within 1 s when the user closes the popup", async () => {
    const t = await setup();
    flow = t.flow;
    const done = t.flow.start(false).catch((e: unknown) => e);
    const popup = t.host.popups[0]!;
    await navigated(popup);
    await vi.advanceTimersByTimeAsync(300); // the popup shows the portal
    popup.closed = true;
    await vi.advanceTimersByTimeAsync(1000);
    expect(await done).toMatchObject({ code: "popup-closed" });
  });

  it("keeps waiting on the BroadcastChannel when the popup reads closed at once (COOP severance)", async () => {
    const t = await setup();
    flow = t.flow;
    const done = t.flow.start(false);
    const popup = t.host.popups[0]!;
    popup.severOnNavigate = true; // reads closed from the moment it shows the portal
    const url = await navigated(popup);
    await vi.advanceTimersByTimeAsync(2000);
    t.host.bus.inject(CALLBACK_CHANNEL, answer(url.searchParams.get("state")!), origin);
    await expect(done).resolves.toMatchObject({ session: { token: "AT" } });
  });

  it("fails a severed popup with PopupClosedError when the callback is cross-origin (no channel)", async () => {
    const t = await setup({ redirectUri: "http://127.0.0.1:5174/callback.html" });
    flow = t.flow;
    const done = t.flow.start(false).catch((e: unknown) => e);
    t.host.popups[0]!.closed = true;
    await vi.advanceTimersByTimeAsync(1000);
    expect(await done).toMatchObject({ code: "popup-closed", message: expect.stringContaining("severed") });
  });

  it("times out with SignInTimeoutError and closes the popup", async () => {
    const t = await setup({ signInTimeoutMs: 5000 });
    flow = t.flow;
    const done = t.flow.start(false).catch((e: unknown) => e);
    await navigated(t.host.popups[0]!);
    await vi.advanceTimersByTimeAsync(5000);
    expect(await done).toMatchObject({ code: "sign-in-timeout" });
    expect(t.host.popups[0]!.closed).toBe(true);
  });

  it("ignores forged messages, accepts the real answer once, ignores its replay", async () => {
    const t = await setup();
    flow = t.flow;
    const done = t.flow.start(false);
    const popup = t.host.popups[0]!;
    const state = (await navigated(popup)).searchParams.get("state")!;
    reply(t.host, popup, answer(state), "http://evil.test");
    t.host.dispatch({ origin, source: {}, data: answer(state) });
    reply(t.host, popup, { ...answer(state), version: 2 });
    t.host.bus.inject(CALLBACK_CHANNEL, answer("someone-else"), origin);
    expect(t.ignored).toEqual({ origin: 1, source: 1, channel: 0, schema: 1, state: 1 });
    reply(t.host, popup, answer(state));
    await expect(done).resolves.toBeTruthy();
    reply(t.host, popup, answer(state));
    t.host.bus.inject(CALLBACK_CHANNEL, answer(state), origin);
    expect(t.ignored).toMatchObject({ source: 2, state: 2 });
    expect(t.host.requests).toHaveLength(1);
  });

  it("rejects with StateMismatchError when our popup answers with another state", async () => {
    const t = await setup();
    flow = t.flow;
    const done = t.flow.start(false).catch((e: unknown) => e);
    const popup = t.host.popups[0]!;
    await navigated(popup);
    reply(t.host, popup, answer("not-the-pending-state"));
    expect(await done).toMatchObject({ code: "state-mismatch" });
  });

  it("maps access_denied to AccessDeniedError", async () => {
    const t = await setup();
    flow = t.flow;
    const done = t.flow.start(false).catch((e: unknown) => e);
    const popup = t.host.popups[0]!;
    const state = (await navigated(popup)).searchParams.get("state")!;
    reply(t.host, popup, answer(state, { kind: "error", error: "access_denied", description: "denied" }));
    expect(await done).toMatchObject({ code: "access-denied" });
  });

  it("drops a code exchange whose session epoch ended before the portal answered", async () => {
    const t = await setup();
    flow = t.flow;
    const done = t.flow.start(false).catch((e: unknown) => e);
    const popup = t.host.popups[0]!;
    const url = await navigated(popup);
    reply(t.host, popup, answer(url.searchParams.get("state")!));
    expect(t.host.requests).toHaveLength(1); // the exchange has left for the portal
    t.epoch.end(); // a sign-out while it is under way
    expect(await done).toMatchObject({ code: "sign-in-failed" });
    expect(((await done) as Error).message).not.toContain("AT");
    expect(t.discard).toHaveBeenCalledWith(
      expect.objectContaining({ session: expect.objectContaining({ token: "AT" }), refreshToken: "RT" }),
    );
  });

  it("keeps a code exchange whose epoch is still current", async () => {
    const t = await setup();
    flow = t.flow;
    t.epoch.end(); // a sign-out before the sign-in started does not matter
    const done = t.flow.start(false);
    const popup = t.host.popups[0]!;
    const url = await navigated(popup);
    reply(t.host, popup, answer(url.searchParams.get("state")!));
    await expect(done).resolves.toMatchObject({ session: { token: "AT" } });
    expect(t.discard).not.toHaveBeenCalled();
  });

  it("rejects a running sign-in with the destroy error", async () => {
    const t = await setup();
    const done = t.flow.start(false).catch((e: unknown) => e);
    const error = new Error("gone");
    t.flow.destroy(error);
    expect(await done).toBe(error);
  });
});

describe("SignInFlow (full-page redirect)", () => {
  it("records the hand-over keys, leaves the page, and finishes from the stored answer once", async () => {
    const t = await setup({ popup: false });
    flow = t.flow;
    void t.flow.redirect().catch(() => {});
    await vi.waitFor(() => expect(t.host.assigned).toHaveLength(1));
    const state = new URL(t.host.assigned[0]!).searchParams.get("state")!;
    expect(state).toMatch(/^r\.[A-Za-z0-9_-]{43}$/); // marked for the callback page
    const storage = t.host.storage("session")!;
    expect(JSON.parse(storage.getItem(`arcgis-auth-shell:redirect:${state}`)!)).toEqual({
      returnTo: `${origin}/app/page?x=1`,
    });
    storage.setItem(REDIRECT_RESULT_KEY, JSON.stringify(answer(state)));
    await expect(t.flow.completeRedirect()).resolves.toMatchObject({ session: { token: "AT" } });
    await expect(t.flow.completeRedirect()).resolves.toBeNull();
    storage.setItem(REDIRECT_RESULT_KEY, JSON.stringify(answer(state)));
    await expect(t.flow.completeRedirect()).resolves.toBeNull(); // replay: state already spent
    expect(t.ignored.state).toBe(1);
  });

  it("drops a redirect's code exchange when the epoch ends while it runs", async () => {
    const t = await setup({ popup: false });
    flow = t.flow;
    void t.flow.redirect().catch(() => {});
    await vi.waitFor(() => expect(t.host.assigned).toHaveLength(1));
    const state = new URL(t.host.assigned[0]!).searchParams.get("state")!;
    t.host.storage("session")!.setItem(REDIRECT_RESULT_KEY, JSON.stringify(answer(state)));
    const done = t.flow.completeRedirect().catch((e: unknown) => e);
    t.epoch.end(); // another tab signed out while the code was exchanged
    expect(await done).toMatchObject({ code: "sign-in-failed" });
    expect(t.discard).toHaveBeenCalledOnce();
  });

  it("refuses a redirect with a cross-origin callback", async () => {
    const t = await setup({ redirectUri: "http://127.0.0.1:5174/callback.html" });
    flow = t.flow;
    await expect(t.flow.redirect()).rejects.toMatchObject({ code: "invalid-options" });
  });
});
