import { describe, expect, it, vi } from "vitest";
import { windowAccess } from "../channels/frameHandshake.ts";
import { fakeFrame, fakePage } from "../testing/fakeWindow.ts";
import type { ArcGISCredential } from "../types.ts";
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

function setup(provide: () => Promise<ArcGISCredential>) {
  const child = fakeFrame();
  const stranger = fakeFrame();
  const { win, send } = fakePage([child]);
  const stop = listenForEmbeddedApps({
    childOrigins: [CHILD_ORIGIN],
    credential: provide,
    page: windowAccess(win),
  });
  return { child, stranger, send, stop };
}

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
});
