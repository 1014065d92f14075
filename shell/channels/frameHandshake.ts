/**
 * The parent side of the iframe handshake (docs/protocol.md §2): a frame of this page, from an origin in
 * `childOrigins`, that sends exactly `{type:"arcgis-auth-shell/connect",version:1}` gets a private
 * port; everyone else gets silence.
 */
import { connectMessageSchema } from "../../protocol/handshake.schema.ts";
import { CONNECT_TYPE, CONNECTED_TYPE } from "../../protocol/handshake.ts";
import { type FrameGateOptions, listenToChildFrames } from "./frameGate.ts";

/** Starts answering handshakes; returns the function that stops it. */
export function listenForFrames(
  options: FrameGateOptions & { openChannel(name: string): MessagePort },
): () => void {
  return listenToChildFrames(
    options,
    // The type first: the page's other messages (an embedded app's ask, say) end here, not in a failed parse.
    (data) =>
      (data as { type?: unknown } | null)?.type === CONNECT_TYPE &&
      connectMessageSchema.safeParse(data).success,
    (frame, origin) => {
      const port = options.openChannel(`frame ${origin}`);
      frame.postMessage({ type: CONNECTED_TYPE, version: 1 }, origin, [port]);
    },
  );
}
