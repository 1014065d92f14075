/**
 * The parent side of the iframe handshake (docs/protocol.md §2): a frame of this page, from an origin in
 * `childOrigins`, that sends exactly `{type:"arcgis-auth-shell/connect",version:1}` gets a private
 * port; everyone else gets silence.
 */
import { connectMessageSchema } from "../../protocol/handshake.schema.ts";
import { CONNECTED_TYPE } from "../../protocol/handshake.ts";

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

/** Starts answering handshakes; returns the function that stops it. */
export function listenForFrames(options: {
  childOrigins: readonly string[];
  openChannel(name: string): MessagePort;
  onRefused?(origin: string): void;
  page?: PageAccess;
}): () => void {
  const page = options.page ?? windowAccess();
  const allowed = new Set(options.childOrigins);
  return page.listen((event: MessageEvent) => {
    if (!connectMessageSchema.safeParse(event.data).success) return;
    if (!allowed.has(event.origin) || !page.isOwnFrame(event.source)) {
      options.onRefused?.(event.origin);
      return;
    }
    const port = options.openChannel(`frame ${event.origin}`);
    (event.source as Window).postMessage({ type: CONNECTED_TYPE, version: 1 }, event.origin, [port]);
  });
}
