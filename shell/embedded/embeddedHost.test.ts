import { afterEach, describe, expect, it, vi } from "vitest";
import { windowAccess } from "../channels/pageAccess.ts";
import { fakeFrame, fakePage } from "../testing/fakeWindow.ts";
import type { ArcGISCredential } from "../types.ts";
import { ASK_WINDOW_MS, ERRORS_PER_WINDOW, REPORTS_PER_WINDOW } from "./askPolicy.ts";
import { listenForEmbeddedApps } from "./embeddedHost.ts";

const CHILD_ORIGIN = "http://127.0.0.1:5174";
const credential: ArcGISCredential = {
  token: "tk",
  userId: "jsmith",
  server: "http://localhost:4100",
  ssl: false,
  expires: 1_900_000_000_000,
};
const request = { type: "arcgis:auth:requestCredential" };

function setup(
  provide: () => Promise<ArcGISCredential>,
  shell: { current: string | null; reportFailed?: (token: string) => Promise<ArcGISCredential> } = {
    current: credential.token,
  },
) {
  const child = fakeFrame();
  const stranger = fakeFrame();
  const { win, send } = fakePage([child]);
  const reportFailed = vi.fn(shell.reportFailed ?? (async () => credential));
  const stop = listenForEmbeddedApps({
    childOrigins: [CHILD_ORIGIN],
    credential: provide,
    reportFailed,
    currentToken: () => shell.current,
    page: windowAccess(win),
  });
  return { child, stranger, send, stop, reportFailed };
}

const renewed = (token: string): ArcGISCredential => ({ ...credential, token });
const answerTypes = (child: ReturnType<typeof fakeFrame>) =>
  child.postMessage.mock.calls.map(([message]) => {
    const m = message as { type: string; credential?: { token: string } };
    return m.credential ? `${m.type} ${m.credential.token}` : m.type;
  });

describe("listenForEmbeddedApps", () => {
  it("sends an allowed frame exactly one credential message, to its origin", async () => {
    const { child, send } = setup(async () => credential);
    send(request, CHILD_ORIGIN, child);
    await vi.waitFor(() => expect(child.postMessage).toHaveBeenCalledTimes(1));
    expect(child.postMessage).toHaveBeenCalledWith(
      { type: "arcgis:auth:credential", credential },
      CHILD_ORIGIN,
    );
  });

  it("answers a failed sign-in with arcgis:auth:error", async () => {
    const { child, send } = setup(async () => {
      throw new Error("The user cancelled sign-in.");
    });
    send(request, CHILD_ORIGIN, child);
    await vi.waitFor(() => expect(child.postMessage).toHaveBeenCalledTimes(1));
    expect(child.postMessage.mock.calls[0]![0]).toEqual({
      type: "arcgis:auth:error",
      error: { name: "tokenExpiredError", message: "The user cancelled sign-in." },
    });
  });

  it("stays silent to other origins and to windows that are not its frames", async () => {
    const provide = vi.fn(async () => credential);
    const { child, stranger, send } = setup(provide);
    send(request, "http://evil.test", child);
    send(request, CHILD_ORIGIN, stranger);
    send({ type: "arcgis:auth:credential" }, CHILD_ORIGIN, child);
    await Promise.resolve();
    expect(provide).not.toHaveBeenCalled();
    expect(child.postMessage).not.toHaveBeenCalled();
    expect(stranger.postMessage).not.toHaveBeenCalled();
  });

  it("fails requests still waiting when stopped, once", async () => {
    let release: (c: ArcGISCredential) => void = () => {};
    const { child, send, stop } = setup(() => new Promise((resolve) => (release = resolve)));
    send(request, CHILD_ORIGIN, child);
    stop();
    release(credential);
    await Promise.resolve();
    expect(child.postMessage).toHaveBeenCalledTimes(1);
    expect(child.postMessage.mock.calls[0]![0]).toMatchObject({ type: "arcgis:auth:error" });
  });

  it("takes a repeat ask with the current token as a report, and answers with the renewed credential", async () => {
    const shell = { current: "tk" as string | null, reportFailed: async () => renewed("tk2") };
    const provide = vi.fn(async () => credential);
    const { child, send, reportFailed } = setup(provide, shell);
    send(request, CHILD_ORIGIN, child);
    await vi.waitFor(() => expect(child.postMessage).toHaveBeenCalledTimes(1));
    send(request, CHILD_ORIGIN, child); // the child met a 498 with "tk"
    await vi.waitFor(() => expect(child.postMessage).toHaveBeenCalledTimes(2));
    expect(reportFailed).toHaveBeenCalledExactlyOnceWith("tk");
    expect(provide).toHaveBeenCalledTimes(1);
    expect(answerTypes(child)).toEqual(["arcgis:auth:credential tk", "arcgis:auth:credential tk2"]);
  });

  it("answers a repeat the shell finds harmless (a reload) with the same credential again", async () => {
    const { child, send, reportFailed } = setup(async () => credential);
    for (let i = 0; i < 3; i++) {
      send(request, CHILD_ORIGIN, child);
      await vi.waitFor(() => expect(child.postMessage).toHaveBeenCalledTimes(i + 1));
    }
    expect(reportFailed).toHaveBeenCalledTimes(2);
    expect(answerTypes(child)).toEqual(Array(3).fill("arcgis:auth:credential tk"));
  });

  it("answers a repeat ask with an older token with the current credential, without a report", async () => {
    const shell = { current: "tk" as string | null };
    const provide = vi.fn(async () => renewed(shell.current ?? ""));
    const { child, send, reportFailed } = setup(provide, shell);
    send(request, CHILD_ORIGIN, child);
    await vi.waitFor(() => expect(child.postMessage).toHaveBeenCalledTimes(1));
    shell.current = "tk2"; // another app's report already renewed it
    send(request, CHILD_ORIGIN, child);
    await vi.waitFor(() => expect(child.postMessage).toHaveBeenCalledTimes(2));
    expect(reportFailed).not.toHaveBeenCalled();
    expect(answerTypes(child)).toEqual(["arcgis:auth:credential tk", "arcgis:auth:credential tk2"]);
  });

  it("answers at once from a usable session, and takes the frame's next ask as a report", async () => {
    const child = fakeFrame();
    const { win, send } = fakePage([child]);
    const reportFailed = vi.fn(async () => renewed("tk2"));
    listenForEmbeddedApps({
      childOrigins: [CHILD_ORIGIN],
      credential: () => credential,
      reportFailed,
      currentToken: () => credential.token,
      page: windowAccess(win),
    });
    send(request, CHILD_ORIGIN, child);
    // Within the message's own task: no promise to wait for.
    expect(answerTypes(child)).toEqual(["arcgis:auth:credential tk"]);
    send(request, CHILD_ORIGIN, child);
    await vi.waitFor(() => expect(answerTypes(child)).toHaveLength(2));
    expect(reportFailed).toHaveBeenCalledWith("tk");
    expect(answerTypes(child)[1]).toBe("arcgis:auth:credential tk2");
  });

  it("answers repeats that come while an answer is on its way with that one answer", async () => {
    let release: (c: ArcGISCredential) => void = () => {};
    const provide = vi.fn(() => new Promise<ArcGISCredential>((resolve) => (release = resolve)));
    const { child, send } = setup(provide);
    for (let i = 0; i < 20; i++) send(request, CHILD_ORIGIN, child);
    release(credential);
    await vi.waitFor(() => expect(child.postMessage).toHaveBeenCalledTimes(1));
    expect(provide).toHaveBeenCalledTimes(1);
  });
});

describe("listenForEmbeddedApps bounds a child that keeps asking", () => {
  afterEach(() => vi.useRealTimers());

  it(`answers ${REPORTS_PER_WINDOW} reports per window, then ${ERRORS_PER_WINDOW} errors, then one error per freed slot`, async () => {
    vi.useFakeTimers();
    let n = 0;
    const shell = {
      current: "t0" as string | null,
      async reportFailed() {
        shell.current = `t${++n}`; // each report renews the token, and the child fails again
        return renewed(shell.current);
      },
    };
    const { child, send, reportFailed } = setup(async () => renewed("t0"), shell);
    // A child whose every request fails asks again as soon as it has an answer.
    const askUntil = async (answers: number) => {
      while (child.postMessage.mock.calls.length < answers) {
        send(request, CHILD_ORIGIN, child);
        await vi.advanceTimersByTimeAsync(1);
      }
    };
    await askUntil(1 + REPORTS_PER_WINDOW + ERRORS_PER_WINDOW);
    expect(reportFailed).toHaveBeenCalledTimes(REPORTS_PER_WINDOW);
    expect(answerTypes(child).filter((t) => t === "arcgis:auth:error")).toHaveLength(ERRORS_PER_WINDOW);
    const before = child.postMessage.mock.calls.length;
    for (let i = 0; i < 100; i++) send(request, CHILD_ORIGIN, child);
    await vi.advanceTimersByTimeAsync(ASK_WINDOW_MS / 2);
    expect(child.postMessage).toHaveBeenCalledTimes(before);
    await vi.advanceTimersByTimeAsync(ASK_WINDOW_MS / 2);
    expect(child.postMessage).toHaveBeenCalledTimes(before + 1);
  });

  it("answers a refusal still waiting when stopped, once, and clears its timer", async () => {
    vi.useFakeTimers();
    let n = 0;
    const shell = {
      current: "tk" as string | null,
      async reportFailed() {
        shell.current = `tk${++n}`;
        return renewed(shell.current);
      },
    };
    const { child, send, stop } = setup(async () => credential, shell);
    for (let i = 0; i < 1 + REPORTS_PER_WINDOW + ERRORS_PER_WINDOW + 1; i++) {
      send(request, CHILD_ORIGIN, child);
      await vi.advanceTimersByTimeAsync(1);
    }
    const before = child.postMessage.mock.calls.length;
    stop();
    expect(child.postMessage).toHaveBeenCalledTimes(before + 1);
    await vi.advanceTimersByTimeAsync(ASK_WINDOW_MS * 2);
    expect(child.postMessage).toHaveBeenCalledTimes(before + 1);
    expect(vi.getTimerCount()).toBe(0);
  });
});
