/**
 * How the shell meets its page: the `message` events of its window, and which windows are frames of
 * this page. Apart from the handshake so that the first load (shell/host.ts) does not carry it.
 */

/** Is `source` one of the frames inside `win`, at any depth? (Cross-origin frames expose `frames`.) */
export function isFrameOf(win: Window, source: MessageEventSource | null, depth = 0): boolean {
  if (!source || depth > 8) return false;
  const frames = win.frames;
  for (let i = 0; i < frames.length; i++) {
    const frame = frames[i];
    if (!frame) continue;
    if (frame === source || isFrameOf(frame, source, depth + 1)) return true;
  }
  return false;
}

/** How a listener meets the page: its `message` events, and which windows are its own frames. */
export interface PageAccess {
  /** Adds a `message` listener on the page's window; returns its removal. */
  listen(listener: (event: MessageEvent) => void): () => void;
  /** Is `source` a frame of this page (at any depth)? */
  isOwnFrame(source: MessageEventSource | null): boolean;
}

/** The real page: `window` itself. */
export function windowAccess(win: Window = window): PageAccess {
  return {
    listen(listener) {
      win.addEventListener("message", listener);
      return () => win.removeEventListener("message", listener);
    },
    isOwnFrame: (source) => isFrameOf(win, source),
  };
}
