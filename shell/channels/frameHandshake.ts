/**
 * The parent side of the iframe handshake (docs/protocol.md §2): a frame of this page, from an origin in
 * `childOrigins`, that sends exactly `{type:"arcgis-auth-shell/connect",version:1}` gets a private
 * port; everyone else gets silence.
 */
import { connectMessageSchema } from "../../protocol/handshake.schema.ts";
import { CONNECT_TYPE, CONNECTED_TYPE } from "../../protocol/handshake.ts";
import { type PageAccess, windowAccess } from "./pageAccess.ts";

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
    // The type first: the page's other messages (an embedded app's ask, say) end here, not in a failed parse.
    if (event.data?.type !== CONNECT_TYPE || !connectMessageSchema.safeParse(event.data).success) return;
    if (!allowed.has(event.origin) || !page.isOwnFrame(event.source)) {
      options.onRefused?.(event.origin);
      return;
    }
    const port = options.openChannel(`frame ${event.origin}`);
    (event.source as Window).postMessage({ type: CONNECTED_TYPE, version: 1 }, event.origin, [port]);
  });
}
