import type { RequestListener } from "node:http";

/**
 * Defence against DNS rebinding, in front of every server of the local portal whatever framework
 * answers: a page on a name its attacker controls (rebind.example) can make that name resolve to
 * 127.0.0.1 and then read the portal as its own origin (the request log holds tokens). Its
 * requests still carry `Host: rebind.example`, so only loopback names and addresses, plus the one
 * host the portal was explicitly told to serve, are answered.
 */

/** Whether `hostname` (as `URL` serializes it) is `localhost`, `*.localhost`, 127.0.0.0/8 or `[::1]`. */
export function isLoopbackHostname(hostname: string): boolean {
  const name = hostname.endsWith(".") ? hostname.slice(0, -1) : hostname;
  return (
    name === "localhost" ||
    name.endsWith(".localhost") ||
    /^127\.\d+\.\d+\.\d+$/.test(name) ||
    name === "[::1]"
  );
}

/** The host name of a Host header value or of a `host` option, normalized; null if it is not one. */
export function hostnameOf(host: string): string | null {
  if (host === "" || /[/\\?#@\s]/.test(host)) return null;
  try {
    return new URL(`http://${host}`).hostname;
  } catch {
    return null;
  }
}

/** `host` as a URL spells it: IPv6 addresses in brackets. */
export function urlHost(host: string): string {
  return host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
}

/** Whether `host` can be startPortal's `host` option: a host name or address, without a port. */
export function isServableHost(host: string): boolean {
  const name = /^[a-z0-9]([a-z0-9.-]*[a-z0-9.])?$/i.test(host);
  const ipv6 = /^(\[[0-9a-f:.]*:[0-9a-f:.]*\]|[0-9a-f.]*:[0-9a-f:.]*)$/i.test(host);
  return (name || ipv6) && hostnameOf(urlHost(host)) !== null;
}

/** Whether a request with this Host header may be answered; `servedHost` is startPortal's `host`. */
export function isAllowedHost(hostHeader: string | undefined, servedHost: string | null = null): boolean {
  const hostname = hostHeader === undefined ? null : hostnameOf(hostHeader);
  if (hostname === null) return false;
  if (isLoopbackHostname(hostname)) return true;
  return servedHost !== null && hostname === hostnameOf(urlHost(servedHost));
}

const REFUSED = JSON.stringify({
  error: { code: 403, message: "This server answers only requests for a loopback host name.", details: [] },
});

/** `listener`, answering 403 (and nothing else) to requests whose Host is not allowed. */
export function guardHost(listener: RequestListener, servedHost: string | null = null): RequestListener {
  return (request, response) => {
    if (isAllowedHost(request.headers.host, servedHost)) return listener(request, response);
    response.writeHead(403, { "Content-Type": "application/json", "Cache-Control": "no-store" });
    response.end(REFUSED);
  };
}
