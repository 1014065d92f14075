/**
 * Test helper: window-like objects linked like real ones (`frames` down, `parent` up; a top-level
 * window is its own parent), and hand-built message events. Node's MessageEvent only takes a
 * MessagePort as `source`, and jsdom/happy-dom deliver `postMessage` with a wrong origin/source,
 * so origin/source rules are unit-tested with events built here and for real in Chromium (e2e/).
 */
import { vi } from "vitest";

/** A window-like object: its frames, its parent. */
export interface FakeWindow {
  frames: FakeWindow[];
  parent: FakeWindow | null;
}

/** Makes `parent` the parent of each of `frames`. */
function adopt(parent: FakeWindow, frames: FakeWindow[]) {
  for (const frame of frames) frame.parent = parent;
}

/**
 * A stand-in for another window: records what is posted to it. Top-level (its own parent) until
 * a page or another frame takes it among its `frames`.
 */
export function fakeFrame(frames: FakeWindow[] = []) {
  const frame = { frames, parent: null as FakeWindow | null, postMessage: vi.fn() };
  frame.parent = frame;
  adopt(frame, frames);
  return frame;
}

/** A top-level page with `frames`, on which `send` dispatches a message event from `source` at `origin`. */
export function fakePage(frames: FakeWindow[]) {
  const win = Object.assign(new EventTarget(), { frames, parent: null as FakeWindow | null });
  win.parent = win;
  adopt(win, frames);
  const send = (data: unknown, origin: string, source: object | null) => {
    const event = Object.assign(new Event("message"), { data, origin, source, ports: [] });
    win.dispatchEvent(event);
  };
  return { win: win as unknown as Window, send };
}
