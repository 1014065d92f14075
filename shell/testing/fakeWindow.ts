/**
 * Test helper: a window-like event target with child frames, and hand-built message events.
 * Node's MessageEvent only takes a MessagePort as `source`, and jsdom/happy-dom deliver
 * `postMessage` with a wrong origin/source, so origin/source rules are unit-tested
 * with events built here and for real in Chromium (e2e/).
 */
import { vi } from "vitest";

/** A stand-in for another window: records what is posted to it. */
export function fakeFrame(frames: object[] = []) {
  return { frames, postMessage: vi.fn() };
}

/** A page with `frames`, on which `send` dispatches a message event from `source` at `origin`. */
export function fakePage(frames: object[]) {
  const win = Object.assign(new EventTarget(), { frames }) as unknown as Window;
  const send = (data: unknown, origin: string, source: object | null) => {
    const event = Object.assign(new Event("message"), { data, origin, source, ports: [] });
    win.dispatchEvent(event);
  };
  return { win, send };
}
