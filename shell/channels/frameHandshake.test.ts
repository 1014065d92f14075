import { describe, expect, it } from "vitest";
import { CONNECTED_TYPE } from "../../protocol/handshake.ts";
import { fakeFrame, fakePage as fakeWindow } from "../testing/fakeWindow.ts";
import { listenForFrames } from "./frameHandshake.ts";
import { isFrameOf, windowAccess } from "./pageAccess.ts";

const CHILD_ORIGIN = "http://127.0.0.1:5174";

function fakePage() {
  const grandchild = fakeFrame();
  const child = fakeFrame([grandchild]);
  const stranger = fakeFrame();
  return { child, grandchild, stranger, ...fakeWindow([child]) };
}

describe("isFrameOf", () => {
  it("finds frames at any depth and nothing else", () => {
    const { win, child, grandchild, stranger } = fakePage();
    expect(isFrameOf(win, child as unknown as Window)).toBe(true);
    expect(isFrameOf(win, grandchild as unknown as Window)).toBe(true);
    expect(isFrameOf(win, stranger as unknown as Window)).toBe(false);
    expect(isFrameOf(win, null)).toBe(false);
  });
});

describe("listenForFrames", () => {
  function setup() {
    const page = fakePage();
    const opened: string[] = [];
    const refused: string[] = [];
    const stop = listenForFrames({
      childOrigins: [CHILD_ORIGIN],
      page: windowAccess(page.win),
      openChannel: (name) => {
        opened.push(name);
        return new MessageChannel().port1;
      },
      onRefused: (origin) => refused.push(origin),
    });
    return { ...page, opened, refused, stop };
  }

  it("answers an allowed frame with one port, to its origin only", () => {
    const { child, send, opened } = setup();
    send({ type: "arcgis-auth-shell/connect", version: 1 }, CHILD_ORIGIN, child);
    expect(opened).toHaveLength(1);
    expect(child.postMessage).toHaveBeenCalledTimes(1);
    const [message, targetOrigin, transfer] = child.postMessage.mock.calls[0]!;
    expect(message).toEqual({ type: CONNECTED_TYPE, version: 1 });
    expect(targetOrigin).toBe(CHILD_ORIGIN);
    expect(transfer).toHaveLength(1);
  });

  it("stays silent to other origins, to windows that are not its frames, and to malformed requests", () => {
    const { child, stranger, send, opened, refused } = setup();
    send({ type: "arcgis-auth-shell/connect", version: 1 }, "http://evil.test", child);
    send({ type: "arcgis-auth-shell/connect", version: 1 }, CHILD_ORIGIN, stranger);
    send({ type: "arcgis-auth-shell/connect", version: 2 }, CHILD_ORIGIN, child);
    send({ type: "arcgis-auth-shell/connect", version: 1, extra: true }, CHILD_ORIGIN, child);
    send("arcgis-auth-shell/connect", CHILD_ORIGIN, child);
    expect(opened).toEqual([]);
    expect(child.postMessage).not.toHaveBeenCalled();
    expect(stranger.postMessage).not.toHaveBeenCalled();
    expect(refused).toEqual(["http://evil.test", CHILD_ORIGIN]);
  });

  it("stops listening", () => {
    const { child, send, opened, stop } = setup();
    stop();
    send({ type: "arcgis-auth-shell/connect", version: 1 }, CHILD_ORIGIN, child);
    expect(opened).toEqual([]);
  });
});
