import { afterEach, describe, expect, it, vi } from "vitest";
import type { AuthReport, SessionInfo, TokenGrant } from "../../protocol/appChannel.ts";
import {
  AccessDeniedError,
  AuthShellError,
  InvalidRequestError,
  PortalError,
  ShellUnavailableError,
  SignInError,
  UntrustedServerError,
} from "../../protocol/errors.ts";
import type { AuthClient } from "../../sdk/client.ts";
import { connectAuth } from "../../sdk/index.ts";
import { type ChannelBackend, createAppChannels } from "./appChannels.ts";

const PORTAL = "http://localhost:4100/sharing/rest";
const FUTURE = Date.now() + 3_600_000;
const session: SessionInfo = { username: "jsmith", expires: FUTURE, portal: PORTAL, ssl: false };

function fakeBackend() {
  const calls: { grantFor: [string | undefined, boolean][]; reports: AuthReport[] } = {
    grantFor: [],
    reports: [],
  };
  let current: TokenGrant = { token: "portal-token-1", expires: FUTURE };
  const backend: ChannelBackend & { calls: typeof calls; rotate(token: string): void; reject?: Error } = {
    portal: PORTAL,
    calls,
    sessionInfo: () => session,
    async grantFor(url, wait) {
      calls.grantFor.push([url, wait]);
      if (url?.startsWith("http://localhost:4300")) throw new UntrustedServerError();
      return current;
    },
    async reportAuthError(report) {
      calls.reports.push(report);
      if (backend.reject) throw backend.reject;
      return current;
    },
    rotate(token) {
      current = { token, expires: FUTURE };
    },
    lookupBudget: () => () => true,
  };
  return backend;
}

const clients: AuthClient[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.close();
});

async function connected(backend = fakeBackend()) {
  const channels = createAppChannels(backend);
  const client = await connectAuth(channels.open("test-app"), { timeoutMs: 500 });
  clients.push(client);
  return { backend, channels, client };
}

describe("app channels with the real SDK over a MessageChannel", () => {
  it("serves tokens and caches them per scope", async () => {
    const { backend, client } = await connected();
    expect(await client.getToken()).toBe("portal-token-1");
    expect(await client.getToken()).toBe("portal-token-1");
    expect(await client.getToken(`${PORTAL}/community/self`)).toBe("portal-token-1");
    expect(await client.getToken(`${PORTAL}/portals/self`)).toBe("portal-token-1");
    // one call for "" (no url) and one for the portal scope; the second of each came from the cache
    expect(backend.calls.grantFor).toEqual([
      [undefined, true],
      [`${PORTAL}/community/self`, true],
    ]);
    expect(await client.getSession()).toEqual(session);
    expect(client.authentication.portal).toBe(PORTAL);
  });

  it("drops its cache on a session notice", async () => {
    const { backend, channels, client } = await connected();
    expect(await client.getToken()).toBe("portal-token-1");
    const seen = new Promise<SessionInfo | null>((resolve) => client.onSessionChange(resolve));
    backend.rotate("portal-token-2");
    channels.notifySession(null);
    expect(await seen).toBeNull();
    expect(await client.getToken()).toBe("portal-token-2");
  });

  it("reports the token it handed out, and rejects with the shell's typed error", async () => {
    const { backend, client } = await connected();
    await client.getToken(`${PORTAL}/community/self`);
    backend.rotate("portal-token-2");
    expect(await client.reportAuthError({ code: 498 }, `${PORTAL}/community/self`)).toBe("portal-token-2");
    expect(backend.calls.reports[0]).toEqual({
      url: `${PORTAL}/community/self`,
      token: "portal-token-1",
      code: 498,
    });
    backend.reject = new AccessDeniedError();
    await expect(client.reportAuthError({ code: 499 })).rejects.toBeInstanceOf(AccessDeniedError);
  });

  it("turns an untrusted server into UntrustedServerError, and asks the shell again next time", async () => {
    const { backend, client } = await connected();
    const url = "http://localhost:4300/arcgis/rest/services/Parcels/FeatureServer/0/query";
    await expect(client.getToken(url)).rejects.toBeInstanceOf(UntrustedServerError);
    await expect(client.getToken(url)).rejects.toBeInstanceOf(UntrustedServerError);
    // The shell keeps the verdicts; a refusal without one (failed lookup, budget) must not stick.
    expect(backend.calls.grantFor.filter(([u]) => u === url)).toHaveLength(2);
  });

  it("refuses URLs that carry credentials without asking the shell", async () => {
    const { backend, client } = await connected();
    await expect(client.getToken("http://localhost:4100@evil.test/sharing/rest")).rejects.toBeInstanceOf(
      UntrustedServerError,
    );
    expect(backend.calls.grantFor).toHaveLength(0);
  });

  it("never hands a cached server token to a URL with encoded separators under the same root", async () => {
    const { backend, client } = await connected();
    const root = "http://localhost:4200/arcgis/rest/services";
    expect(await client.getToken(`${root}/Trees/FeatureServer/0`)).toBe("portal-token-1");
    for (const url of [`${root}/..%2F..%2Fother/rest/services/x`, `${root}/%2e%2e/x`, `${root}%5cx`]) {
      await expect(client.getToken(url)).rejects.toBeInstanceOf(UntrustedServerError);
    }
    expect(backend.calls.grantFor).toHaveLength(1);
  });

  it("sends an error as its kind's fixed message and ArcGIS's codes, never the text it was raised with", async () => {
    const backend = fakeBackend();
    const channels = createAppChannels(backend);
    const port = channels.open("errors");
    const crossed: unknown[] = [];
    port.addEventListener("message", (event) => crossed.push(event.data));
    const client = await connectAuth(port, { timeoutMs: 500 });
    clients.push(client);
    const raised = [
      new PortalError("refused: Invalid token SECRET-1", 498, "GWM_0003"),
      new SignInError("Sign-in failed: Invalid_Signin (SECRET-2)"),
      new TypeError("Cannot read the answer for token=SECRET-3_0123456789abcdef"),
    ];
    const arrived = [];
    for (const error of raised) {
      backend.reject = error;
      arrived.push(await client.reportAuthError({ code: 498 }).catch((e: Error) => e));
    }
    expect(arrived.slice(0, 2)).toEqual([new PortalError(undefined, 498, "GWM_0003"), new SignInError()]);
    expect(arrived.map((e) => (e as Error).message)).toEqual([
      "The portal refused the request.",
      "Sign-in failed.",
      "Cannot read the answer for …",
    ]);
    // An error that is not ours keeps its name, not a made-up kind.
    expect(arrived[2]).not.toBeInstanceOf(AuthShellError);
    expect((arrived[2] as Error).name).toBe("TypeError");
    expect(JSON.stringify(crossed)).not.toContain("SECRET");
  });

  it("answers malformed arguments with InvalidRequestError", async () => {
    const { client } = await connected();
    await expect(client.getToken(`${PORTAL}/${"x".repeat(9000)}`)).rejects.toBeInstanceOf(
      InvalidRequestError,
    );
  });

  it("rejects pending and later calls with ShellUnavailableError when the shell closes", async () => {
    const { channels, client } = await connected();
    channels.closeAll();
    await expect(client.getSession()).rejects.toBeInstanceOf(ShellUnavailableError);
  });

  it("times out with ShellUnavailableError when nobody answers", async () => {
    const { port1 } = new MessageChannel();
    await expect(connectAuth(port1, { timeoutMs: 100 })).rejects.toBeInstanceOf(ShellUnavailableError);
  });

  it("closes only the released port", async () => {
    const backend = fakeBackend();
    const channels = createAppChannels(backend);
    const a = await connectAuth(channels.open("a"), { timeoutMs: 500 });
    const b = await connectAuth(channels.open("b"), { timeoutMs: 500 });
    clients.push(b);
    a.close();
    expect(await b.getToken()).toBe("portal-token-1");
    // b is still registered: it gets the session notices.
    const seen = new Promise<SessionInfo | null>((resolve) => b.onSessionChange(resolve));
    channels.notifySession(null);
    expect(await seen).toBeNull();
  });
});

describe("raw messages on an app port", () => {
  function rawPort() {
    const backend = fakeBackend();
    const channels = createAppChannels(backend);
    const port = channels.open("raw");
    const answers: unknown[] = [];
    port.addEventListener("message", (event) => answers.push((event as MessageEvent).data));
    port.start();
    const send = (message: unknown) => port.postMessage(message);
    /** A legit call after the raw ones: its answer proves the earlier messages were processed. */
    const ping = async () => {
      send({ id: "probe", type: "APPLY", path: ["ping"], argumentList: [] });
      await expect.poll(() => answers.some((a) => (a as { id?: string }).id === "probe")).toBe(true);
    };
    return { backend, channels, send, answers, ping };
  }

  it("drops SET, CONSTRUCT, GET, ENDPOINT and prototype paths without answering", async () => {
    const { send, answers, ping, backend } = rawPort();
    send({ id: "1", type: "SET", path: ["__proto__", "polluted"], value: { type: "RAW", value: 1 } });
    send({ id: "2", type: "SET", path: ["getToken"], value: { type: "RAW", value: 1 } });
    send({ id: "3", type: "CONSTRUCT", path: ["getToken"], argumentList: [] });
    send({ id: "4", type: "GET", path: ["constructor", "prototype"] });
    send({ id: "5", type: "APPLY", path: ["constructor", "constructor"], argumentList: [] });
    send({ id: "6", type: "APPLY", path: ["__proto__"], argumentList: [] });
    send({ id: "7", type: "ENDPOINT", path: [] });
    send({
      id: "8",
      type: "APPLY",
      path: ["getToken"],
      argumentList: [{ type: "HANDLER", name: "proxy", value: 1 }],
    });
    send(
      JSON.parse('{"id":"9","type":"APPLY","path":["ping"],"argumentList":[],"__proto__":{"polluted":1}}'),
    );
    await ping();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(answers.map((a) => (a as { id?: string }).id)).toEqual(["9", "probe"]);
    expect(backend.calls.grantFor).toHaveLength(0);
  });
});

describe("channels nobody uses", () => {
  it("are not registered until the app sends on them (single-spa calls customProps several times)", async () => {
    const channels = createAppChannels(fakeBackend());
    const unused = [channels.open("profile"), channels.open("profile")]; // load, bootstrap
    const used = channels.open("profile"); // mount
    const heard: unknown[] = [];
    for (const port of unused) {
      port.addEventListener("message", (event) => heard.push((event as MessageEvent).data));
      port.start();
    }
    const client = await connectAuth(used, { timeoutMs: 500 });
    clients.push(client);
    const seen = new Promise<SessionInfo | null>((resolve) => client.onSessionChange(resolve));
    channels.notifySession(null);
    expect(await seen).toBeNull();
    // A round trip on the used port after the notice: anything sent to the others has arrived by now.
    await client.getSession();
    expect(heard).toEqual([]);
  });
});

describe("a token request that waits for a recovery", () => {
  it("outlives the call deadline while the shell keeps answering (the user may take a while)", async () => {
    const backend = fakeBackend();
    const slow = backend.grantFor;
    backend.grantFor = async (url, wait, mayLookUp) => {
      // a recovery is running: the answer comes after the user signed in, here 3 deadlines later
      await new Promise((resolve) => setTimeout(resolve, 900));
      return slow(url, wait, mayLookUp);
    };
    const channels = createAppChannels(backend);
    const client = await connectAuth(channels.open("waits"), { timeoutMs: 300 });
    clients.push(client);
    const sent: string[] = [];
    vi.stubGlobal("fetch", async (request: Request) => {
      sent.push(new URL(request.url).searchParams.get("token") ?? "none");
      return Response.json({ username: "jsmith" });
    });
    try {
      const response = await client.fetch(`${PORTAL}/community/self?f=json`);
      expect(await response.json()).toEqual({ username: "jsmith" });
      expect(sent).toEqual(["portal-token-1"]);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
