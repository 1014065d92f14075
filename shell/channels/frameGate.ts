/**
 * The one gate for messages from child frames (docs/protocol.md §2, README "Embedded ArcGIS
 * apps"): a message of the wanted kind from a frame of this page at an allowed origin reaches
 * the handler; one from anywhere else is refused (reported, and answered with silence).
 */
import type { PageAccess } from "./pageAccess.ts";

/** Who may talk to the shell from a frame. */
export interface FrameGateOptions {
  /** Exact origins whose frames may talk to the shell. */
  childOrigins: readonly string[];
  /** A message of the wanted kind came from elsewhere (diagnostics). */
  onRefused?(origin: string): void;
  /** The page the frames are in. */
  page: PageAccess;
}

/**
 * Calls `handle` with the frame and its origin for each message that `wanted` accepts and that
 * passes the gate; returns the function that stops listening.
 */
export function listenToChildFrames(
  options: FrameGateOptions,
  wanted: (data: unknown) => boolean,
  handle: (frame: Window, origin: string) => void,
): () => void {
  const { page } = options;
  const allowed = new Set(options.childOrigins);
  return page.listen((event: MessageEvent) => {
    if (!wanted(event.data)) return;
    if (allowed.has(event.origin) && page.isOwnFrame(event.source))
      handle(event.source as Window, event.origin);
    else options.onRefused?.(event.origin);
  });
}
