import { expose } from "comlink";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Answer, SessionInfo, ShellPortApi, TokenGrant } from "../protocol/appChannel.ts";
import { CLOSED_NOTICE_TYPE, SESSION_NOTICE_TYPE } from "../protocol/appNotices.ts";
import { AccessDeniedError, ShellUnavailableError } from "../protocol/errors.ts";
import { linkShell, type ShellLink } from "./link.ts";

const SESSION: SessionInfo = {
  username: "jsmith",
  expires: 1,
  portal: "http://p.test/sharing/rest",
  ssl: false,
};
const never = <T>() => new Promise<T>(() => {});
const ok = <T>(value: T): Answer<T> => ({ ok: true, value });

/** A shell end on a real MessageChannel, run by real Comlink; methods not given never answer. */
function shellEnd(methods: Partial<Record<keyof ShellPortApi, (...args: never[]) => Promise<unknown>>>) {
  const { port1, port2 } = new MessageChannel();
  const api = {
    hello: never,
    getToken: never,
    getSession: never,
    reportAuthError: never,
    ping: async () => ok(true as const),
    ...methods,
  };
  expose(api, port2 as unknown as MessagePort);
  const seen: unknown[] = [];
  port2.addEventListener("message", (event) => seen.push((event as MessageEvent).data));
  return { appPort: port1 as unknown as MessagePort, shellPort: port2, seen };
}

const links: ShellLink[] = [];
const open = (port: MessagePort, timeoutMs: number) => {
  const link = linkShell(port, timeoutMs);
  links.push(link);
  return link;
};
afterEach(() => {
  for (const link of links.splice(0)) link.close();
});

describe("linkShell", () => {
  it("resolves a call with the shell's value and rejects with the typed error it sent", async () => {
    const grant: TokenGrant = { token: "t-1", expires: 5 };
    const { appPort } = shellEnd({
      getToken: async () => ok(grant),
      reportAuthError: async () => ({ ok: false, error: { code: "access-denied", message: "x" } }),
    });
    const link = open(appPort, 1000);
    await expect(link.call("getToken", undefined, false)).resolves.toEqual(grant);
    const denied = link.call("reportAuthError", { code: 498 });
    await expect(denied).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(denied).rejects.toMatchObject({ code: "access-denied" });
  });

  it("rejects a call that gets no answer within the deadline with ShellUnavailableError", async () => {
    const { appPort } = shellEnd({});
    const link = open(appPort, 40);
    const started = Date.now();
    await expect(link.call("getSession")).rejects.toBeInstanceOf(ShellUnavailableError);
    expect(Date.now() - started).toBeGreaterThanOrEqual(35);
  });

  it("gives every call its own full deadline, however calls overlap and end", async () => {
    let answerSecond!: (value: Answer<SessionInfo | null>) => void;
    let sessions = 0;
    const { appPort } = shellEnd({
      getSession: () => (++sessions === 2 ? new Promise((resolve) => (answerSecond = resolve)) : never()),
    });
    const link = open(appPort, 80);
    const startedAt = Date.now();
    const failedAt = () => Date.now() - startedAt;
    const first = link.call("getSession").then(() => Number.NaN, failedAt);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = link.call("getSession");
    await new Promise((resolve) => setTimeout(resolve, 20));
    const third = link.call("getSession").then(() => Number.NaN, failedAt);
    answerSecond(ok(SESSION));
    await expect(second).resolves.toEqual(SESSION);
    const [firstFailedAt, thirdFailedAt] = await Promise.all([first, third]);
    expect(firstFailedAt).toBeGreaterThanOrEqual(75);
    expect(thirdFailedAt).toBeGreaterThanOrEqual(40 + 75);
    expect(thirdFailedAt - firstFailedAt).toBeGreaterThanOrEqual(30);
  });

  it("lets a call outlive the deadline while the shell answers pings", async () => {
    let answer!: (value: Answer<TokenGrant>) => void;
    let pings = 0;
    const { appPort } = shellEnd({
      reportAuthError: () => new Promise((resolve) => (answer = resolve)),
      ping: async () => {
        pings++;
        return ok(true as const);
      },
    });
    const link = open(appPort, 40);
    const waiting = link.callWhileAlive("reportAuthError", { code: 498 });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(pings).toBeGreaterThanOrEqual(2);
    answer(ok({ token: "after-sign-in", expires: 9 }));
    await expect(waiting).resolves.toEqual({ token: "after-sign-in", expires: 9 });
  });

  it("rejects a waiting call with ShellUnavailableError once the shell stops answering pings", async () => {
    let alive = true;
    const { appPort } = shellEnd({ ping: () => (alive ? Promise.resolve(ok(true as const)) : never()) });
    const link = open(appPort, 100);
    const waiting = link.callWhileAlive("reportAuthError", { code: 498 });
    await new Promise((resolve) => setTimeout(resolve, 150));
    alive = false;
    const stoppedAt = Date.now();
    await expect(waiting).rejects.toBeInstanceOf(ShellUnavailableError);
    // Noticed within one deadline (half a gap, then half a deadline for the ping), plus slack for
    // a loaded machine; without the pings the call would wait for ever.
    expect(Date.now() - stoppedAt).toBeLessThan(300);
  });

  it("fails a waiting call at its ping's deadline even when an ordinary call falls due later", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    try {
      const { appPort } = shellEnd({ ping: never });
      const link = open(appPort, 200);
      const failed: [string, number][] = [];
      const startedAt = Date.now();
      const failedAt = (name: string) => () => failed.push([name, Date.now() - startedAt]);
      // The ping goes out at 100 ms and falls due at 200 ms, before the ordinary call's 260 ms.
      const waiting = link.callWhileAlive("reportAuthError", { code: 498 }).catch(failedAt("waiting"));
      await vi.advanceTimersByTimeAsync(60);
      const ordinary = link.call("getSession").catch(failedAt("ordinary"));
      await vi.advanceTimersByTimeAsync(200);
      await Promise.all([waiting, ordinary]);
      expect(failed).toEqual([
        ["waiting", 200],
        ["ordinary", 260],
      ]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("fails pending and later calls at once when the shell sends its closed notice", async () => {
    const { appPort, shellPort } = shellEnd({});
    const link = open(appPort, 5000);
    const pending = link.call("getSession");
    shellPort.postMessage({ type: CLOSED_NOTICE_TYPE });
    await expect(pending).rejects.toBeInstanceOf(ShellUnavailableError);
    await expect(link.call("ping")).rejects.toBeInstanceOf(ShellUnavailableError);
  });

  it("passes session notices to listeners until they unsubscribe, and ignores anything else", async () => {
    const { appPort, shellPort } = shellEnd({});
    const link = open(appPort, 1000);
    const heard: (SessionInfo | null)[] = [];
    const stop = link.onSession((session) => heard.push(session));
    shellPort.postMessage({ type: SESSION_NOTICE_TYPE, session: SESSION });
    // A Comlink answer (it has an id) and a notice without a session object are not notices.
    shellPort.postMessage({ id: "x", type: SESSION_NOTICE_TYPE, session: null });
    shellPort.postMessage({ type: SESSION_NOTICE_TYPE, session: "jsmith" });
    shellPort.postMessage({ type: SESSION_NOTICE_TYPE, session: null });
    await link.call("ping"); // the port is ordered: every notice above has arrived
    stop();
    shellPort.postMessage({ type: SESSION_NOTICE_TYPE, session: SESSION });
    await link.call("ping");
    expect(heard).toEqual([SESSION, null]);
  });

  it("close() releases the shell's end, fails pending calls and every later one", async () => {
    const { appPort, seen } = shellEnd({});
    const link = linkShell(appPort, 5000);
    const pending = link.call("getSession");
    link.close();
    await expect(pending).rejects.toBeInstanceOf(ShellUnavailableError);
    await expect(link.call("ping")).rejects.toBeInstanceOf(ShellUnavailableError);
    await expect.poll(() => seen.some((m) => (m as { type?: string }).type === "RELEASE")).toBe(true);
  });
});
