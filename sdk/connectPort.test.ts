import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ShellUnavailableError } from "../protocol/errors.ts";
import { CONNECT_TYPE, CONNECTED_TYPE } from "../protocol/handshake.ts";
import { connectPort } from "./connectPort.ts";

const PARENT = "https://host.example";

/** A frame's window with a parent that records what it is sent; `answer` delivers a message. */
function frameWindow() {
  const sent: { data: unknown; targetOrigin: string }[] = [];
  const parent = { postMessage: (data: unknown, targetOrigin: string) => sent.push({ data, targetOrigin }) };
  const listeners = new Set<(event: MessageEvent) => void>();
  const win = {
    parent,
    addEventListener: (_: string, listener: (event: MessageEvent) => void) => listeners.add(listener),
    removeEventListener: (_: string, listener: (event: MessageEvent) => void) => listeners.delete(listener),
  };
  const answer = (event: Partial<MessageEvent>) => {
    for (const listener of [...listeners]) listener({ ports: [], ...event } as unknown as MessageEvent);
  };
  return { win: win as unknown as Window, parent, sent, listeners, answer };
}

/** A port that records what is posted on it. */
const fakePort = () => {
  const posted: unknown[] = [];
  return { posted, postMessage: (message: unknown) => posted.push(message) } as unknown as MessagePort & {
    posted: unknown[];
  };
};

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("connectPort", () => {
  it("asks the parent at its origin, again with growing gaps, until the parent answers with a port", async () => {
    const { win, parent, sent, answer } = frameWindow();
    const connected = connectPort({ parentOrigin: PARENT, timeoutMs: 10_000 }, win);
    expect(sent).toEqual([{ data: { type: CONNECT_TYPE, version: 1 }, targetOrigin: PARENT }]);
    await vi.advanceTimersByTimeAsync(250 + 500 + 1000);
    expect(sent).toHaveLength(4);
    await vi.advanceTimersByTimeAsync(1999);
    expect(sent).toHaveLength(4);
    const port = fakePort();
    answer({
      source: parent as unknown as Window,
      origin: PARENT,
      data: { type: CONNECTED_TYPE, version: 1 },
      ports: [port],
    });
    await expect(connected).resolves.toBe(port);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sent).toHaveLength(4); // no more asking once answered
  });

  it("ignores answers from another window, another origin, another shape or with no single port", async () => {
    const { win, parent, answer, listeners } = frameWindow();
    const outcome = connectPort({ parentOrigin: PARENT, timeoutMs: 1000 }, win).catch(
      (error: unknown) => error,
    );
    const good = { type: CONNECTED_TYPE, version: 1 };
    const port = fakePort();
    answer({ source: {} as Window, origin: PARENT, data: good, ports: [port] });
    answer({
      source: parent as unknown as Window,
      origin: "https://evil.example",
      data: good,
      ports: [port],
    });
    answer({
      source: parent as unknown as Window,
      origin: PARENT,
      data: { ...good, version: 2 },
      ports: [port],
    });
    answer({
      source: parent as unknown as Window,
      origin: PARENT,
      data: { type: "other", version: 1 },
      ports: [port],
    });
    answer({ source: parent as unknown as Window, origin: PARENT, data: good, ports: [] });
    answer({ source: parent as unknown as Window, origin: PARENT, data: good, ports: [port, fakePort()] });
    await vi.advanceTimersByTimeAsync(1000);
    expect(await outcome).toBeInstanceOf(ShellUnavailableError);
    expect(listeners.size).toBe(0);
    expect(port.posted).toEqual([]);
  });

  it("releases the port of a late duplicate answer and keeps the first", async () => {
    const { win, parent, answer, listeners } = frameWindow();
    const connected = connectPort({ parentOrigin: PARENT, timeoutMs: 1000 }, win);
    const [first, extra] = [fakePort(), fakePort()];
    const from = {
      source: parent as unknown as Window,
      origin: PARENT,
      data: { type: CONNECTED_TYPE, version: 1 },
    };
    answer({ ...from, ports: [first] });
    answer({ ...from, ports: [extra] });
    await expect(connected).resolves.toBe(first);
    expect(extra.posted).toEqual([{ type: "RELEASE", id: "extra", path: [] }]);
    expect(first.posted).toEqual([]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(listeners.size).toBe(0);
  });

  it("rejects with ShellUnavailableError when the parent never answers, after the deadline", async () => {
    const { win } = frameWindow();
    const connected = connectPort({ parentOrigin: PARENT, timeoutMs: 3000 }, win);
    const outcome = connected.catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(2999);
    expect(await Promise.race([outcome, Promise.resolve("pending")])).toBe("pending");
    await vi.advanceTimersByTimeAsync(1);
    expect(await outcome).toBeInstanceOf(ShellUnavailableError);
  });

  it("rejects with ShellUnavailableError on a page that is not inside a frame", async () => {
    const win = { postMessage() {}, addEventListener() {}, removeEventListener() {} } as unknown as Window;
    Object.assign(win, { parent: win });
    await expect(connectPort({ parentOrigin: PARENT }, win)).rejects.toBeInstanceOf(ShellUnavailableError);
  });

  it("takes exactly an http(s) origin as parentOrigin, nothing longer or looser", async () => {
    const notAnOrigin = fc.oneof(
      fc.webUrl({ withQueryParameters: true, withFragments: true }).filter((u) => new URL(u).origin !== u),
      fc.string(),
      fc.constantFrom(
        "*",
        "/",
        "null",
        "https://host.example/",
        "HTTPS://host.example",
        "ftp://host.example",
      ),
      fc.webUrl().map((u) => new URL(u).origin.replace("://", "://user@")),
    );
    await fc.assert(
      fc.asyncProperty(notAnOrigin, async (parentOrigin) => {
        const { win, sent } = frameWindow();
        await expect(connectPort({ parentOrigin, timeoutMs: 1 }, win)).rejects.toBeInstanceOf(TypeError);
        expect(sent).toEqual([]);
      }),
    );
    await fc.assert(
      fc.asyncProperty(fc.webUrl({ validSchemes: ["http", "https"] }), async (url) => {
        const parentOrigin = new URL(url).origin;
        const { win, sent } = frameWindow();
        const outcome = connectPort({ parentOrigin, timeoutMs: 1 }, win).catch((error: unknown) => error);
        await vi.advanceTimersByTimeAsync(1);
        expect(await outcome).toBeInstanceOf(ShellUnavailableError);
        expect(sent.map((s) => s.targetOrigin)).toContain(parentOrigin);
      }),
      { numRuns: 50 },
    );
  }, 30_000);
});
