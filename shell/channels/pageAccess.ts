/**
 * How the shell meets its page: the `message` events of its window, and which windows are frames of
 * this page. Apart from the handshake so that the first load (shell/host.ts) does not carry it.
 */

/** How deep a frame may sit below the page and still count as its own. */
export const MAX_FRAME_DEPTH = 9;

/**
 * Is `source` one of the frames inside `win`, at most `MAX_FRAME_DEPTH` levels down? The page's
 * own children first: every embedded child asks its `window.parent`, so this is where askers sit,
 * and reading the page's own `frames` is cheap. Deeper, it walks up from `source` through
 * `parent` (readable on cross-origin frames, but each such read costs a cross-origin access check,
 * so only there): one read per level, however many frames the page has. A top-level window is its
 * own parent, a removed frame has none, and a source that is not a window (a port, a worker) has
 * no `parent` at all: none of them is a frame of `win`.
 */
export function isFrameOf(win: Window, source: MessageEventSource | null): boolean {
  if (!source) return false;
  const children = win.frames;
  for (let i = 0; i < children.length; i++) if (children[i] === source) return true;
  let frame = source as Window | null;
  for (let depth = 0; frame && depth < MAX_FRAME_DEPTH; depth++) {
    const parent: Window | null | undefined = frame.parent;
    if (!parent || parent === frame) return false;
    if (parent === win) return depth > 0; // a direct child would have been found above
    frame = parent;
  }
  return false;
}

/** How a listener meets the page: its `message` events, and which windows are its own frames. */
export interface PageAccess {
  /** Adds a `message` listener on the page's window; returns its removal. */
  listen(listener: (event: MessageEvent) => void): () => void;
  /** Is `source` a frame of this page (nested up to `MAX_FRAME_DEPTH` deep)? */
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
