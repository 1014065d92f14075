import { createServer, request, type Server } from "node:http";
import { type AddressInfo, connect } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { type ForwardingProxy, startForwardingProxy } from "./proxy.ts";

/** A server on a free port that answers with the Host header it saw. */
async function echoHost(): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => res.end(`host=${req.headers.host} path=${req.url}`));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

/** GET `url` through the proxy, as a browser does (absolute URL in the request line). */
function getThrough(proxy: ForwardingProxy, url: string): Promise<string> {
  const { port } = new URL(proxy.url);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: "127.0.0.1", port, path: url, headers: { host: new URL(url).host } },
      (res) => {
        let body = "";
        res.on("data", (chunk) => {
          body += chunk;
        });
        res.on("end", () => resolve(body));
      },
    );
    req.on("error", reject);
    req.end();
  });
}

const running: Array<{ close(): unknown }> = [];
afterEach(async () => {
  for (const item of running.splice(0)) await item.close();
});

describe("startForwardingProxy", () => {
  it("sends a mapped public port to the port behind it, keeping the Host header", async () => {
    const behind = await echoHost();
    running.push(behind.server);
    const proxy = await startForwardingProxy({ ports: new Map([[4100, behind.port]]) });
    running.push(proxy);
    expect(await getThrough(proxy, "http://localhost:4100/sharing/rest/info?f=json")).toBe(
      "host=localhost:4100 path=/sharing/rest/info?f=json",
    );
    expect(await getThrough(proxy, "http://127.0.0.1:4100/x")).toBe("host=127.0.0.1:4100 path=/x");
  });

  it("maps a name only when it is loopback or listed as such", async () => {
    const behind = await echoHost();
    running.push(behind.server);
    const ports = new Map([[4100, behind.port]]);
    const plain = await startForwardingProxy({ ports });
    const rebinding = await startForwardingProxy({ ports, loopbackNames: ["rebind.test"] });
    running.push(plain, rebinding);
    await expect(getThrough(plain, "http://rebind.test:4100/x")).rejects.toThrow();
    expect(await getThrough(rebinding, "http://rebind.test:4100/x")).toBe("host=rebind.test:4100 path=/x");
  });

  it("tunnels CONNECT to the mapped port byte for byte", async () => {
    const behind = await echoHost();
    running.push(behind.server);
    const proxy = await startForwardingProxy({ ports: new Map([[4200, behind.port]]) });
    running.push(proxy);
    const socket = connect(Number(new URL(proxy.url).port), "127.0.0.1");
    let answer = "";
    socket.on("data", (chunk) => {
      answer += chunk;
    });
    socket.write("CONNECT localhost:4200 HTTP/1.1\r\nHost: localhost:4200\r\n\r\n");
    socket.write("GET /tunnelled HTTP/1.1\r\nHost: localhost:4200\r\nConnection: close\r\n\r\n");
    await new Promise((resolve) => socket.on("close", resolve));
    expect(answer).toMatch(/^HTTP\/1\.1 200 Connection Established\r\n\r\nHTTP\/1\.1 200 OK/);
    expect(answer).toContain("host=localhost:4200 path=/tunnelled");
  });

  it("ends the connection without an answer when nothing listens behind a port", async () => {
    const behind = await echoHost();
    await new Promise((resolve) => behind.server.close(resolve));
    const proxy = await startForwardingProxy({ ports: new Map([[4300, behind.port]]) });
    running.push(proxy);
    await expect(getThrough(proxy, "http://localhost:4300/x")).rejects.toThrow(/socket hang up|ECONNRESET/);
  });
});
