import { createServer as createHttpServer, type RequestListener } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { createServer as createNetServer, type Server, type Socket } from "node:net";

/**
 * http and https on one port, as ArcGIS Online answers both: the first byte of a connection
 * tells them apart (22 = a TLS handshake record), and the connection goes to the http or the
 * https server, both running the same request listener. The Maps SDK calls the portal's
 * generateToken over https whatever the portal says, so the port must answer both.
 */

/** The first byte of a TLS connection: a handshake record. */
const TLS_HANDSHAKE = 0x16;
/** A connection that sends nothing for this long is closed before it is given to a server. */
const FIRST_BYTE_TIMEOUT_MS = 10_000;

/** The listening server; `closeAll()` closes it and ends every connection. */
export interface DualProtocolServer {
  readonly server: Server;
  closeAll(): Promise<void>;
}

/** One port for `listener` over http and https (with `tls`'s key and certificate). */
export function createDualProtocolServer(
  listener: RequestListener,
  tls: { readonly key: string; readonly cert: string },
): DualProtocolServer {
  const http = createHttpServer(listener);
  const https = createHttpsServer({ key: tls.key, cert: tls.cert }, listener);
  // The http and https servers never listen themselves, so they track no connections: this does.
  const open = new Set<Socket>();
  const server = createNetServer((socket) => {
    open.add(socket);
    socket.setTimeout(FIRST_BYTE_TIMEOUT_MS, () => socket.destroy());
    socket.once("close", () => open.delete(socket));
    socket.once("data", (chunk: Buffer) => {
      socket.setTimeout(0);
      socket.pause();
      socket.unshift(chunk);
      (chunk[0] === TLS_HANDSHAKE ? https : http).emit("connection", socket);
      process.nextTick(() => socket.resume());
    });
  });
  const closeAll = () =>
    new Promise<void>((resolve) => {
      if (!server.listening) return resolve();
      server.close(() => resolve());
      for (const socket of open) socket.destroy();
    });
  return { server, closeAll };
}
