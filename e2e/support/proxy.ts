/**
 * A forwarding HTTP proxy that keeps the demo's fixed addresses while the servers behind them
 * listen on free ports: a request for a loopback name (localhost, 127.x.x.x, [::1], or a name
 * listed as `loopbackNames`) on a mapped port goes to the mapped port on 127.0.0.1, Host header
 * unchanged, so the servers see the public address. Other requests are forwarded as they are.
 *
 * Plain http is forwarded request by request; https and WebSockets arrive as CONNECT and are
 * tunnelled byte for byte (the dev portal answers TLS on the same port, so the tunnel needs no
 * certificate of its own). A destination that cannot be reached ends the browser's connection
 * without an answer, as an unreachable server would.
 */
import { createServer, request as forward, type IncomingMessage, type ServerResponse } from "node:http";
import { type AddressInfo, connect, type Socket } from "node:net";
import type { Duplex } from "node:stream";

export interface ForwardingProxyOptions {
  /** Public port → the loopback port that really answers it. */
  readonly ports: ReadonlyMap<number, number>;
  /** Names treated as resolving to 127.0.0.1 (a DNS-rebinding test's name, say). */
  readonly loopbackNames?: readonly string[];
}

export interface ForwardingProxy {
  /** e.g. "http://127.0.0.1:41234", for Playwright's `proxy.server`. */
  readonly url: string;
  close(): Promise<void>;
}

interface Destination {
  readonly host: string;
  readonly port: number;
}

function isLoopbackName(hostname: string, extra: readonly string[]): boolean {
  return (
    hostname === "localhost" ||
    hostname.endsWith(".localhost") ||
    /^127\.\d+\.\d+\.\d+$/.test(hostname) ||
    hostname === "[::1]" ||
    extra.includes(hostname)
  );
}

/** Where `url` (an absolute http URL, or `host:port` for CONNECT) really goes; null if it is neither. */
function destinationOf(target: string, options: ForwardingProxyOptions): Destination | null {
  const absolute = /^[a-z]+:\/\//i.test(target) ? target : `http://${target}`;
  if (!URL.canParse(absolute)) return null;
  const url = new URL(absolute);
  const port = Number(url.port || (url.protocol === "https:" ? 443 : 80));
  if (isLoopbackName(url.hostname, options.loopbackNames ?? [])) {
    const mapped = options.ports.get(port);
    if (mapped !== undefined) return { host: "127.0.0.1", port: mapped };
    if (!url.hostname.startsWith("[")) return { host: "127.0.0.1", port };
  }
  return { host: url.hostname.replace(/^\[(.*)\]$/, "$1"), port };
}

/** Forwards one plain-http proxy request (absolute URL in the request line). */
function forwardRequest(request: IncomingMessage, response: ServerResponse, options: ForwardingProxyOptions) {
  const to = destinationOf(request.url ?? "", options);
  if (to === null || !/^http:\/\//i.test(request.url ?? "")) {
    response.writeHead(400).end();
    return;
  }
  const { pathname, search } = new URL(request.url as string);
  const headers: string[] = [];
  for (let i = 0; i < request.rawHeaders.length; i += 2) {
    const name = request.rawHeaders[i] as string;
    if (/^proxy-/i.test(name)) continue;
    headers.push(name, request.rawHeaders[i + 1] as string);
  }
  const upstream = forward(
    { host: to.host, port: to.port, method: request.method, path: pathname + search, headers },
    (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.statusMessage, answer.rawHeaders);
      answer.pipe(response);
    },
  );
  upstream.on("error", () => response.destroy());
  response.on("close", () => upstream.destroy());
  request.pipe(upstream);
}

/** Tunnels a CONNECT (https, WebSocket) to its destination. */
function tunnel(request: IncomingMessage, client: Duplex, head: Buffer, options: ForwardingProxyOptions) {
  const to = destinationOf(request.url ?? "", options);
  if (to === null) {
    client.end("HTTP/1.1 400 Bad Request\r\n\r\n");
    return;
  }
  const upstream = connect(to.port, to.host, () => {
    client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
    if (head.length > 0) upstream.write(head);
    upstream.pipe(client);
    client.pipe(upstream);
  });
  upstream.on("error", () => client.destroy());
  client.on("error", () => upstream.destroy());
  client.on("close", () => upstream.destroy());
}

/** Starts the proxy on a free port of 127.0.0.1. */
export async function startForwardingProxy(options: ForwardingProxyOptions): Promise<ForwardingProxy> {
  const sockets = new Set<Socket>();
  const server = createServer((request, response) => forwardRequest(request, response, options));
  server.on("connect", (request, client: Socket, head) => {
    sockets.add(client);
    client.on("close", () => sockets.delete(client));
    tunnel(request, client, head, options);
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
